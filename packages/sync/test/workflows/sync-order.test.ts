import { type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FailedOrder,
  MAUTIC_WOO_FIELDS,
  MauticApiError,
  MauticInvalidInputError,
  MauticTimeoutError,
} from '../../src';

import { basicClient, recorded, rejection } from '../helpers/harness';
import { ORDER_727_CONTACT, order723, order727 } from '../helpers/woo-fixtures';

let fake: FakeMauticServer;
const allFields = MAUTIC_WOO_FIELDS.map((f) => f.alias);
beforeEach(async () => {
  fake = await startFakeMautic({ fields: allFields });
});
afterEach(async () => {
  await fake.close();
});

const paths = () => fake.server.requests.map((r) => `${r.method} ${r.path}`);
const client = () => basicClient(fake.server);

describe('syncOrder', () => {
  it('writes the billing contact with Mautic names for state and country, the order JSON and tags', async () => {
    const result = await client().syncOrder(order727(), { tags: ['woo'] });
    expect(result).toMatchObject({ orderId: 727, email: 'john.doe@example.com', created: true, ok: true });
    const [write] = fake.server.received('POST', '/api/contacts/new');
    const body = write?.body as Record<string, unknown>;
    expect(body).toMatchObject({ ...ORDER_727_CONTACT, tags: ['woo', 'order_processing'] });
    const data = JSON.parse(String(body.mautic_woo_order_data));
    expect(data).toMatchObject({ id: 727, status: 'processing', total: '29.35', currency: 'USD' });
    expect(data.items.map((i: { quantity: number }) => i.quantity)).toEqual([2, 1]);
    const stored = fake.mautic.contact('john.doe@example.com');
    expect(stored?.values.state).toBe('California');
    expect([...(stored?.tags ?? [])]).toEqual(['woo', 'order_processing']);
  });

  it('converts Brazil / RJ to Brazil / Rio de Janeiro', async () => {
    await client().syncOrder(order723());
    const stored = fake.mautic.contacts[0];
    expect(stored?.values).toMatchObject({ country: 'Brazil', state: 'Rio de Janeiro' });
  });

  it('adds a general note and sends the email of the status with order tokens', async () => {
    const order = order723();
    const result = await client().syncOrder(order, { note: true, emailOnStatus: { completed: 12, processing: 13 } });
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'fields:ok',
      'contact:ok',
      'note:ok',
      'email:ok',
    ]);
    expect(fake.mautic.notes).toHaveLength(1);
    const [note] = fake.mautic.notes;
    expect(note?.type).toBe('general');
    expect(note?.lead).toBe(result.contactId);
    const [title, ...body] = String(note?.text).split('\n');
    expect(title).toBe('WooCommerce order #723');
    expect(body).toContain('Status: completed');
    expect(body.some((line) => line.includes('Woo Ninja'))).toBe(true);
    expect(fake.mautic.emails).toEqual([{ emailId: 12, contactId: result.contactId, tokens: expect.any(Object) }]);
    expect(fake.mautic.emails[0]?.tokens).toMatchObject({ '{order_number}': '723', '{order_status}': 'completed' });
  });

  it('a second delivery of the same order and status adds no second note or email', async () => {
    const client = basicClient(fake.server);
    const options = { note: true, emailOnStatus: { completed: 12 } };
    await client.syncOrder(order723(), options);
    const again = await client.syncOrder(order723(), options);
    expect(again.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'fields:ok',
      'contact:ok',
      'note:skipped',
      'email:skipped',
    ]);
    expect(fake.mautic.notes).toHaveLength(1);
    expect(fake.mautic.emails).toHaveLength(1);
    await client.syncOrder({ ...order723(), status: 'refunded' }, { ...options, emailOnStatus: { refunded: 13 } });
    expect(fake.mautic.notes).toHaveLength(2);
    expect(fake.mautic.emails.map((e) => e.emailId)).toEqual([12, 13]);
  });

  it('a send that timed out is not repeated by a re-run (it most likely happened), unless asked', async () => {
    let late = 1;
    // Mautic sends the email, then answers after the client has given up.
    fake.fail('POST', '/api/emails/:id/contact/:cid/send', async (request, state) =>
      late-- > 0 ? { ...(await state.handle(request)), delayMs: 400 } : undefined,
    );
    const client = basicClient(fake.server, { timeoutMs: 150 });
    const options = { note: true, emailOnStatus: { completed: 12 } };
    const [failure] = (await client.syncOrders([order723()], options)).failures;
    expect(failure?.error).toBeInstanceOf(MauticTimeoutError);
    expect(failure).toMatchObject({ completedSteps: ['note'], uncertainSteps: ['email'] });
    recorded.errors.push(failure?.error);

    // Another process re-runs the failure: no second note, no second email.
    const again = await basicClient(fake.server).syncOrders([failure as FailedOrder], options);
    expect(again.ok).toBe(1);
    expect(fake.mautic.notes).toHaveLength(1);
    expect(fake.mautic.emails).toHaveLength(1);

    await basicClient(fake.server).syncOrders([failure as FailedOrder], { ...options, resendUncertain: true });
    expect(fake.mautic.emails).toHaveLength(2);
    expect(fake.mautic.notes).toHaveLength(1);
  });

  it('sends no email for a status that is not mapped', async () => {
    const result = await client().syncOrder(order727(), { emailOnStatus: { completed: 12 } });
    expect(result.steps.find((s) => s.step === 'email')?.status).toBe('skipped');
    expect(fake.mautic.emails).toHaveLength(0);
  });

  it('writes lifetime totals when the caller has them, and SKU tags when asked', async () => {
    await client().syncOrder(order727(), { customerTotals: { totalSpent: '129.90', orderCount: 3 }, skuTags: true });
    const body = fake.server.received('POST', '/api/contacts/new')[0]?.body as Record<string, unknown>;
    expect(body.mautic_woo_total_spent).toBe(129.9);
    expect(body.mautic_woo_order_count).toBe(3);
    expect((body.tags as string[]).filter((t) => t !== 'order_processing').length).toBeGreaterThan(0);
  });

  it('reports a {"success": false} email answer as a failed step, keeping the contact', async () => {
    fake.fail('POST', '/api/emails/:id/contact/:cid/send', () => ({
      json: { success: false, failed: ['smtp down'] },
    }));
    const result = await client().syncOrder(order723(), { emailOnStatus: { completed: 12 } });
    const email = result.steps.find((s) => s.step === 'email');
    expect(email?.status).toBe('failed');
    expect(email?.status === 'failed' && email.error).toBeInstanceOf(MauticApiError);
    expect(email?.detail).toContain('smtp down');
    expect(result.ok).toBe(false);
    expect(fake.mautic.contacts.length).toBe(1);
  });

  it('leaves out a state with no Mautic name, and says so', async () => {
    const order = order727();
    order.billing = { ...order.billing, state: 'ZZ' };
    const result = await client().syncOrder(order);
    expect(result.unconverted).toEqual([{ field: 'state', value: 'ZZ' }]);
    const body = fake.server.received('POST', '/api/contacts/new')[0]?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('state');
    expect(body.country).toBe('United States');
  });

  it('still saves the contact when Mautic refuses a converted value (its list is older)', async () => {
    fake.fail('POST', '/api/contacts/new', (r) =>
      (r.body as Record<string, unknown>).state
        ? {
            status: 400,
            json: {
              errors: [
                {
                  code: 400,
                  message: 'state: This value is not valid.',
                  details: { state: ['This value is not valid.'] },
                },
              ],
            },
          }
        : undefined,
    );
    const result = await client().syncOrder(order727());
    expect(result.droppedFields).toEqual(['state']);
    expect(fake.mautic.contact('john.doe@example.com')?.values.country).toBe('United States');
  });

  it('refuses an order without a billing email before any request', async () => {
    const order = order727();
    order.billing = { ...order.billing, email: '' };
    const error = await rejection(client().syncOrder(order));
    expect(error).toBeInstanceOf(MauticInvalidInputError);
    expect(error.message).toContain('727');
    expect(fake.server.requests).toHaveLength(0);
  });
});

describe('round trips (the counts the README states)', () => {
  it('first order of a customer: fields once, lookup, write, note, email', async () => {
    const mauticClient = client();
    await mauticClient.syncOrder(order727(), { note: true, emailOnStatus: { processing: 3 } });
    expect(paths()).toEqual([
      'GET /api/fields/contact',
      'GET /api/contacts',
      'POST /api/contacts/new',
      'POST /api/notes/new',
      'POST /api/emails/3/contact/100/send'.replace('100', String(fake.mautic.contact('john.doe@example.com')?.id)),
    ]);
  });

  it('next order of the same customer on the same client: write, note, email', async () => {
    const mauticClient = client();
    await mauticClient.syncOrder(order727(), { note: true, emailOnStatus: { processing: 3 } });
    const before = fake.server.requests.length;
    await mauticClient.syncOrder({ ...order727(), id: 728 }, { note: true, emailOnStatus: { processing: 3 } });
    expect(fake.server.requests.slice(before).map((r) => `${r.method} ${r.path.replace(/\d+/g, 'N')}`)).toEqual([
      'PATCH /api/contacts/N/edit',
      'POST /api/notes/new',
      'POST /api/emails/N/contact/N/send',
    ]);
  });

  it("merge strategy: Mautic's one-request upsert", async () => {
    const mauticClient = client();
    await mauticClient.fields.ensure();
    const before = fake.server.requests.length;
    await mauticClient.syncOrder(order723(), { strategy: 'merge', note: true, emailOnStatus: { completed: 3 } });
    expect(fake.server.requests.length - before).toBe(3);
  });
});
