import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeMautic, mauticBodies, readBody } from '@mautic-woo/testkit';

/** An answer of this server: JSON, or an HTML error page as a proxy would send. */
type Reply = { status: number; json?: unknown; headers?: Record<string, string> };

/**
 * The fake Mautic behind a loopback HTTP server that injects faults at random, from a seeded
 * PRNG, and plays OAuth2 client credentials with tokens that expire mid-run.
 *
 * When is a write applied that the client sees as failed? Decided per fault, as a real stack
 * behaves:
 * - reset, 502, 503, an HTML error page, 429 and a 401 for a revoked token are answered INSTEAD
 *   of processing (a proxy, the rate limiter or the auth listener answers before Mautic's
 *   controller runs), so nothing was applied and repeating the request is safe;
 * - a slow answer PROCESSES the request and then holds the answer until the client has given up
 *   (its socket closes): the write is applied although the client saw a timeout, exactly the
 *   ambiguous case. Held on an event, not for a fixed time, so a loaded machine cannot turn a
 *   late answer into an on-time one;
 * - `{"success": false}` on an email send means Mautic did not send it.
 */

export type FaultKind = 'reset' | '502' | '503' | '429' | 'html' | 'slow' | 'revoked' | 'emailFailed';

export interface FaultOptions {
  seed: number;
  /** Share of requests that get a fault. */
  rate: number;
  /** Give slow answers only to requests the client may repeat (see the test for why). */
  slowOnlyIdempotent: boolean;
  /**
   * Hold every Nth request that may get a slow answer, instead of picking slow answers at random:
   * each held answer costs the client's whole timeoutMs, so a few, spread over the run, suffice.
   */
  slowEvery?: number;
  kinds?: FaultKind[];
  /** A fault for one exact request (`route`, its 0-based count), ahead of the random ones. */
  force?: (route: string, count: number) => FaultKind | null;
}

/** A tiny seeded PRNG (mulberry32): the same seed gives the same fault sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALL_KINDS: FaultKind[] = ['reset', '502', '503', '429', 'html', 'slow', 'revoked', 'emailFailed'];
// Note create and email send are the requests the client never repeats once sent (operations.ts).
const NOT_IDEMPOTENT = [/^POST \/api\/notes\/new$/, /^POST \/api\/emails\/\d+\/contact\/\d+\/send$/];
const CLIENT = { id: 'fault-client', secret: 'fault-secret' };

export interface FaultServer {
  url: string;
  mautic: FakeMautic;
  client: typeof CLIENT;
  /** Turn fault injection on or off (tokens keep expiring either way). */
  faults: { enabled: boolean };
  injected: Map<FaultKind, number>;
  /** Slow answers whose write was applied, per route; the client saw a timeout for each. */
  appliedButLate: Map<string, number>;
  stats: { requests: number; tokensIssued: number; expiredTokenRejections: number };
  /** Resolves once no request is being handled (every held answer has been given up on). */
  settled(): Promise<void>;
  /** How many requests arrived for `METHOD /path` (exact path). */
  received(route: string): number;
  close(): Promise<void>;
}

function parseBody(raw: string, type: string | undefined): unknown {
  if (raw === '') return undefined;
  if (type?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function send(res: ServerResponse, reply: Reply & { html?: string }): void {
  if (res.destroyed) return;
  const html = reply.html !== undefined;
  res.writeHead(reply.status, {
    'content-type': html ? 'text/html; charset=UTF-8' : 'application/json',
    ...reply.headers,
  });
  res.end(html ? reply.html : JSON.stringify(reply.json));
}

const htmlPage = (title: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><hr><center>nginx</center></body></html>`;

export async function startFaultServer(options: FaultOptions, tokenLifetime = { expiresIn: 62, serverMs: 1_500 }) {
  const random = mulberry32(options.seed);
  const kinds = options.kinds ?? ALL_KINDS;
  // Mautic's check-then-insert window on POST /contacts/new, so racing creates would duplicate.
  const mautic = new FakeMautic({ raceWindowMs: 2 });
  const tokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  const injected = new Map<FaultKind, number>();
  const appliedButLate = new Map<string, number>();
  const stats = { requests: 0, tokensIssued: 0, expiredTokenRejections: 0 };
  const faults = { enabled: true };
  let handling = 0;
  let onSettled: Array<() => void> = [];

  const seen = new Map<string, number>();
  let slowCandidates = 0;

  function pickFault(route: string, isApi: boolean): FaultKind | null {
    const count = seen.get(route) ?? 0;
    seen.set(route, count + 1);
    const forced = options.force?.(route, count) ?? null;
    if (forced) {
      injected.set(forced, (injected.get(forced) ?? 0) + 1);
      return forced;
    }
    if (!faults.enabled) return null;
    const idempotent = !NOT_IDEMPOTENT.some((pattern) => pattern.test(route));
    const mayBeSlow = (idempotent || !options.slowOnlyIdempotent) && route !== 'POST /oauth/v2/token';
    if (options.slowEvery && mayBeSlow && ++slowCandidates % options.slowEvery === 0) {
      injected.set('slow', (injected.get('slow') ?? 0) + 1);
      return 'slow';
    }
    if (random() >= options.rate) return null;
    const applicable = kinds.filter((kind) => {
      if (kind === 'emailFailed') return NOT_IDEMPOTENT[1]?.test(route) === true;
      // The rate limiter and the token check guard /api only.
      if (kind === '429' || kind === 'revoked') return isApi;
      if (kind === 'slow') return !options.slowEvery && (idempotent || !options.slowOnlyIdempotent);
      return true;
    });
    const kind = applicable[Math.floor(random() * applicable.length)] ?? null;
    if (kind) injected.set(kind, (injected.get(kind) ?? 0) + 1);
    return kind;
  }

  function issueToken(form: Record<string, string>): Reply {
    if (form.grant_type !== 'client_credentials') {
      return { status: 400, json: { errors: [{ code: 400, message: 'Invalid grant_type', type: 'invalid_request' }] } };
    }
    if (form.client_id !== CLIENT.id || form.client_secret !== CLIENT.secret) {
      return {
        status: 400,
        json: { errors: [{ code: 400, message: 'The client credentials are invalid', type: 'invalid_client' }] },
      };
    }
    const access = `token-${++stats.tokensIssued}-${Math.floor(random() * 1e9)}`;
    // Mautic's own clock decides: the token dies after serverMs, whatever expires_in said.
    tokens.set(access, { expiresAt: Date.now() + tokenLifetime.serverMs, revoked: false });
    return { status: 200, json: mauticBodies.token(access, undefined, tokenLifetime.expiresIn) };
  }

  /** null when the bearer token is good; else Mautic's 401. */
  function checkToken(header: string | undefined): Reply | null {
    const token = tokens.get(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
    if (!token)
      return {
        status: 401,
        json: mauticBodies.errors(401, 'The access token provided is invalid.', { type: 'invalid_grant' }),
      };
    if (token.revoked || token.expiresAt <= Date.now()) {
      stats.expiredTokenRejections++;
      return { status: 401, json: mauticBodies.expiredToken() };
    }
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    stats.requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const route = `${method} ${url.pathname}`;
    const isApi = url.pathname.startsWith('/api/');
    const fault = pickFault(route, isApi);

    // Answered in front of Mautic: nothing is applied.
    if (fault === 'reset') return void req.socket.destroy();
    if (fault === '502') return send(res, { status: 502, html: htmlPage('502 Bad Gateway') });
    if (fault === '503') return send(res, { status: 503, html: htmlPage('503 Service Temporarily Unavailable') });
    if (fault === 'html')
      return send(res, { status: 500, html: htmlPage('Fatal error: Allowed memory size exhausted') });

    const body = parseBody(raw, req.headers['content-type']);
    let reply: Reply;
    if (route === 'POST /oauth/v2/token') {
      reply = issueToken((body ?? {}) as Record<string, string>);
    } else {
      const denied = isApi ? checkToken(req.headers.authorization) : null;
      if (denied) return send(res, denied);
      if (fault === 'revoked') {
        const token = tokens.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
        if (token) token.revoked = true;
        stats.expiredTokenRejections++;
        return send(res, { status: 401, json: mauticBodies.expiredToken() });
      }
      if (fault === '429') {
        const reset = Math.ceil(Date.now() / 1000) + 1;
        return send(res, {
          status: 429,
          headers: { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
          json: mauticBodies.errors(429, 'You exceeded the rate limit of 1000 API calls per hour.', { details: [] }),
        });
      }
      if (fault === 'emailFailed')
        return send(res, { status: 200, json: { success: false, failed: 'transport error' } });
      const answer = await mautic.handle({ method, path: url.pathname, query: url.searchParams, body });
      reply = { ...answer, status: answer.status ?? 200 };
    }
    if (fault === 'slow') {
      // Applied now; the answer waits until the client has given up on it.
      if (!res.destroyed) await new Promise((resolve) => res.once('close', resolve));
      const key = route.replace(/\d+/g, ':id');
      if (reply.status < 300) appliedButLate.set(key, (appliedButLate.get(key) ?? 0) + 1);
    }
    send(res, reply);
  }

  const server = createServer((req, res) => {
    handling++;
    handle(req, res)
      .catch((error) => send(res, { status: 599, json: { fakeServerError: String(error) } }))
      .finally(() => {
        if (--handling > 0) return;
        for (const resolve of onSettled) resolve();
        onSettled = [];
      });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const api: FaultServer = {
    url: `http://127.0.0.1:${port}`,
    mautic,
    client: CLIENT,
    faults,
    injected,
    appliedButLate,
    stats,
    received: (route) => seen.get(route) ?? 0,
    settled: () => (handling === 0 ? Promise.resolve() : new Promise<void>((resolve) => onSettled.push(resolve))),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
