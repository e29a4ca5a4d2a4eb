import { describe, expect, it } from 'vitest';
import { CUSTOMER_TAG, MauticInvalidInputError, type WooCustomer } from '../../src';
import { useFakeMautic } from '../helpers/fake';
import { basicClient, refusal } from '../helpers/harness';
import { docsCustomer } from '../helpers/woo-fixtures';

const fake = useFakeMautic({});

describe('syncCustomer (customer.created / customer.updated)', () => {
  it('a registration with no order makes a contact: billing address with Mautic names, the customer tag', async () => {
    const client = basicClient(fake.server);
    const result = await client.syncCustomer(docsCustomer(26), { tags: ['woo'] });
    expect(result).toMatchObject({ customerId: 26, email: 'joao.silva@example.com', created: true, ok: true });
    const stored = fake.mautic.contact('joao.silva@example.com');
    expect(stored?.values).toMatchObject({
      firstname: 'João',
      lastname: 'Silva',
      city: 'Rio de Janeiro',
      state: 'Rio de Janeiro',
      country: 'Brazil',
      zipcode: '12345-000',
    });
    expect([...(stored?.tags ?? [])]).toEqual([CUSTOMER_TAG, 'woo']);
    // A lookup and a create; no field checks (the profile writes no mautic_woo_* field).
    expect(fake.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/contacts',
      'POST /api/contacts/new',
    ]);
  });

  it('a profile update edits the same contact (1 request once the client knows the email)', async () => {
    const client = basicClient(fake.server);
    await client.syncCustomer(docsCustomer(25));
    const updated = { ...docsCustomer(25), billing: { ...docsCustomer(25).billing, city: 'Oakland' } };
    const before = fake.server.requests.length;
    const result = await client.syncCustomer(updated);
    expect(result.created).toBe(false);
    expect(fake.server.requests.length - before).toBe(1);
    expect(fake.mautic.contacts).toHaveLength(1);
    expect(fake.mautic.contact('john.doe@example.com')?.values.city).toBe('Oakland');
  });

  it('account names fill in where the billing address has none', async () => {
    const customer: WooCustomer = { ...docsCustomer(25), billing: { country: 'US', state: 'CA' } };
    await basicClient(fake.server).syncCustomer(customer);
    expect(fake.mautic.contact('john.doe@example.com')?.values).toMatchObject({
      firstname: 'John',
      lastname: 'Doe',
      state: 'California',
    });
  });

  for (const [label, customer, field] of [
    ['not an object', 'john@example.com', 'customer'],
    ['no email', { ...docsCustomer(25), email: '' }, 'email'],
    ['a bad id', { ...docsCustomer(25), id: -1 }, 'customer.id'],
    ['a billing city that is not a string', { ...docsCustomer(25), billing: { city: 5 } }, 'customer.billing.city'],
    ['meta_data that is not a list', { ...docsCustomer(25), meta_data: {} }, 'customer.meta_data'],
  ] as const) {
    it(`refuses ${label} with a typed error before any request`, async () => {
      const error = await refusal(() => basicClient(fake.server).syncCustomer(customer as unknown as WooCustomer));
      expect(error).toBeInstanceOf(MauticInvalidInputError);
      expect((error as MauticInvalidInputError).field).toBe(field);
      expect(fake.server.requests).toHaveLength(0);
    });
  }
});
