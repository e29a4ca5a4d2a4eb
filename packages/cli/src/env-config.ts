import type { BasicAuth, OAuth2Auth } from '@mautic-woo/sync';

/** A Mautic to talk to, as read from the environment; `description` is safe to print. */
export interface MauticTarget {
  baseUrl: string;
  auth: BasicAuth | OAuth2Auth;
  description: string;
}

/** The environment is incomplete or contradictory: a usage error, not a Mautic failure. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const ENV_HELP = `Environment:
  MAUTIC_URL            the Mautic site, e.g. https://mautic.example.com
  MAUTIC_USERNAME       with MAUTIC_PASSWORD: HTTP Basic auth (enable it in Mautic's API settings)
  MAUTIC_PASSWORD
  MAUTIC_CLIENT_ID      with MAUTIC_CLIENT_SECRET: OAuth2 client credentials
  MAUTIC_CLIENT_SECRET`;

const CREDENTIAL_VARS = ['MAUTIC_USERNAME', 'MAUTIC_PASSWORD', 'MAUTIC_CLIENT_ID', 'MAUTIC_CLIENT_SECRET'] as const;

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

/** The URL without anything that could be a secret (userinfo, query), for messages. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(not a URL)';
  }
}

/**
 * Reads MAUTIC_URL and one pair of credentials. Returns null when none of them is set (the caller
 * may then fall back to a mock); throws ConfigError naming the missing variables, never their values.
 */
export function mauticTargetFromEnv(env: NodeJS.ProcessEnv = process.env): MauticTarget | null {
  const baseUrl = value(env, 'MAUTIC_URL');
  const present = CREDENTIAL_VARS.filter((name) => value(env, name) !== undefined);
  if (!baseUrl && present.length === 0) return null;
  if (!baseUrl)
    throw new ConfigError(`MAUTIC_URL is not set (${present.join(', ')} ${present.length > 1 ? 'are' : 'is'} set)`);
  if (!/^https?:\/\//i.test(baseUrl)) throw new ConfigError('MAUTIC_URL must start with http:// or https://');

  const username = value(env, 'MAUTIC_USERNAME');
  const password = value(env, 'MAUTIC_PASSWORD');
  const clientId = value(env, 'MAUTIC_CLIENT_ID');
  const clientSecret = value(env, 'MAUTIC_CLIENT_SECRET');
  const basic = username !== undefined || password !== undefined;
  const oauth2 = clientId !== undefined || clientSecret !== undefined;
  if (basic && oauth2) {
    throw new ConfigError(
      'set either MAUTIC_USERNAME/MAUTIC_PASSWORD or MAUTIC_CLIENT_ID/MAUTIC_CLIENT_SECRET, not both',
    );
  }
  const where = displayUrl(baseUrl);
  if (username !== undefined && password !== undefined) {
    return { baseUrl, auth: { type: 'basic', username, password }, description: `${where} (HTTP Basic auth)` };
  }
  if (clientId !== undefined && clientSecret !== undefined) {
    return {
      baseUrl,
      auth: { type: 'oauth2', clientId, clientSecret },
      description: `${where} (OAuth2 client credentials)`,
    };
  }
  const missing = basic
    ? [username === undefined && 'MAUTIC_USERNAME', password === undefined && 'MAUTIC_PASSWORD']
    : oauth2
      ? [clientId === undefined && 'MAUTIC_CLIENT_ID', clientSecret === undefined && 'MAUTIC_CLIENT_SECRET']
      : ['MAUTIC_USERNAME and MAUTIC_PASSWORD, or MAUTIC_CLIENT_ID and MAUTIC_CLIENT_SECRET'];
  throw new ConfigError(`MAUTIC_URL is set but credentials are missing: ${missing.filter(Boolean).join(', ')}`);
}
