/**
 * Requests the runtime must not send a second time on its own. Some runtimes resend a request
 * beneath the caller when a pooled keep-alive connection drops before the answer: Deno 2.9 any
 * method (ext/fetch's retry of incomplete-message and reset errors on pooled connections), Bun
 * 1.4 idempotent methods. When the server had applied the request, that is a second note or
 * email. A request that goes out on a connection that was never used before, and is not used
 * again, is never resent. Node (undici) and workerd do not resend a request once written, so
 * there the fetch is used as it is. See the README's "Runtimes".
 */

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

interface DenoHttpClient {
  close(): void;
}

interface DenoGlobal {
  createHttpClient(options: { poolMaxIdlePerHost?: number }): DenoHttpClient;
}

function runtimeGlobal<T>(name: string): T | undefined {
  return (globalThis as Record<string, unknown>)[name] as T | undefined;
}

/** A fetch that sends each request on a connection of its own where the runtime would resend it; undefined elsewhere. */
export function oneShotFetch(base?: Fetch): Fetch | undefined {
  // Looked up per call, so a fetch patched after the client was made is used.
  const send: Fetch = base ?? ((input, init) => globalThis.fetch(input, init));
  const deno = runtimeGlobal<Partial<DenoGlobal>>('Deno');
  if (typeof deno?.createHttpClient === 'function') {
    const createHttpClient = deno.createHttpClient.bind(deno);
    return async (input, init) => {
      // No idle connection is kept, so this request is never sent on a pooled one (the only
      // kind Deno retries). Closed once the answer is read, so no client outlives its request.
      let client: DenoHttpClient;
      try {
        client = createHttpClient({ poolMaxIdlePerHost: 0 });
      } catch {
        // A host that offers no custom clients (Deno Deploy may not) gets the plain fetch.
        return send(input, init);
      }
      let response: Response;
      try {
        response = await send(input, { ...init, client } as RequestInit);
      } catch (error) {
        client.close();
        throw error;
      }
      return closingWhenRead(response, () => client.close());
    };
  }
  if (runtimeGlobal('Bun') !== undefined) {
    // Bun takes no pooled socket for a request without keep-alive, and only retries on a pooled one.
    return (input, init) => send(input, { ...init, keepalive: false });
  }
  return undefined;
}

/**
 * The same response, with `done` called once its body has been read to the end, cancelled or has
 * failed: the transport reads it under `maxResponseBytes` (limits.ts), so it is streamed through,
 * never read whole here first.
 */
function closingWhenRead(response: Response, done: () => void): Response {
  const source = response.body;
  if (!source) {
    done();
    return response;
  }
  const reader = source.getReader();
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    done();
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: ended, value } = await reader.read();
        if (ended) {
          controller.close();
          finish();
        } else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
        finish();
      }
    },
    async cancel(reason) {
      try {
        await reader.cancel(reason);
      } finally {
        finish();
      }
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * One-shot: never repeated by the client (not idempotent), or sent with retries turned off, where
 * a runtime's own resend would break what `maxRetries: 0` promises.
 */
export function isOneShot(operation: { idempotent: boolean }, maxRetries: number): boolean {
  return !operation.idempotent || maxRetries === 0;
}
