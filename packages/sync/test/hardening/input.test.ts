import { describe, expect, it } from 'vitest';
import { MauticInvalidInputError, type WooOrder } from '../../src';
import { calls } from '../helpers/calls';
import { basicClient, refusal, useScriptedServer } from '../helpers/harness';

/** Careless input gets a MauticInvalidInputError naming the field, before any request. */

const server = useScriptedServer();

const order = (): WooOrder => ({
  id: 101,
  status: 'completed',
  currency: 'USD',
  total: '29.35',
  billing: { email: 'a@example.com', first_name: 'Ada' },
  line_items: [{ id: 1, name: 'Mug', product_id: 7, quantity: 1, total: '29.35', sku: 'MUG' }],
  coupon_lines: [],
});

async function refused(call: () => unknown, field?: string) {
  const error = await refusal(call);
  expect(error).toBeInstanceOf(MauticInvalidInputError);
  if (field !== undefined) expect((error as MauticInvalidInputError).field).toBe(field);
  expect(server.requests).toHaveLength(0);
}

describe('orders are checked before anything is sent', () => {
  const client = () => basicClient(server);
  const cases: Array<[string, unknown, string]> = [
    ['null', null, 'order'],
    ['a number', 42, 'order'],
    ['line_items as an object', { ...order(), line_items: {} }, 'order.line_items'],
    ['a null line item', { ...order(), line_items: [null] }, 'order.line_items[0]'],
    ['total as an object', { ...order(), total: {} }, 'order.total'],
    [
      'a coupon without a code',
      { ...order(), coupon_lines: [{ id: 1, code: null, discount: '1' }] },
      'order.coupon_lines[0].code',
    ],
    ["total 'abc'", { ...order(), total: 'abc' }, 'order.total'],
    ["total '-29.35'", { ...order(), total: '-29.35' }, 'order.total'],
    ['total NaN', { ...order(), total: Number.NaN }, 'order.total'],
    ['no id', { ...order(), id: undefined }, 'order.id'],
    ['id 0', { ...order(), id: 0 }, 'order.id'],
    ['no status', { ...order(), status: undefined }, 'order.status'],
  ];
  for (const [name, input, field] of cases) {
    it(`syncOrder with ${name} → MauticInvalidInputError (${field})`, async () => {
      await refused(() => client().syncOrder(input as WooOrder), field);
    });
  }

  it('syncOrders reports such an order as failed with the typed error, and sends nothing for it', async () => {
    const summary = await client().syncOrders([{ ...order(), id: 0 }], { ensureFields: false });
    expect(summary.failed).toBe(1);
    expect(summary.failures[0]?.error).toBeInstanceOf(MauticInvalidInputError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('tag lists', () => {
  it("ensureTags('vip') is refused, not split into letters", async () => {
    await refused(() => calls.ensureTags(basicClient(server), 'vip'), 'names');
  });
  it("an upsert with tags: 'vip' is refused", async () => {
    await refused(() => calls.upsert(basicClient(server), { email: 'a@example.com', tags: 'vip' }), 'tags');
  });
});

describe('emails', () => {
  for (const [name, email] of [
    ['a control character', 'a\u0007b@example.com'],
    ['a bidi override', 'admin\u202e@example.com'],
    ['a zero-width joiner', 'a\u200db@example.com'],
    ['a leading dot', '.ada@example.com'],
    ['a trailing dot in the local part', 'ada.@example.com'],
    ['a trailing dot in the domain', 'ada@example.com.'],
    ['a domain label starting with -', 'ada@-example.com'],
    ['a domain label ending with -', 'ada@example-.com'],
    ['an empty domain label', 'ada@example..com'],
    ['a 64-character domain label', `ada@${'a'.repeat(64)}.com`],
  ] as const) {
    it(`refuses ${name}`, async () => {
      await refused(() => calls.upsert(basicClient(server), { email }), 'email');
    });
  }
  it('still takes +, apostrophes and non-ASCII letters', async () => {
    server.route('GET', '/api/contacts', { json: { total: '0', contacts: [] } });
    for (const email of ["o'brien+shop@example.com", 'jörg@bücher.de', 'a_b%c@sub.example.co.uk']) {
      await expect(calls.findByEmail(basicClient(server), email)).resolves.toBeNull();
    }
  });
});

describe('values longer than their Mautic field', () => {
  it('a text field over 191 characters names the field', async () => {
    const error = await refusal(() =>
      calls.upsert(basicClient(server), { email: 'a@example.com', firstname: 'x'.repeat(192) }),
    );
    expect((error as MauticInvalidInputError).field).toBe('firstname');
    expect(error.message).toContain('191');
    expect(server.requests).toHaveLength(0);
  });
  it('a textarea over 65,535 bytes names the field', async () => {
    const error = await refusal(() =>
      calls.upsert(basicClient(server), { email: 'a@example.com', mautic_woo_order_data: 'é'.repeat(40_000) }),
    );
    expect((error as MauticInvalidInputError).field).toBe('mautic_woo_order_data');
    expect(server.requests).toHaveLength(0);
  });
  it('values that fit are sent', async () => {
    server.route('GET', '/api/contacts', { json: { total: '0', contacts: [] } });
    server.route('POST', '/api/contacts/new', {
      status: 201,
      json: { contact: { id: 9, fields: { all: { id: 9 } } } },
    });
    await expect(
      calls.upsert(basicClient(server), {
        email: 'a@example.com',
        firstname: 'x'.repeat(191),
        mautic_woo_order_data: 'é'.repeat(30_000),
      }),
    ).resolves.toMatchObject({ created: true });
  });
});
