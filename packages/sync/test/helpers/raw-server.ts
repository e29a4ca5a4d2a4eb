import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A bare node:http server for what the scripted server does not show: sockets open at once (the
 * connections a client holds) and raw bytes (a gzip body).
 */
export interface RawServer {
  url: string;
  /** Sockets open right now, and the most that were open at once. */
  sockets: { open: number; most: number; total: number };
  close(): Promise<void>;
}

export async function startRawServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<RawServer> {
  const sockets = { open: 0, most: 0, total: 0 };
  const server = createServer(handler);
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket) => {
    sockets.open++;
    sockets.total++;
    sockets.most = Math.max(sockets.most, sockets.open);
    socket.on('close', () => {
      sockets.open--;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sockets,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
