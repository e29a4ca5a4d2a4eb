import { describe, expect, it } from 'vitest';
import type { WooOrder } from '../../src';
import { useFakeMautic } from '../helpers/fake';
import { basicClient } from '../helpers/harness';
import { order723 } from '../helpers/woo-fixtures';

const fake = useFakeMautic();

const EMAIL = 'joao.silva@example.com';
const stored = () => fake.mautic.contact(EMAIL)?.values;
// Order 723 carries two refunds, -10.00 and -9.00.
const refunded = (): WooOrder => ({ ...order723(), status: 'refunded' });

describe('refunds and cancellations', () => {
  it('a refunded order lowers the stored lifetime total by its refunds, once, and tags the status', async () => {
    const client = basicClient(fake.server);
    await client.syncOrder(order723(), { customerTotals: { totalSpent: '100.00', orderCount: 2 } });
    const before = fake.server.requests.length;
    const result = await client.syncOrder(refunded());
    expect(stored()?.mautic_woo_total_spent).toBe(81);
    // The contact write, then the lowered total: one request more than any other status.
    expect(fake.server.requests.slice(before).map((r) => r.method)).toEqual(['PATCH', 'PATCH']);
    expect(result.totals).toMatchObject({ source: 'none' });
    expect(result.steps.find((s) => s.step === 'refund')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/100 → 81/),
    });
    expect([...(fake.mautic.contact(EMAIL)?.tags ?? [])]).toContain('order_refunded');

    // A redelivered webhook does not lower it again.
    const again = await client.syncOrder(refunded());
    expect(stored()?.mautic_woo_total_spent).toBe(81);
    expect(again.steps.find((s) => s.step === 'refund')).toMatchObject({ status: 'skipped' });
  });

  it('sends the status email of refunded and cancelled like any status', async () => {
    const client = basicClient(fake.server);
    await client.syncOrder(refunded(), { emailOnStatus: { refunded: 21, cancelled: 22 } });
    await client.syncOrder({ ...order723(), refunds: [], status: 'cancelled' }, { emailOnStatus: { cancelled: 22 } });
    expect(fake.mautic.emails.map((e) => e.emailId)).toEqual([21, 22]);
    expect([...(fake.mautic.contact(EMAIL)?.tags ?? [])]).toEqual(
      expect.arrayContaining(['order_refunded', 'order_cancelled']),
    );
  });

  it('true totals win: a caller total is written as given, not lowered again', async () => {
    const client = basicClient(fake.server);
    await client.syncOrder(order723(), { customerTotals: { totalSpent: '100.00', orderCount: 2 } });
    const result = await client.syncOrder(refunded(), { customerTotals: { totalSpent: '81.00', orderCount: 2 } });
    expect(stored()?.mautic_woo_total_spent).toBe(81);
    expect(result.steps.find((s) => s.step === 'refund')).toMatchObject({ status: 'skipped' });
  });

  it('nothing stored, nothing lowered; a processing order with a partial refund gets no refund step', async () => {
    const client = basicClient(fake.server);
    const first = await client.syncOrder(refunded());
    expect(stored()?.mautic_woo_total_spent).toBeUndefined();
    expect(first.steps.find((s) => s.step === 'refund')).toMatchObject({ status: 'skipped' });
    const partial = await client.syncOrder({ ...order723(), status: 'processing' });
    expect(partial.steps.some((s) => s.step === 'refund')).toBe(false);
    expect(first.totals).toEqual({ source: 'none', detail: expect.stringMatching(/no WooCommerce reader/) });
  });
});
