import type { Endpoint } from './endpoints';
import type { AttemptOptions, AttemptResult } from './transport/request';

/**
 * One operation as one `fetch`: the endpoint table's method and path, the arguments the
 * generated SDK's types describe (`path`, `query` or `querySerializer`, `body`), the credential of
 * the attempt. The generated client is not called: it builds a WHATWG `Request` per call for its
 * interceptors, clones the response to test for an empty body and walks three interceptor lists
 * (~85–170 µs a request on loopback, bench/overhead.ts), and brings ~5 KB gzipped of runtime that
 * an app would ship for nothing; the SDK stays generated from the spec, and its types check every
 * call (api.ts). The fetch is the transport's, per attempt: for a one-shot request on Deno and Bun,
 * on a connection of its own.
 */

export interface CallArguments {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  querySerializer?: unknown;
  body?: unknown;
}

function queryString(args: CallArguments): string {
  if (typeof args.querySerializer === 'function') return args.querySerializer(args.query ?? {});
  if (!args.query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(args.query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return search.toString();
}

function formBody(body: unknown): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (value !== undefined && value !== null) form.append(key, String(value));
  }
  return form.toString();
}

export async function httpCall(
  endpoint: Endpoint,
  args: CallArguments,
  options: AttemptOptions,
): Promise<AttemptResult> {
  const search = queryString(args);
  const headers: Record<string, string> = { Accept: 'application/json' };
  // The token endpoint's credentials go in its form; it must get no Authorization header (endpoints.ts).
  if (endpoint.credentials === 'api' && options.authorization) headers.Authorization = options.authorization;
  let body: string | undefined;
  if (args.body !== undefined) {
    const form = endpoint.body === 'form';
    headers['Content-Type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
    body = form ? formBody(args.body) : JSON.stringify(args.body);
  }
  // No redirect is followed (transport/redirect.ts); the transport's read bounds the body (transport/limits.ts).
  const url = search ? `${options.url}?${search}` : options.url;
  const response = await options.fetch(url, {
    method: endpoint.method,
    headers,
    body,
    signal: options.signal,
    redirect: 'manual',
  });
  // The text as it came: the transport parses it (Mautic's JSON, an HTML page, JSON sent as text).
  const text = await options.read(response);
  return response.ok ? { data: text, response } : { error: text, response };
}
