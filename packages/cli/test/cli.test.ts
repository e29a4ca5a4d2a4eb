import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mauticBodies, type ScriptedServer, startScriptedServer } from '@mautic-woo/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers';
import { sampleOrder } from './orders';

const PASSWORD = 'cli-secret-pw-41';
let mautic: ScriptedServer;
let dir: string;
const env = () => ({ MAUTIC_URL: mautic.url, MAUTIC_USERNAME: 'api-user', MAUTIC_PASSWORD: PASSWORD });

beforeAll(async () => {
  mautic = await startScriptedServer();
  dir = await mkdtemp(join(tmpdir(), 'mautic-woo-cli-'));
});

afterAll(async () => {
  await mautic?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  mautic.requests.length = 0;
  mautic
    .route('GET', '/api/contacts', { json: mauticBodies.contactList([]), headers: { 'mautic-version': '5.2.0' } })
    .route('GET', '/api/fields/contact', {
      json: mauticBodies.fieldList([
        { id: 1, alias: 'mautic_woo_order_data' },
        { id: 2, alias: 'mautic_woo_cart_data' },
      ]),
    })
    .route('POST', '/api/fields/contact/new', (req) => ({
      status: 201,
      json: mauticBodies.field(10, (req.body as { alias: string }).alias),
    }))
    .route('POST', '/api/contacts/new', {
      status: 201,
      json: mauticBodies.contactResponse(77, { email: 'john.doe@example.com' }),
    })
    .route('POST', '/api/notes/new', { status: 201, json: mauticBodies.note(5, 77, 'order') })
    .route('POST', '/api/emails/:id/contact/:contact/send', { json: { success: true } });
});

describe('mautic-woo CLI', () => {
  it('prints help at the top and for every command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['check', 'fields', 'sync-order', 'backfill']) expect(top.stdout).toContain(command);
    for (const command of ['check', 'fields', 'sync-order', 'backfill']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: mautic-woo ${command}`);
    }
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCli([])).code).toBe(2);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const flag = await runCli(['check', '--bogus'], env());
    expect(flag.code).toBe(2);
    const args = await runCli(['sync-order'], env());
    expect(args.code).toBe(2);
    expect(args.stderr).toContain('sync-order takes <order.json>');
  });

  it('exits 2 without credentials, naming what is missing and never echoing a secret', async () => {
    const none = await runCli(['check']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('MAUTIC_URL and credentials are not set');
    const half = await runCli(['check'], { MAUTIC_URL: mautic.url, MAUTIC_PASSWORD: PASSWORD });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('credentials are missing: MAUTIC_USERNAME');
    expect(half.stderr + half.stdout).not.toContain(PASSWORD);
    const oauth = await runCli(['check'], { MAUTIC_URL: mautic.url, MAUTIC_CLIENT_SECRET: 'client-secret-xyz' });
    expect(oauth.code).toBe(2);
    expect(oauth.stderr).toContain('MAUTIC_CLIENT_ID');
    expect(oauth.stderr).not.toContain('client-secret-xyz');
    expect(mautic.requests).toHaveLength(0);
  });

  it('check reports the connection and the missing fields without writing anything', async () => {
    const result = await runCli(['check'], env());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('connected; Mautic 5.2.0');
    expect(result.stdout).toContain('✓ field mautic_woo_order_data');
    expect(result.stdout).toContain('✗ field mautic_woo_coupon_code is missing');
    expect(result.stdout).toContain('mautic-woo fields --create');
    expect(mautic.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });

  it('fields --create creates the four missing fields', async () => {
    const result = await runCli(['fields', '--create'], env());
    expect(result.code, result.stderr).toBe(0);
    const created = mautic.received('POST', '/api/fields/contact/new').map((r) => (r.body as { alias: string }).alias);
    expect(created.sort()).toEqual(
      ['mautic_woo_coupon_code', 'mautic_woo_order_count', 'mautic_woo_recovery_url', 'mautic_woo_total_spent'].sort(),
    );
    expect(result.stdout).toContain('mautic_woo_total_spent: created');
    expect(result.stdout).toContain('mautic_woo_order_data: exists');
  });

  it('sync-order syncs a file with a note and an email', async () => {
    const file = join(dir, 'order.json');
    await writeFile(file, JSON.stringify(sampleOrder()));
    const result = await runCli(['sync-order', file, '--note', '--email-on', 'completed=12', '--tag', 'vip'], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Order #727 (completed, john.doe@example.com)');
    expect(result.stdout).toContain('✓ email: email 12');
    expect(mautic.received('POST', '/api/emails/:id/contact/:contact/send')[0]?.path).toBe(
      '/api/emails/12/contact/77/send',
    );
    const created = mautic.received('POST', '/api/contacts/new')[0];
    expect((created?.body as { tags?: string[] } | undefined)?.tags).toContain('vip');
  });

  it('sync-order exits 1 when Mautic fails and 2 for a file that is not an order', async () => {
    mautic.route('POST', '/api/contacts/new', { status: 500, json: mauticBodies.errors(500, 'boom') });
    const file = join(dir, 'order.json');
    await writeFile(file, JSON.stringify(sampleOrder()));
    const failed = await runCli(['sync-order', file], env());
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('MauticServerError: Mautic answered 500 to POST /api/contacts/new: boom');
    expect(failed.stderr).not.toContain(PASSWORD);
    const notOrder = join(dir, 'not-order.json');
    await writeFile(notOrder, '[]');
    expect((await runCli(['sync-order', notOrder], env())).code).toBe(2);
  });
});
