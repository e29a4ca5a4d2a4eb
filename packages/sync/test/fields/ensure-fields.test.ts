import { mauticWooFields } from '@mautic-woo/spec/fields';
import { type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { MAUTIC_WOO_FIELDS, MauticServerError } from '../../src';

import { basicClient, rejection } from '../helpers/harness';
import { order727 } from '../helpers/woo-fixtures';

let fake: FakeMauticServer;
afterEach(async () => {
  await fake?.close();
});

const aliases = MAUTIC_WOO_FIELDS.map((f) => f.alias);

describe('fields.ensure', () => {
  it("the six definitions are the spec package's own (their one source)", () => {
    expect(MAUTIC_WOO_FIELDS).toBe(mauticWooFields);
  });

  it('creates only the missing fields, matched by alias, with label, type and group', async () => {
    fake = await startFakeMautic({ fields: aliases.slice(0, 4) });
    const result = await basicClient(fake.server).fields.ensure();
    expect(result.fields.map((f) => `${f.alias}:${f.status}`)).toEqual([
      'mautic_woo_order_data:exists',
      'mautic_woo_cart_data:exists',
      'mautic_woo_recovery_url:exists',
      'mautic_woo_total_spent:exists',
      'mautic_woo_order_count:created',
      'mautic_woo_coupon_code:created',
    ]);
    const created = fake.server.received('POST', '/api/fields/contact/new').map((r) => r.body);
    expect(created).toEqual([
      { alias: 'mautic_woo_order_count', label: 'Order Count', type: 'number', group: 'core' },
      {
        alias: 'mautic_woo_coupon_code',
        label: 'Recovery Coupon Code',
        type: 'text',
        group: 'core',
        // Mautic 5.1+ would give a new text field 64 characters.
        charLengthLimit: 191,
      },
    ]);
  });

  it('checkCustomFields reports what exists and creates nothing', async () => {
    fake = await startFakeMautic({ fields: aliases.slice(2) });
    expect(await basicClient(fake.server).fields.check()).toEqual({
      present: aliases.slice(2),
      missing: aliases.slice(0, 2),
    });
    expect(fake.server.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('creates Total Spent with two decimals (Mautic casts number fields without a scale to integers)', async () => {
    fake = await startFakeMautic();
    await basicClient(fake.server).fields.ensure();
    expect(fake.mautic.fields.get('mautic_woo_total_spent')?.properties).toEqual({ roundmode: 4, scale: 2 });
    expect(fake.mautic.fields.get('mautic_woo_order_data')?.type).toBe('textarea');
  });

  it('reads every page of the field list (Mautic pages at 30; a site has 40+ fields)', async () => {
    const many = Array.from({ length: 45 }, (_, i) => `custom_${i}`);
    fake = await startFakeMautic({ fields: [...many, ...aliases] });
    fake.fail('GET', '/api/fields/contact', (r) => {
      // A server that ignores `limit` and pages at 30, as a capped install would.
      const start = Number(r.query.get('start') ?? 0);
      const all = [...fake.mautic.fields.values()];
      return {
        json: { total: all.length, fields: Object.fromEntries(all.slice(start, start + 30).map((f) => [f.id, f])) },
      };
    });
    const result = await basicClient(fake.server).fields.ensure();
    expect(result.fields.every((f) => f.status === 'exists')).toBe(true);
    expect(fake.server.received('GET', '/api/fields/contact').length).toBeGreaterThan(1);
    expect(fake.server.received('POST', '/api/fields/contact/new')).toHaveLength(0);
  });

  it('reports 202 (column created in the background) as queued', async () => {
    fake = await startFakeMautic({ fields: aliases.slice(1), queueFields: true });
    const result = await basicClient(fake.server).fields.ensure();
    expect(result.fields[0]).toEqual({ alias: 'mautic_woo_order_data', status: 'queued' });
  });

  it('reports an alias Mautic renamed, and writes to the new alias', async () => {
    fake = await startFakeMautic({
      fields: aliases.filter((a) => a !== 'mautic_woo_order_data'),
      renameFields: { mautic_woo_order_data: 'mautic_woo_order_data1' },
    });
    const client = basicClient(fake.server);
    const result = await client.fields.ensure();
    expect(result.fields[0]).toEqual({
      alias: 'mautic_woo_order_data',
      status: 'renamed',
      actualAlias: 'mautic_woo_order_data1',
    });
    await client.syncOrder(order727());
    const body = fake.server.received('POST', '/api/contacts/new')[0]?.body as Record<string, unknown>;
    expect(body).toHaveProperty('mautic_woo_order_data1');
    expect(body).not.toHaveProperty('mautic_woo_order_data');
  });

  it('the cart workflows write to and clear a renamed alias too', async () => {
    fake = await startFakeMautic({
      fields: aliases.filter((a) => a !== 'mautic_woo_cart_data'),
      renameFields: { mautic_woo_cart_data: 'mautic_woo_cart_data1' },
    });
    const client = basicClient(fake.server);
    const cart = {
      email: 'ann@example.com',
      items: [{ name: 'Woo Ninja', quantity: 1, total: '18.00' }],
      total: '18.00',
      currency: 'USD',
      recoveryUrl: 'https://shop.example.com/r/1',
    };
    await client.syncAbandonedCart(cart);
    expect(fake.mautic.contact('ann@example.com')?.values.mautic_woo_cart_data1).toContain('Woo Ninja');
    await client.markCartRecovered('ann@example.com');
    expect(fake.mautic.contact('ann@example.com')?.values.mautic_woo_cart_data1).toBe('');
  });

  it('checks once per client; a failure is not remembered', async () => {
    fake = await startFakeMautic({ fields: aliases });
    let calls = 0;
    fake.fail('GET', '/api/fields/contact', () =>
      calls++ === 0 ? { status: 500, json: { errors: [{ code: 500, message: 'boom' }] } } : undefined,
    );
    const client = basicClient(fake.server);
    expect(await rejection(client.fields.ensure())).toBeInstanceOf(MauticServerError);
    await client.fields.ensure();
    await client.fields.ensure();
    await client.syncOrder(order727());
    expect(fake.server.received('GET', '/api/fields/contact')).toHaveLength(2);
  });
});

describe('ensureTags', () => {
  it('lists once, creates only the missing tags, and remembers them', async () => {
    fake = await startFakeMautic();
    let created = 0;
    fake.server.route('GET', '/api/tags', { json: { total: 1, tags: { '4': { id: 4, tag: 'VIP' } } } });
    fake.server.route('POST', '/api/tags/new', (r) => ({
      status: 201,
      json: { tag: { id: 10 + created++, tag: (r.body as { tag: string }).tag } },
    }));
    const client = basicClient(fake.server);
    expect(await client.tags.ensure(['vip', 'wholesale', 'wholesale'])).toEqual({
      created: ['wholesale'],
      existing: ['vip'],
    });
    expect(await client.tags.ensure(['wholesale'])).toEqual({ created: [], existing: ['wholesale'] });
    expect(fake.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/tags', 'POST /api/tags/new']);
    expect(fake.server.requests[1]?.body).toEqual({ tag: 'wholesale' });
  });
});
