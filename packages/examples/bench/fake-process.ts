import { MAUTIC_WOO_FIELDS } from '@mautic-woo/sync';
import { startFakeMautic } from '@mautic-woo/testkit';
import { forkServer } from './forked-server';

/**
 * The testkit's stateful fake Mautic (Mautic's write rules, batch endpoints included) in its own
 * process, with a fixed latency added to every request: for the benchmarks that compare what two
 * runs leave in Mautic, not only how fast they go. Its own process for the reason server-process.ts
 * gives (a real Mautic is elsewhere; on one event loop the two would queue behind each other).
 */

export interface ContactState {
  email: string;
  values: Record<string, unknown>;
  tags: string[];
}

type Message = { type: 'state' } | { type: 'counts' } | { type: 'close' };
type Reply =
  | { type: 'ready'; url: string }
  | { type: 'state'; contacts: ContactState[] }
  | { type: 'counts'; counts: Array<[string, number]> };

export interface FakeProcess {
  url: string;
  /** Every contact, by email, with its field values and tags (sorted). */
  state(): Promise<ContactState[]>;
  /** Requests per `METHOD path`, ids folded to `:id`. */
  counts(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export async function startFakeProcess(options: { latencyMs: number }): Promise<FakeProcess> {
  const server = await forkServer<Message, Reply>(import.meta.url, options);
  return {
    url: server.url,
    async state() {
      const reply = await server.ask({ type: 'state' });
      if (reply.type !== 'state') throw new Error('unexpected reply from the fake Mautic process');
      return reply.contacts;
    },
    async counts() {
      const reply = await server.ask({ type: 'counts' });
      if (reply.type !== 'counts') throw new Error('unexpected reply from the fake Mautic process');
      return new Map(reply.counts);
    },
    close: () => server.close(),
  };
}

async function serve(options: { latencyMs: number }): Promise<void> {
  const fake = await startFakeMautic({ fields: MAUTIC_WOO_FIELDS.map((f) => f.alias) });
  const counts = new Map<string, number>();
  for (const method of ['GET', 'POST', 'PATCH', 'PUT']) {
    fake.fail(method, '/api/.*', async (request) => {
      const key = `${method} ${request.path.replace(/\/\d+/g, '/:id')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      return undefined;
    });
  }
  const send = (reply: Reply) => process.send?.(reply);
  process.on('message', async (message: Message) => {
    if (message.type === 'state') {
      const contacts = fake.mautic.contacts
        .map((c) => ({ email: c.email, values: c.values, tags: [...c.tags].sort() }))
        .sort((a, b) => a.email.localeCompare(b.email));
      send({ type: 'state', contacts });
    }
    if (message.type === 'counts') send({ type: 'counts', counts: [...counts] });
    if (message.type === 'close') {
      await fake.close();
      process.disconnect();
    }
  });
  send({ type: 'ready', url: fake.url });
}

if (process.argv[2] === '--serve') await serve(JSON.parse(process.argv[3] ?? '{}') as { latencyMs: number });
