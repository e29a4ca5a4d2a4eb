import { MauticRedirectError } from '../errors';
import type { SecretSet } from './redact';

/**
 * No request follows a redirect: a 307 from the token endpoint would hand `client_secret` and the
 * refresh token to whatever host it names, a 308 on a PATCH the customer's data. fetch is told
 * `redirect: 'manual'` (http-call.ts) and a 3xx becomes an error saying where Mautic pointed and how to fix
 * `baseUrl` (http → https and a missing `/index.php` are the usual causes). It loads when a redirect
 * comes (`TransportOptions.loadRedirectError`): the explanation is never on the way of a good answer.
 */

interface RedirectedRequest {
  method: string;
  /** The full request URL. */
  url: string;
  /** The request path without its query, e.g. `/api/contacts`. */
  path: string;
  baseUrl: string;
  secrets: SecretSet;
}

/** Where the redirect points, without query or fragment (they can carry tokens or emails). */
function target(response: Response, requestUrl: string): URL | null {
  const location = response.headers.get('location');
  if (!location) return null;
  try {
    const url = new URL(location, requestUrl);
    url.search = '';
    url.hash = '';
    url.username = '';
    url.password = '';
    return url;
  } catch {
    return null;
  }
}

function advice(to: URL | null, request: RedirectedRequest): string {
  if (!to) return 'check that baseUrl is the address the Mautic site answers at';
  const base = new URL(request.baseUrl);
  // The base Mautic wants is the location without the path we asked for.
  const suggested = to.pathname.endsWith(request.path)
    ? `${to.origin}${to.pathname.slice(0, to.pathname.length - request.path.length)}`
    : null;
  const reasons: string[] = [];
  if (base.protocol === 'http:' && to.protocol === 'https:') reasons.push('the site wants https');
  if (to.pathname.includes('/index.php') && !base.pathname.includes('/index.php')) {
    reasons.push('the site needs /index.php in the URL');
  }
  if (to.host !== base.host) reasons.push(`the site answers at ${to.host}`);
  const why = reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
  return suggested ? `set baseUrl to ${suggested}${why}` : `check baseUrl${why}`;
}

export function redirectError(response: Response, request: RedirectedRequest): MauticRedirectError {
  const to = target(response, request.url);
  const where = to ? `a redirect to ${to.toString()}` : 'a redirect';
  return new MauticRedirectError({
    status: response.status,
    method: request.method,
    url: request.url,
    headers: response.headers,
    secrets: request.secrets,
    location: to?.toString() ?? null,
    message: `Mautic answered ${response.status} to ${request.method} ${request.path} with ${where}; requests never follow redirects (they would carry credentials and data along): ${advice(to, request)}`,
  });
}
