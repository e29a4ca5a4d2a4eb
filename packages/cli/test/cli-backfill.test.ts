import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WooOrder } from '@mautic-woo/sync';
import { mauticBodies, type ScriptedServer, startScriptedServer } from '@mautic-woo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers';
import { generateOrders } from './orders';

const FIELDS = ['order_data', 'cart_data', 'recovery_url', 'total_spent', 'order_count', 'coupon_code'];
const HARD_FAIL = new Set(['customer-7@example.com', 'customer-50@example.com', 'customer-123@example.com']);
const INVALID_STATE = new Set(['customer-3@example.com', 'customer-88@example.com']);
const NOTE_MISSING = 'customer-42@example.com';
const PASSWORD = 'backfill-secret-pw-93';

let mautic: ScriptedServer;
let dir: string;
let healthy = false;
const emails = new Map<number, string>();
let nextId = 1000;

/** A Mautic that fails a few customers in the ways a real one does. */
async function scriptedMautic(): Promise<ScriptedServer> {
  const server = await startScriptedServer();
  server
    .route('GET', '/api/fields/contact', {
      json: mauticBodies.fieldList(FIELDS.map((name, i) => ({ id: i + 1, alias: `mautic_woo_${name}` }))),
    })
    .route('GET', '/api/contacts', { json: mauticBodies.contactList([]) })
    .route('POST', '/api/contacts/new', (req) => {
      const body = req.body as { email: string; state?: string };
      if (!healthy && HARD_FAIL.has(body.email)) {
        return { status: 500, json: mauticBodies.errors(500, 'Looks like I encountered an error') };
      }
      if (INVALID_STATE.has(body.email) && body.state !== undefined) {
        return { status: 400, json: mauticBodies.invalidField('state') };
      }
      const id = nextId++;
      emails.set(id, body.email);
      return { status: 201, json: mauticBodies.contactResponse(id, { email: body.email }) };
    })
    .route('POST', '/api/notes/new', (req) => {
      const lead = Number((req.body as { lead: number }).lead);
      if (!healthy && emails.get(lead) === NOTE_MISSING) return { status: 404, json: mauticBodies.notFound() };
      return { status: 201, json: mauticBodies.note(9000 + lead, lead, 'order') };
    });
  return server;
}

const env = () => ({ MAUTIC_URL: mautic.url, MAUTIC_USERNAME: 'api-user', MAUTIC_PASSWORD: PASSWORD });

interface FailureRecord {
  order: WooOrder;
  completedSteps: string[];
  uncertainSteps: string[];
  error: string;
}

function parseNdjson(text: string): FailureRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FailureRecord);
}

beforeAll(async () => {
  mautic = await scriptedMautic();
  dir = await mkdtemp(join(tmpdir(), 'mautic-woo-backfill-'));
});

afterAll(async () => {
  await mautic?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('mautic-woo backfill', () => {
  it('syncs 200 orders, reports failures and malformed lines, and retries the failures file', async () => {
    const lines = generateOrders(200).map((order) => JSON.stringify(order));
    lines.splice(10, 0, '{"id": 1, "billing": ');
    lines.splice(150, 0, '[1, 2, 3]');
    lines.push('');
    const input = join(dir, 'orders.ndjson');
    await writeFile(input, `${lines.join('\n')}\n`);

    const first = await runCli(['backfill', input, '--concurrency', '8', '--note'], env());
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toMatch(
      /Backfill finished in .*: 202 processed, 196 synced, 6 failed \(4 orders, 2 malformed lines\)/,
    );
    expect(first.stdout).toContain('line 11: not valid JSON');
    expect(first.stdout).toContain('line 151: not a WooCommerce order: expected a JSON object, got an array');
    expect(first.stdout).toMatch(/order \d+ \(customer-42@example\.com\): MauticNotFoundError/);
    expect(first.stdout).toMatch(/order \d+ \(customer-7@example\.com\): MauticServerError: Mautic answered 500/);
    expect(first.stderr).toContain('backfill: orders.ndjson (NDJSON, one order per line) →');
    // Not a TTY: plain progress lines instead of a bar.
    expect(first.stderr).not.toContain('\r');
    expect(`${first.stdout}${first.stderr}`).not.toContain(PASSWORD);

    const failuresPath = join(dir, 'orders.failed.ndjson');
    expect(first.stdout).toContain('4 orders failed:');
    expect(first.stdout).toContain(`Failed orders written to ${failuresPath}`);
    expect(first.stdout).toContain('2 lines of');
    const records = parseNdjson(await readFile(failuresPath, 'utf8'));
    const failed = records.map((r) => r.order);
    expect(failed.map((o) => o.billing?.email).sort()).toEqual([...HARD_FAIL, NOTE_MISSING].sort());
    // Whole orders, exactly as read, with what completed and why it failed: a valid backfill input.
    const original = generateOrders(200).find((o) => o.billing?.email === NOTE_MISSING);
    const noteRecord = records.find((r) => r.order.billing?.email === NOTE_MISSING);
    expect(noteRecord?.order).toEqual(original);
    expect(noteRecord?.completedSteps).toEqual([]);
    expect(noteRecord?.uncertainSteps).toEqual([]);
    expect(noteRecord?.error).toContain('MauticNotFoundError');

    // The contacts whose state Mautic refused were saved without it, on the second try.
    const stateRetries = mautic
      .received('POST', '/api/contacts/new')
      .filter((r) => INVALID_STATE.has((r.body as { email: string }).email));
    expect(stateRetries.map((r) => (r.body as { state?: string }).state !== undefined)).toEqual([
      true,
      false,
      true,
      false,
    ]);

    healthy = true;
    const retry = await runCli(['backfill', failuresPath, '--note'], env());
    expect(retry.code, retry.stdout + retry.stderr).toBe(0);
    expect(retry.stdout).toMatch(/4 processed, 4 synced, 0 failed \(0 orders, 0 malformed lines\)/);
    expect(retry.stdout).not.toContain('failed:');
  });

  it('writes failures where --failures says', async () => {
    healthy = false;
    const input = join(dir, 'two.ndjson');
    const orders = generateOrders(7).slice(5);
    await writeFile(input, orders.map((o) => JSON.stringify(o)).join('\n'));
    const out = join(dir, 'custom-failures.ndjson');
    const result = await runCli(['backfill', input, '--failures', out], env());
    expect(result.code).toBe(1);
    expect(parseNdjson(await readFile(out, 'utf8')).map((r) => r.order.id)).toEqual([orders[1]?.id]);
  });

  it('reads a JSON array, as GET /wp-json/wc/v3/orders returns it, and says so', async () => {
    healthy = true;
    const orders: unknown[] = generateOrders(30);
    orders.splice(5, 0, { id: 'not-a-number' });
    const input = join(dir, 'page-1.json');
    await writeFile(input, JSON.stringify(orders, null, 2));
    const result = await runCli(['backfill', input, '--concurrency', '4'], env());
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('backfill: page-1.json (JSON array) →');
    expect(result.stderr).not.toContain('\r');
    expect(result.stdout).toMatch(/31 processed, 30 synced, 1 failed \(0 orders, 1 malformed item\)/);
    expect(result.stdout).toContain(`1 item of ${input} is not an order:`);
    expect(result.stdout).toContain(
      'item 6: not a WooCommerce order: "id" must be a positive integer, got "not-a-number"',
    );
  });

  it('refuses bad options with exit code 2', async () => {
    const input = join(dir, 'orders.ndjson');
    const bad = await runCli(['backfill', input, '--concurrency', '0'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--concurrency must be 1 to 64');
    const same = await runCli(['backfill', input, '--failures', input], env());
    expect(same.code).toBe(2);
    const missing = await runCli(['backfill', join(dir, 'nope.ndjson')], env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });
});
