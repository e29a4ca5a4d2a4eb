import { MauticError } from '../errors';

/**
 * Why a request got no answer, in words a person can act on, named once: fetch's own wording
 * ("fetch failed") and the URL it repeats add nothing to the code underneath.
 */

function* causes(error: unknown): Generator<unknown> {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

export function errorCode(error: unknown): string | undefined {
  for (const e of causes(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A MauticError thrown by our own fetch guard and wrapped by ofetch on the way out, if any. */
export function mauticErrorIn(error: unknown): MauticError | null {
  for (const e of causes(error)) if (e instanceof MauticError) return e;
  return null;
}

// Provably never reached the server: safe to send again whatever the request was.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing listens on that port, or a firewall blocks it)',
  ENOTFOUND: 'the host name was not found (DNS)',
  EAI_AGAIN: 'the host name could not be looked up just now (DNS)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset before Mautic answered',
  EPIPE: 'the connection was closed while the request was sent',
  UND_ERR_SOCKET: 'the connection was closed before Mautic answered',
  ETIMEDOUT: 'connecting timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
};

const TLS = /CERT|TLS|SSL|UNABLE_TO_VERIFY|SELF_SIGNED/i;

export function connectionFailure(error: unknown): { reason: string; sent: boolean } {
  const code = errorCode(error);
  const sent = !NOT_SENT.has(code ?? '');
  if (code && REASONS[code]) return { reason: `${REASONS[code]} [${code}]`, sent };
  if (code && TLS.test(code)) return { reason: `the TLS certificate was not accepted [${code}]`, sent };
  // No code: the innermost message is the most specific one.
  const messages = [...causes(error)].map((e) => (e as Error)?.message).filter((m) => typeof m === 'string' && m);
  const inner = messages.at(-1) ?? String(error);
  return { reason: code ? `the connection failed [${code}]: ${inner}` : `the connection failed: ${inner}`, sent };
}
