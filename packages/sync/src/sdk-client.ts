import type * as sdk from '@mautic-woo/sdk';
import type { $Fetch } from 'ofetch';
import { fillPath } from './endpoints';

/**
 * A hey-api client for the generated operations, without the generated client's per-call cost.
 * The generated functions still say everything about an operation (URL template, security, body
 * serializer, content type) and pass it here; this only turns that into one `ofetch.raw` call.
 * The generated client also builds a WHATWG `Request` per call for its interceptors, clones the
 * response to test for an empty body and walks three interceptor lists: ~85–170 µs a request on
 * loopback, none of which this package uses (bench/overhead.ts measures both).
 *
 * Redirects are never followed (`redirect: 'manual'`): a 3xx reaches the transport as it is.
 */

type Scheme = { scheme?: 'basic' | 'bearer'; type: string; name?: string };

/** The part of hey-api's per-call options the generated operations of this package use. */
interface CallOptions {
  url: string;
  method: string;
  security?: readonly Scheme[];
  auth?: (auth: Scheme) => string | undefined | Promise<string | undefined>;
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  querySerializer?: ((query: Record<string, unknown>) => string) | object;
  body?: unknown;
  bodySerializer?: ((body: unknown) => unknown) | null;
  headers?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** An ofetch to use for this call instead of the client's (the transport's guarded one). */
  ofetch?: $Fetch;
}

export interface LeanResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

function queryString(options: CallOptions): string {
  const query = options.query ?? {};
  if (typeof options.querySerializer === 'function') return options.querySerializer(query);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return search.toString();
}

async function authorization(options: CallOptions): Promise<string | undefined> {
  for (const scheme of options.security ?? []) {
    const token = await options.auth?.(scheme);
    if (!token) continue;
    if (scheme.scheme === 'bearer') return `Bearer ${token}`;
    if (scheme.scheme === 'basic') return `Basic ${btoa(token)}`;
    return token;
  }
  return undefined;
}

export function createLeanClient(config: { baseUrl: string; ofetch: $Fetch }): sdk.Client {
  const request = async (options: CallOptions): Promise<LeanResult> => {
    const search = queryString(options);
    const url = `${config.baseUrl}${fillPath(options.url, options.path)}${search ? `?${search}` : ''}`;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name] = value;
    const auth = await authorization(options);
    if (auth !== undefined) headers.Authorization = auth;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = String(options.bodySerializer ? options.bodySerializer(options.body) : JSON.stringify(options.body));
    } else delete headers['Content-Type'];
    const $fetch = options.ofetch ?? config.ofetch;
    const response = await $fetch.raw(url, {
      method: options.method,
      headers,
      body,
      signal: options.signal,
      redirect: 'manual',
      // Retries, status handling and errors belong to the transport.
      retry: 0,
      ignoreResponseError: true,
    });
    return response.ok ? { data: response._data, response } : { error: response._data, response };
  };
  const method = (name: string) => (options: Omit<CallOptions, 'method'>) => request({ ...options, method: name });
  const client = {
    get: method('GET'),
    post: method('POST'),
    put: method('PUT'),
    patch: method('PATCH'),
    delete: method('DELETE'),
    request,
  };
  // The generated operations call only the methods above; hey-api's full Client type (interceptors,
  // SSE, config getters) describes its own client, which this replaces.
  return client as unknown as sdk.Client;
}
