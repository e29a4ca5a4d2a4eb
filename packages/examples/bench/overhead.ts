import { createRequire } from 'node:module';
import { createClient, createConfig, getContact } from '@mautic-woo/sdk';
import { createMauticClient } from '@mautic-woo/sync';
// The version the generated SDK uses (the same pin in both packages), for the layer below it.
import { ofetch } from 'ofetch';
import { realisticContactBody, startLocalMautic } from './local-server';
import { type BenchResult, fixed, median, percentile } from './report';

/**
 * Per-request overhead: `getContact` through @mautic-woo/sync, through node-mautic, and a plain
 * `fetch` of the same URL, on a loopback server answering a realistic contact. Sequential
 * requests in interleaved blocks (A, B, C, A, B, C…), so drift in the machine (JIT, GC, a
 * neighbour's load) hits every contender alike. The layers under @mautic-woo/sync (ofetch, the
 * generated SDK) run too, to show where its overhead comes from.
 */

const require = createRequire(import.meta.url);

interface NodeMauticConnector {
  contacts: { getContact(id: number): Promise<unknown> };
}
type NodeMauticClass = new (options: {
  apiUrl: string;
  username: string;
  password: string;
  timeoutInSeconds?: number;
}) => NodeMauticConnector;

interface Contender {
  name: string;
  once: () => Promise<unknown>;
  times: number[];
}

export async function benchOverhead(options: { requests?: number; block?: number } = {}): Promise<BenchResult> {
  const requests = options.requests ?? 2_000;
  const block = options.block ?? 100;
  const server = await startLocalMautic();
  try {
    const contactId = 47;
    const url = `${server.url}/api/contacts/${contactId}`;
    const authorization = `Basic ${Buffer.from('bench:secret').toString('base64')}`;
    const headers = { authorization, accept: 'application/json' };
    const sync = createMauticClient({
      baseUrl: server.url,
      auth: { type: 'basic', username: 'bench', password: 'secret' },
    });
    const sdk = createClient(createConfig({ baseUrl: server.url }));
    const NodeMautic = require('node-mautic') as NodeMauticClass;
    const nodeMautic = new NodeMautic({
      apiUrl: server.url,
      username: 'bench',
      password: 'secret',
      timeoutInSeconds: 30,
    });

    const contenders: Contender[] = [
      { name: 'plain fetch + res.json()', once: async () => (await fetch(url, { headers })).json(), times: [] },
      { name: '@mautic-woo/sync contacts.get', once: () => sync.contacts.get(contactId), times: [] },
      { name: 'node-mautic contacts.getContact', once: () => nodeMautic.contacts.getContact(contactId), times: [] },
      {
        name: '(layer) fetch + AbortSignal.timeout',
        once: async () => (await fetch(url, { headers, signal: AbortSignal.timeout(30_000) })).json(),
        times: [],
      },
      { name: '(layer) ofetch.raw', once: () => ofetch.raw(url, { headers, retry: 0 }), times: [] },
      {
        name: '(layer) generated SDK getContact',
        once: () =>
          getContact({ client: sdk, path: { id: contactId }, auth: () => authorization.slice(6), retry: 0 } as never),
        times: [],
      },
    ];

    // Warm-up: JIT, connection pools, and the first-use costs of each client.
    for (const contender of contenders) for (let i = 0; i < 300; i++) await contender.once();

    for (let done = 0; done < requests; done += block) {
      for (const contender of contenders) {
        for (let i = 0; i < block; i++) {
          const started = performance.now();
          await contender.once();
          contender.times.push(performance.now() - started);
        }
      }
    }

    const medianOf = (index: number) => median(contenders[index]?.times ?? []);
    const baseline = medianOf(0);
    const rows = contenders.map((c) => [
      c.name,
      c.times.length,
      fixed(median(c.times) * 1000, 0),
      fixed(percentile(c.times, 90) * 1000, 0),
      fixed(percentile(c.times, 99) * 1000, 0),
      fixed(median(c.times) / baseline, 3),
    ]);
    const syncRatio = medianOf(1) / baseline;
    return {
      title: '1. Per-request overhead (getContact, loopback)',
      tables: [{ head: ['client', 'requests', 'median µs', 'p90 µs', 'p99 µs', 'median ratio vs fetch'], rows }],
      notes: [
        `${requests} sequential requests per client after 300 warm-up requests each, interleaved in blocks of ${block}; the answer is a ${realisticContactBody(contactId).length}-byte contact body (every core field, as Mautic 5 sends it).`,
        `@mautic-woo/sync adds ${fixed((medianOf(1) - baseline) * 1000, 0)} µs per request over plain fetch (median): its transport (credentials, a timer per attempt, typed-error interpretation) around one fetch call built from the endpoint table. The generated SDK client, which @mautic-woo/sync no longer calls, adds ${fixed((medianOf(5) - medianOf(4)) * 1000, 0)} µs over ofetch.raw (ofetch itself ${fixed((medianOf(4) - baseline) * 1000, 0)} µs over fetch).`,
      ],
      targets: [
        {
          benchmark: '1. overhead',
          target: 'median ratio ≤ 1.10',
          measured: `${fixed(syncRatio, 3)} (node-mautic ${fixed(medianOf(2) / baseline, 3)})`,
          met: syncRatio <= 1.1,
          note: `+${fixed((medianOf(1) - baseline) * 1000, 0)} µs per request`,
        },
      ],
    };
  } finally {
    await server.close();
  }
}
