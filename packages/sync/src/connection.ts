import type { Contacts } from './contacts/contacts';
import { type ApiErrorInit, MauticApiError, MauticConnectionError } from './errors';
import { withoutRetries } from './transport/request';

export interface ConnectionResult {
  ok: true;
  /** From the `Mautic-Version` header; null when a proxy strips it. */
  mauticVersion: string | null;
}

/** What a failed first request usually means on a real install, keyed by what Mautic said. */
function hint(error: MauticApiError): string | null {
  if (new URL(error.url, 'http://x').pathname.endsWith('/oauth/v2/token')) return null; // its own message says what to check
  const message = error.errors.map((e) => e.message ?? '').join(' ');
  if (error.bodyExcerpt !== undefined && error.status < 300) {
    return 'the answer is not Mautic API JSON: is baseUrl the Mautic site (not WordPress, not a login page)?';
  }
  if (error.status === 404) {
    return 'no API at this URL: check baseUrl, and after enabling the API in Mautic clear its cache (bin/console cache:clear)';
  }
  if (error.status === 403 && error.type === 'api_disabled') {
    return 'the API is disabled: enable it in Mautic, Configuration → API Settings, then clear the cache';
  }
  if (error.status === 403 && /basic/i.test(message)) {
    return 'HTTP Basic auth is disabled: enable "Enable HTTP basic auth?" in Configuration → API Settings';
  }
  if (error.status === 403) return 'the user behind these credentials lacks API permissions for contacts';
  if (error.status === 401 && error.type === 'invalid_grant') {
    return 'the OAuth2 token was refused: check the client id and secret, or authorize again';
  }
  if (error.status === 401) {
    return 'the credentials were refused; if they are right, the web server may strip the Authorization header (PHP-FPM/FastCGI)';
  }
  return null;
}

/** `GET /api/contacts?limit=1`: proves URL, API switch, auth method and permissions in one request. */
export async function testConnection(contacts: Contacts, signal?: AbortSignal): Promise<ConnectionResult> {
  try {
    const { headers } = await contacts.list({ limit: 1 }, { signal: withoutRetries(signal) });
    return { ok: true, mauticVersion: headers.get('mautic-version') };
  } catch (error) {
    if (error instanceof MauticApiError) {
      const why = hint(error);
      if (!why) throw error;
      const init: ApiErrorInit = {
        status: error.status,
        method: error.method,
        url: error.url,
        errors: error.errors,
        bodyExcerpt: error.bodyExcerpt,
        message: `${error.message} (${why})`,
      };
      // Same class as the original, so callers can still branch on it.
      const Rebuilt = error.constructor as new (init: ApiErrorInit) => MauticApiError;
      throw new Rebuilt(init);
    }
    if (error instanceof MauticConnectionError) {
      throw new MauticConnectionError(`${error.message} (is the host name right and reachable from here?)`, {
        cause: error.cause,
      });
    }
    throw error;
  }
}
