import { describe, expect, it } from 'vitest';
import { MauticInvalidInputError } from '../../src/errors';
import {
  ORDER_DATA_MAX_LENGTH,
  orderDataJson,
  orderEmailTokens,
  orderNoteText,
  orderSummary,
  orderTags,
} from '../../src/woo/order-data';
import type { WooOrder } from '../../src/woo/order-types';
import { order723, order727 } from '../helpers/woo-fixtures';

function withCoupons(order: WooOrder): WooOrder {
  order.discount_total = '5.00';
  order.coupon_lines = [
    { id: 1, code: 'SAVE5', discount: '5.00' },
    { id: 2, code: 'VIP', discount: '0.00' },
  ];
  return order;
}

describe('orderSummary / orderDataJson', () => {
  it('summarises order 727 with decoded item names and UTC date', () => {
    expect(orderSummary(order727())).toEqual({
      id: 727,
      number: '727',
      status: 'processing',
      total: '29.35',
      discount: '0.00',
      coupons: [],
      currency: 'USD',
      date: '2017-03-22T19:28:02Z',
      paymentMethod: 'Direct Bank Transfer',
      items: [
        { name: 'Woo Single #1', sku: null, quantity: 2, total: '6.00' },
        { name: 'Ship Your Idea – Color: Black, Size: M Test', sku: 'Bar3', quantity: 1, total: '12.00' },
      ],
    });
  });

  it('gives JSON with a fixed key order', () => {
    const json = orderDataJson(order723());
    expect(Object.keys(JSON.parse(json))).toEqual([
      'id',
      'number',
      'status',
      'total',
      'discount',
      'coupons',
      'currency',
      'date',
      'paymentMethod',
      'items',
    ]);
    expect(json).toBe(orderDataJson(order723()));
    expect(JSON.parse(json)).toMatchObject({ id: 723, status: 'completed', total: '39.00', items: [{}, {}] });
  });

  it('lists coupon codes', () => {
    expect(JSON.parse(orderDataJson(withCoupons(order727())))).toMatchObject({
      discount: '5.00',
      coupons: ['SAVE5', 'VIP'],
    });
  });

  it('drops items, not JSON syntax, when over the limit', () => {
    const order = order727();
    const template = order.line_items?.[0];
    if (!template) throw new Error('fixture has no line items');
    order.line_items = Array.from({ length: 500 }, (_, i) => ({
      ...template,
      id: i,
      name: `Product ${i} ${'x'.repeat(150)}`,
    }));
    expect(JSON.stringify(orderSummary(order)).length).toBeGreaterThan(ORDER_DATA_MAX_LENGTH);
    const capped = orderDataJson(order);
    expect(capped.length).toBeLessThanOrEqual(ORDER_DATA_MAX_LENGTH);
    expect(JSON.parse(capped).truncatedItems).toBeGreaterThan(0);

    const json = orderDataJson(order, { maxLength: 2000 });
    expect(new TextEncoder().encode(json).length).toBeLessThanOrEqual(2000);
    const parsed = JSON.parse(json);
    expect(parsed.items.length + parsed.truncatedItems).toBe(500);
    expect(parsed.items.length).toBeGreaterThan(0);
    expect(parsed.total).toBe('29.35');
    // One more item would not have fitted.
    const oneMore = JSON.stringify({ ...parsed, items: orderSummary(order).items.slice(0, parsed.items.length + 1) });
    expect(new TextEncoder().encode(oneMore).length).toBeGreaterThan(2000);
  });

  it('counts the limit in UTF-8 bytes', () => {
    const order = order727();
    order.line_items = [{ id: 1, name: 'é'.repeat(600), product_id: 1, quantity: 1, total: '1.00' }];
    const json = orderDataJson(order, { maxLength: 1000 });
    expect(JSON.parse(json)).toMatchObject({ items: [], truncatedItems: 1 });
  });
});

describe('orderNoteText', () => {
  it('writes order 727 as a title and one fact per line', () => {
    expect(orderNoteText(order727()).split('\n')).toEqual([
      'WooCommerce order #727',
      'Order: #727 (id 727)',
      'Status: processing',
      'Total: 29.35 USD',
      'Payment method: Direct Bank Transfer',
      'Date: 2017-03-22T19:28:02Z',
      '2 × Woo Single #1 — 6.00 USD',
      '1 × Ship Your Idea – Color: Black, Size: M Test (SKU Bar3) — 12.00 USD',
    ]);
  });

  it('adds discount and coupons when present', () => {
    const lines = orderNoteText(withCoupons(order727())).split('\n');
    expect(lines).toContain('Discount: 5.00 USD');
    expect(lines).toContain('Coupons: SAVE5, VIP');
    expect(lines.indexOf('Discount: 5.00 USD')).toBe(lines.indexOf('Total: 29.35 USD') + 1);
  });
});

describe('orderEmailTokens', () => {
  it('gives Mautic {token} keys for order 723', () => {
    expect(orderEmailTokens(order723())).toEqual({
      '{order_id}': '723',
      '{order_number}': '723',
      '{order_status}': 'completed',
      '{order_total}': '39.00',
      '{order_currency}': 'USD',
      '{order_discount}': '0.00',
      '{order_date}': '2017-03-21T19:16:00Z',
      '{order_items}': '1 × Woo Album #2 — 9.00 USD<br>\n1 × Woo Ninja — 20.00 USD',
      '{payment_method}': 'Direct bank transfer',
      '{coupon_codes}': '',
      '{billing_first_name}': 'João',
      '{billing_last_name}': 'Silva',
      '{billing_email}': 'joao.silva@example.com',
    });
  });

  it('lists coupon codes', () => {
    expect(orderEmailTokens(withCoupons(order727()))['{coupon_codes}']).toBe('SAVE5, VIP');
  });
});

describe('orderTags', () => {
  it('adds order_<status> by default', () => {
    expect(orderTags(order723())).toEqual(['order_completed']);
  });

  it('combines static, status and SKU tags without duplicates', () => {
    const order = order727();
    const first = order.line_items?.[0];
    if (first) first.sku = 'Big Box';
    expect(orderTags(order, { tags: ['woo', 'customer', 'woo'], skuTags: true })).toEqual([
      'woo',
      'customer',
      'order_processing',
      'big_box_processing',
      'bar3_processing',
    ]);
  });

  it('takes custom forms and can leave the status tag out', () => {
    const order = order727();
    expect(orderTags(order, { statusTag: false })).toEqual([]);
    expect(orderTags(order, { statusTag: (s) => `woo-${s}`, skuTags: (sku, s) => `${sku}:${s}` })).toEqual([
      'woo-processing',
      'Bar3:processing',
    ]);
  });

  it('refuses a tag Mautic would read as a removal', () => {
    expect(() => orderTags(order727(), { tags: ['-vip'] })).toThrow(MauticInvalidInputError);
    expect(() => orderTags(order727(), { statusTag: () => 'a,b' })).toThrow(/comma/);
  });
});
