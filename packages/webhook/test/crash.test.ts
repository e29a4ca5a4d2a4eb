import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAUTIC_WOO_FIELDS } from '@mautic-woo/sync';
import { type FakeMauticServer, type ScriptedServer, startFakeMautic, startScriptedServer } from '@mautic-woo/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SECRET, signed, tempDir, wooOrder } from './helpers';

const DELIVERIES = 500;
const CUSTOMERS = 200;
const child = join(import.meta.dirname, 'crash', 'child.mjs');

let work: Awaited<ReturnType<typeof tempDir>>;
let blocked: ScriptedServer;
let mautic: FakeMauticServer;

beforeAll(async () => {
  work = await tempDir();
  blocked = await startScriptedServer();
  blocked.route('GET', '/api/fields/contact', { hang: true }).route('GET', '/api/contacts', { hang: true });
  mautic = await startFakeMautic({ fields: MAUTIC_WOO_FIELDS.map((field) => field.alias) });
});
afterAll(async () => {
  await blocked?.close();
  await mautic?.close();
  await work?.remove();
});

/** Starts the handler process (the built package) against a Mautic; resolves with it and its URL. */
async function startHandler(mauticUrl: string): Promise<{ process: ChildProcess; url: string }> {
  const started = fork(child, [mauticUrl, SECRET], { cwd: work.dir, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    started.once('message', (message) => resolve((message as { ready: number }).ready));
    started.once('exit', (code) => reject(new Error(`handler process exited with ${code}`)));
  });
  return { process: started, url: `http://127.0.0.1:${port}/` };
}

const exited = (process: ChildProcess) => new Promise((resolve) => process.once('exit', resolve));

it('syncs each of 500 deliveries exactly once after a kill -9 between their 202 and their sync', async () => {
  const first = await startHandler(blocked.url);
  const orders = Array.from({ length: DELIVERIES }, (_, i) =>
    wooOrder(50_000 + i, { email: `crash-${i % CUSTOMERS}@example.com` }),
  );
  const statuses: number[] = [];
  // 25 connections at a time, as a busy shop's WooCommerce would send them.
  const queue = [...orders];
  await Promise.all(
    Array.from({ length: 25 }, async () => {
      for (let order = queue.shift(); order; order = queue.shift()) {
        const { body, headers } = signed(order, { id: `crash-${order.id}` });
        const response = await fetch(first.url, { method: 'POST', body, headers });
        statuses.push(response.status);
        await response.arrayBuffer();
      }
    }),
  );
  expect(statuses.filter((status) => status === 202)).toHaveLength(DELIVERIES);
  // Mautic has not answered a single request: every sync is still to do.
  expect(blocked.received('GET', '/api/contacts')).toHaveLength(0);

  first.process.kill('SIGKILL');
  await exited(first.process);
  expect(existsSync(join(work.dir, '.mautic-woo', 'queue', 'journal.ndjson'))).toBe(true);

  const second = await startHandler(mautic.url);
  second.process.send('idle');
  await new Promise((resolve) => second.process.once('message', resolve));
  second.process.send('close');
  await exited(second.process);

  // A customer's first order creates the contact, the next ones edit it; each write carries its order.
  const writes = [
    ...mautic.server.received('POST', '/api/contacts/new'),
    ...mautic.server.received('PATCH', '/api/contacts/:id/edit'),
  ];
  const orderIds = writes.map((write) => {
    const data = (write.body as Record<string, string>).mautic_woo_order_data as string;
    return (JSON.parse(data) as { id: number }).id;
  });
  expect(orderIds).toHaveLength(DELIVERIES);
  expect(new Set(orderIds).size).toBe(DELIVERIES);
  expect(mautic.mautic.contacts).toHaveLength(CUSTOMERS);
}, 180_000);
