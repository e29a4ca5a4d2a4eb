import { type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AbandonedCart, MAUTIC_WOO_FIELDS, MauticInvalidInputError } from '../../src';

import { basicClient, rejection } from '../helpers/harness';

let fake: FakeMauticServer;
beforeEach(async () => {
  fake = await startFakeMautic({ fields: MAUTIC_WOO_FIELDS.map((f) => f.alias) });
});
afterEach(async () => {
  await fake.close();
});

const cart = {
  email: 'ann+cart@example.com',
  firstName: 'Ann',
  lastName: 'Lee',
  items: [{ name: 'Woo Ninja', sku: 'woo-ninja', quantity: 2, total: '36.00' }],
  total: '36.00',
  currency: 'USD',
  recoveryUrl: 'https://shop.example.com/cart/recover?token=abc',
  couponCode: 'COMEBACK10',
};
const paths = () => fake.server.requests.map((r) => `${r.method} ${r.path.replace(/\d+/g, 'N')}`);

describe('syncAbandonedCart', () => {
  it('writes cart JSON, recovery URL, coupon and the abandoned_cart tag, then adds the segment', async () => {
    const result = await basicClient(fake.server).syncAbandonedCart(cart, { segmentId: 4 });
    expect(result.ok).toBe(true);
    const stored = fake.mautic.contact('ann+cart@example.com');
    expect(stored?.values).toMatchObject({
      firstname: 'Ann',
      lastname: 'Lee',
      mautic_woo_recovery_url: cart.recoveryUrl,
      mautic_woo_coupon_code: 'COMEBACK10',
    });
    expect(JSON.parse(String(stored?.values.mautic_woo_cart_data))).toMatchObject({
      total: '36.00',
      currency: 'USD',
      recoveryUrl: cart.recoveryUrl,
      items: [{ name: 'Woo Ninja', sku: 'woo-ninja', quantity: 2, total: '36.00' }],
    });
    expect([...(stored?.tags ?? [])]).toEqual(['abandoned_cart']);
    expect(fake.mautic.segments).toEqual([{ segmentId: 4, contactId: stored?.id }]);
    expect(paths()).toEqual([
      'GET /api/fields/contact',
      'GET /api/contacts',
      'POST /api/contacts/new',
      'POST /api/segments/N/contact/N/add',
    ]);
  });

  it.each([
    [{ ...cart, email: 'nope' }, 'cart.email'],
    [{ ...cart, recoveryUrl: 'javascript:alert(1)' }, 'cart.recoveryUrl'],
    [{ ...cart, items: 'x' }, 'cart.items'],
  ])('refuses a bad cart before any request (%#)', async (bad, field) => {
    // JavaScript callers and plugin payloads skip the types; the run-time check still holds.
    const error = await rejection(basicClient(fake.server).syncAbandonedCart(bad as unknown as AbandonedCart));
    expect(error).toBeInstanceOf(MauticInvalidInputError);
    expect((error as MauticInvalidInputError).field).toBe(field);
    expect(fake.server.requests).toHaveLength(0);
  });

  it('refuses a segment id that is not a positive integer', async () => {
    const error = await rejection(basicClient(fake.server).syncAbandonedCart(cart, { segmentId: '4/../1' as never }));
    expect((error as MauticInvalidInputError).field).toBe('segmentId');
    expect(fake.server.requests).toHaveLength(0);
  });
});

describe('markCartRecovered', () => {
  it('really clears the cart fields and swaps the tags', async () => {
    const client = basicClient(fake.server);
    await client.syncAbandonedCart(cart);
    const result = await client.markCartRecovered('ann+cart@example.com');
    expect(result).toMatchObject({ found: true });
    const stored = fake.mautic.contact('ann+cart@example.com');
    expect(stored?.values).toMatchObject({
      mautic_woo_cart_data: '',
      mautic_woo_recovery_url: '',
      mautic_woo_coupon_code: '',
    });
    expect([...(stored?.tags ?? [])]).toEqual(['recovered_cart']);
    const patch = fake.server.received('PATCH', '/api/contacts/:id/edit')[0];
    expect(patch?.body).toEqual({
      mautic_woo_cart_data: '',
      mautic_woo_recovery_url: '',
      mautic_woo_coupon_code: '',
      overwriteWithBlank: true,
      tags: ['recovered_cart', '-abandoned_cart'],
    });
    // The email was known from the cart sync: no second lookup.
    expect(fake.server.received('GET', '/api/contacts')).toHaveLength(1);
  });

  it('without overwriteWithBlank Mautic would have kept the values (the fake follows that rule)', async () => {
    const client = basicClient(fake.server);
    await client.syncAbandonedCart(cart);
    const id = fake.mautic.contact('ann+cart@example.com')?.id ?? 0;
    await client.contacts.update(id, { mautic_woo_coupon_code: '' });
    expect(fake.mautic.contact('ann+cart@example.com')?.values.mautic_woo_coupon_code).toBe('COMEBACK10');
  });

  it('reports a customer Mautic does not know, without writing', async () => {
    const result = await basicClient(fake.server).markCartRecovered('ghost@example.com');
    expect(result).toEqual({ email: 'ghost@example.com', found: false, contactId: null });
    expect(paths()).toEqual(['GET /api/contacts']);
  });
});
