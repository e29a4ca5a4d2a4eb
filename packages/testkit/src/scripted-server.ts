import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local HTTP server scripted per test: each route answers with fixed replies, a sequence of
 * replies, or a function. Faults (connection reset, a hang, a slow answer, an HTML page) are
 * replies too, so a test states exactly what Mautic does and asserts on what it received.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON, or as a form when it is form-encoded; undefined when empty. */
  body: unknown;
  params: Record<string, string>;
  receivedAt: number;
}

export type Reply =
  | {
      status?: number;
      json?: unknown;
      /** A raw body, sent as is (for HTML pages and broken JSON). */
      body?: string;
      headers?: Record<string, string>;
      delayMs?: number;
    }
  | { reset: true }
  | { hang: true };

export type Handler = (request: RecordedRequest, call: number) => Reply | Promise<Reply>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
  calls: number;
}

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Add a route; a list of replies is played in order and the last one repeats. */
  route(method: string, path: string, reply: Reply | Reply[] | Handler): ScriptedServer;
  /** The recorded requests for one method and path pattern. */
  received(method: string, path: string): RecordedRequest[];
  close(): Promise<void>;
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        keys.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), keys };
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

async function send(res: ServerResponse, reply: Reply, sockets: Set<Socket>): Promise<void> {
  if ('reset' in reply) {
    res.socket?.destroy();
    return;
  }
  if ('hang' in reply) {
    // Never answer; the socket is destroyed when the server closes.
    if (res.socket) sockets.add(res.socket);
    return;
  }
  if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
  if (res.destroyed) return;
  const body = reply.body ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
  const headers: Record<string, string> = {
    'content-type': reply.body === undefined ? 'application/json' : 'text/html; charset=UTF-8',
    ...reply.headers,
  };
  res.writeHead(reply.status ?? 200, headers);
  res.end(body);
}

const notFound: Reply = {
  status: 404,
  json: { errors: [{ message: 'Requested URL not found', code: 404, type: null }] },
};

export async function startScriptedServer(): Promise<ScriptedServer> {
  const routes: Route[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<Socket>();

  const server: Server = createServer((req, res) => {
    void readBody(req).then(async (rawBody) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = (req.method ?? 'GET').toUpperCase();
      const route = routes.find((r) => r.method === method && r.pattern.test(url.pathname));
      const params: Record<string, string> = {};
      if (route) {
        const match = route.pattern.exec(url.pathname);
        route.keys.forEach((key, index) => {
          params[key] = decodeURIComponent(match?.[index + 1] ?? '');
        });
      }
      const recorded: RecordedRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        body: parseBody(rawBody, req.headers['content-type']),
        params,
        receivedAt: Date.now(),
      };
      requests.push(recorded);
      try {
        const reply = route ? await route.handler(recorded, route.calls++) : notFound;
        await send(res, reply, hanging);
      } catch (error) {
        res.writeHead(599, { 'content-type': 'text/plain' });
        res.end(`scripted server handler failed: ${String(error)}`);
      }
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const api: ScriptedServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    route(method, path, reply) {
      const { pattern, keys } = compile(path);
      const handler: Handler =
        typeof reply === 'function'
          ? reply
          : Array.isArray(reply)
            ? (_req, call) => reply[Math.min(call, reply.length - 1)] as Reply
            : () => reply;
      routes.unshift({ method: method.toUpperCase(), pattern, keys, handler, calls: 0 });
      return api;
    },
    received(method, path) {
      const { pattern } = compile(path);
      return requests.filter((r) => r.method === method.toUpperCase() && pattern.test(r.path));
    },
    async close() {
      for (const socket of hanging) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}

/** The whole body of a request, as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
