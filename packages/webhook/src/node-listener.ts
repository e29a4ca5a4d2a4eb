/**
 * `(req, res)` listeners for node:http, Express and Fastify (`reply.raw`). Typed structurally so this
 * entry imports nothing from Node and still builds for Workers.
 */

// Optional members also take `undefined`: Node's own types declare them so (`method?: string | undefined`),
// and under `exactOptionalPropertyTypes` an IncomingMessage would not fit a plain `method?: string`.
interface NodeRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Set by a body parser that ran first (express.raw, Fastify's buffer parser): the raw bytes. */
  body?: unknown;
  readableEnded?: boolean | undefined;
  complete?: boolean | undefined;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  destroy(): unknown;
}

interface NodeResponse {
  headersSent?: boolean | undefined;
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  end(body?: Uint8Array): unknown;
  once(event: 'finish', listener: () => void): unknown;
}

export type NodeListener = (req: NodeRequest, res: NodeResponse) => void;

// Hop-by-hop headers describe this connection, not the delivery; the Request constructor refuses some.
const SKIPPED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect']);

function requestHeaders(req: NodeRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || SKIPPED.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** The request body as a web stream that reads only as fast as the handler does. */
function bodyStream(req: NodeRequest): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk) => {
        if (cancelled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.on('end', () => !cancelled && controller.close());
      req.on('error', (error) => !cancelled && controller.error(error));
    },
    pull() {
      req.resume();
    },
    cancel() {
      // Stop reading, but keep the socket: the 413 still has to go out on it.
      cancelled = true;
      req.pause();
    },
  });
}

function requestBody(req: NodeRequest): BodyInit | null {
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  if (typeof req.body === 'string' || req.body instanceof Uint8Array) return req.body as BodyInit;
  if (req.body !== undefined && req.readableEnded) {
    // express.json() or similar parsed the body: the raw bytes the signature covers are gone.
    throw new Error('the request body was already parsed: mount the webhook before body parsers, or use express.raw()');
  }
  return bodyStream(req);
}

export function toNodeListener(handler: (request: Request) => Promise<Response>): NodeListener {
  return (req, res) => {
    const send = async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const body = requestBody(req);
      const init = { method: req.method ?? 'GET', headers: requestHeaders(req), body, duplex: 'half' };
      const response = await handler(new Request(url, init as RequestInit));
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const unread = req.complete === false;
      // A body left unread (413) would be parsed as the next request: close the connection after.
      if (unread) headers.connection = 'close';
      res.writeHead(response.status, headers);
      res.end(new Uint8Array(await response.arrayBuffer()));
      if (unread) res.once('finish', () => req.destroy());
    };
    send().catch((error: unknown) => {
      if (res.headersSent) return;
      const message = error instanceof Error ? error.message : 'internal error';
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(new TextEncoder().encode(JSON.stringify({ error: message })));
    });
  };
}
