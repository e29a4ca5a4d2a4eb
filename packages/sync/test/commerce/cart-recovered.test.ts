import { describe, expect, it } from 'vitest';
import { MauticInvalidInputError } from '../../src';
import { useFakeMautic } from '../helpers/fake';
import { basicClient, refusal } from '../helpers/harness';

const fake = useFakeMautic();

const cart = {
  email: 'ana@example.com',
  items: [{ name: 'Woo Ninja', quantity: 1, total: '20.00' }],
  total: '20.00',
  currency: 'EUR',
  recoveryUrl: 'https://shop.example.com/cart?recover=abc',
};

describe('markCartRecovered with the cart segment', () => {
  it('takes the contact out of the segment the cart was added to (PATCH + 1 request)', async () => {
    const client = basicClient(fake.server);
    const synced = await client.syncAbandonedCart(cart, { segmentId: 7 });
    expect(fake.mautic.segments).toEqual([{ segmentId: 7, contactId: synced.contactId }]);
    const before = fake.server.requests.length;
    const result = await client.markCartRecovered(cart.email, { segmentId: 7 });
    expect(result).toMatchObject({ found: true, removedFromSegment: 7 });
    expect(fake.mautic.segments).toEqual([]);
    expect(fake.server.requests.slice(before).map((r) => r.method)).toEqual(['PATCH', 'POST']);
    expect([...(fake.mautic.contact(cart.email)?.tags ?? [])]).toEqual(['recovered_cart']);
  });

  it('without a segment id, no segment request; a bad id is refused before any request', async () => {
    const client = basicClient(fake.server);
    await client.syncAbandonedCart(cart, { segmentId: 7 });
    await client.markCartRecovered(cart.email);
    expect(fake.server.received('POST', '/api/segments/7/contact/:id/remove')).toHaveLength(0);
    const before = fake.server.requests.length;
    const error = await refusal(() => client.markCartRecovered(cart.email, { segmentId: 0 }));
    expect(error).toBeInstanceOf(MauticInvalidInputError);
    expect(fake.server.requests.length).toBe(before);
  });
});
