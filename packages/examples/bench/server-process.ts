import { forkServer } from './forked-server';
import { type LocalMautic, type LocalMauticOptions, startLocalMautic } from './local-server';

/**
 * The local Mautic in its own process, for the benchmarks where client and server would
 * otherwise share one event loop: a real Mautic is elsewhere, and on one thread the server's
 * work would queue behind the client's (and the reverse), counting against the client.
 */

type Message = { type: 'counts' } | { type: 'reset' } | { type: 'close' };
type Reply = { type: 'ready'; url: string } | { type: 'counts'; counts: Array<[string, number]>; servedMs: number };

export interface RemoteMautic extends Omit<LocalMautic, 'counts' | 'total' | 'servedMs' | 'resetCounts'> {
  /** Counts and served time, fetched from the server process. */
  stats(): Promise<{ counts: Map<string, number>; total: number; servedMs: number }>;
  resetCounts(): Promise<void>;
}

export async function startRemoteMautic(options: LocalMauticOptions = {}): Promise<RemoteMautic> {
  const server = await forkServer<Message, Reply>(import.meta.url, options);
  return {
    url: server.url,
    async stats() {
      const reply = await server.ask({ type: 'counts' });
      if (reply.type !== 'counts') throw new Error('unexpected reply from the server process');
      const counts = new Map(reply.counts);
      return { counts, total: [...counts.values()].reduce((a, b) => a + b, 0), servedMs: reply.servedMs };
    },
    async resetCounts() {
      await server.ask({ type: 'reset' });
    },
    close: () => server.close(),
  };
}

async function serve(options: LocalMauticOptions): Promise<void> {
  const server = await startLocalMautic(options);
  const send = (reply: Reply) => process.send?.(reply);
  process.on('message', async (message: Message) => {
    if (message.type === 'counts') send({ type: 'counts', counts: [...server.counts], servedMs: server.servedMs() });
    if (message.type === 'reset') {
      server.resetCounts();
      send({ type: 'counts', counts: [], servedMs: 0 });
    }
    if (message.type === 'close') {
      await server.close();
      process.disconnect();
    }
  });
  send({ type: 'ready', url: server.url });
}

if (process.argv[2] === '--serve') await serve(JSON.parse(process.argv[3] ?? '{}') as LocalMauticOptions);
