import { describe, expect, it } from 'vitest';
import { MemoryErasureLog, MemoryStepLedger, type WooOrder } from '../../src';
import { useFakeMautic } from '../helpers/fake';
import { basicClient } from '../helpers/harness';
import { docsCustomer, order727, wooGmt } from '../helpers/woo-fixtures';

const fake = useFakeMautic();

const EMAIL = 'john.doe@example.com';
const paths = () => fake.server.requests.map((r) => `${r.method} ${r.path.replace(/\/\d+\//, '/ID/')}`);
const notesFor = (email: string) => {
  const id = fake.mautic.contact(email)?.id;
  return fake.mautic.notes.filter((note) => note.lead === id);
};

describe('eraseCustomer', () => {
  it('deletes the contact found by exact email (its notes go with it): 1 lookup + 1 delete', async () => {
    const client = basicClient(fake.server);
    await client.syncOrder(order727(), { note: true });
    expect(fake.mautic.notes).toHaveLength(1);
    const before = fake.server.requests.length;
    const result = await client.eraseCustomer('John.Doe@example.com');
    expect(result).toMatchObject({ found: true, deletedContactIds: [expect.any(Number)], forgottenOrders: 1 });
    expect(paths().slice(before)).toEqual(['GET /api/contacts', 'DELETE /api/contacts/ID/delete']);
    expect(fake.mautic.contacts).toHaveLength(0);
    expect(fake.mautic.notes).toHaveLength(0);
  });

  it("also deletes the contact this client created a moment ago that Mautic's list leaves out (count cache)", async () => {
    const client = basicClient(fake.server);
    await client.syncOrder(order727());
    // Mautic 5.1+ caches list counts for 5 s: a contact created just now can be missing from the list.
    fake.fail('GET', '/api/contacts', () => ({ json: { total: '0', contacts: [] } }));
    const result = await client.eraseCustomer(EMAIL);
    expect(result).toMatchObject({ found: true, deletedContactIds: [expect.any(Number)] });
    expect(fake.mautic.contacts).toHaveLength(0);
  });

  it('is a no-op with { found: false } when no contact has the email, and never matches a longer one', async () => {
    const client = basicClient(fake.server);
    await client.syncOrder({ ...order727(), billing: { ...order727().billing, email: 'john.doe@example.com.au' } });
    const result = await client.eraseCustomer(EMAIL);
    expect(result).toMatchObject({ found: false, deletedContactIds: [] });
    expect(fake.mautic.contacts).toHaveLength(1);
  });

  it('a late webhook for an old order does not bring the contact or its notes back; a new order does sync', async () => {
    const client = basicClient(fake.server);
    const options = { note: true, emailOnStatus: { completed: 12 } };
    await client.syncOrder(order727(), options);
    await client.eraseCustomer(EMAIL);

    // order.updated for order 727 (created 2017), delivered late, and again with a new status.
    const beforeLate = fake.server.requests.length;
    const late = await client.syncOrder(order727(), options);
    expect(fake.server.requests.length).toBe(beforeLate);
    const lateCompleted = await client.syncOrder({ ...order727(), status: 'completed' }, options);
    expect(late).toMatchObject({ skipped: 'erased', contactId: null, ok: true });
    expect(lateCompleted.skipped).toBe('erased');
    expect(late.steps).toEqual([{ step: 'contact', status: 'skipped', detail: expect.stringMatching(/erased at/) }]);
    expect(fake.mautic.contacts).toHaveLength(0);
    expect(fake.mautic.notes).toHaveLength(0);
    // The late `completed` delivery sent no status email either.
    expect(fake.mautic.emails).toHaveLength(0);

    // The same customer orders again after the erasure: a new contact, with only the new order's note.
    const fresh: WooOrder = { ...order727(), id: 900, number: '900', date_created_gmt: wooGmt(60_000) };
    const again = await client.syncOrder(fresh, options);
    expect(again).toMatchObject({ created: true, ok: true });
    expect(notesFor(EMAIL).map((note) => note.text.split('\n')[0])).toEqual(['WooCommerce order #900']);
  });

  it('a late customer.updated dated before the erasure is skipped too', async () => {
    const client = basicClient(fake.server);
    await client.syncCustomer(docsCustomer(25));
    await client.eraseCustomer(EMAIL);
    const late = await client.syncCustomer(docsCustomer(25));
    expect(late.skipped).toBe('erased');
    expect(fake.mautic.contacts).toHaveLength(0);
  });

  it('forgets the email here: the step ledger entries of its orders and the id cache', async () => {
    const stepLedger = new MemoryStepLedger();
    const client = basicClient(fake.server, { stepLedger });
    await client.syncOrder(order727(), { note: true });
    const key = { orderId: 727, status: 'processing', step: 'note' as const };
    expect(await stepLedger.claim(key, { ttlMs: 1000 })).toBe('done');
    await client.eraseCustomer(EMAIL);
    expect(await stepLedger.claim(key, { ttlMs: 1000 })).toBe('claimed');
    // Without the cached id, the next write looks the email up again instead of editing a deleted id.
    const before = fake.server.requests.length;
    await client.syncCustomer({ ...docsCustomer(25), date_modified_gmt: wooGmt(60_000) });
    expect(paths().slice(before)).toEqual(['GET /api/contacts', 'POST /api/contacts/new']);
  });

  it('a shared ErasureLog holds the rule across clients (processes)', async () => {
    const erasures = new MemoryErasureLog();
    await basicClient(fake.server, { erasures }).syncOrder(order727());
    await basicClient(fake.server, { erasures }).eraseCustomer(EMAIL);
    const late = await basicClient(fake.server, { erasures }).syncOrder(order727());
    expect(late.skipped).toBe('erased');
    expect(fake.mautic.contacts).toHaveLength(0);
  });
});
