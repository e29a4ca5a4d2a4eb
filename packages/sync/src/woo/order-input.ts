import { assertNonEmptyString, invalidInput } from '../input';
import { assertAmount } from './cart-data';
import type { WooOrder } from './order-types';

/**
 * Checks an order before anything is sent, as carts are checked (assertCart). An order without an
 * id would share one dedupe key with every other such order; a total of "abc" would be written
 * into the note; no status would tag the customer `order_undefined`. Throws MauticInvalidInputError
 * naming the field.
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function optionalAmount(value: unknown, field: string): void {
  if (value !== undefined && value !== null && value !== '') assertAmount(value, field);
}

function list(value: unknown, field: string): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return invalidInput(field, `must be an array, got ${typeof value}`);
  return value.map((item, i) => (isObject(item) ? item : invalidInput(`${field}[${i}]`, 'must be an object')));
}

function assertLineItem(item: Record<string, unknown>, field: string): void {
  const { quantity } = item;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity < 0) {
    invalidInput(`${field}.quantity`, `must be a non-negative number, got ${JSON.stringify(quantity)}`);
  }
  if (item.name !== undefined && typeof item.name !== 'string') invalidInput(`${field}.name`, 'must be a string');
  if (item.sku !== undefined && item.sku !== null && typeof item.sku !== 'string')
    invalidInput(`${field}.sku`, 'must be a string');
  assertAmount(item.total, `${field}.total`);
}

export function assertOrder(order: unknown): asserts order is WooOrder {
  if (!isObject(order)) invalidInput('order', `must be an object, got ${order === null ? 'null' : typeof order}`);
  const { id, status, currency } = order;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    invalidInput('order.id', `must be a positive integer, got ${JSON.stringify(id)}`);
  }
  const text = assertNonEmptyString(status, 'order.status').trim();
  if (/[\s,]/.test(text) || text.startsWith('-')) invalidInput('order.status', 'must be one word (it becomes a tag)');
  if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency.trim())) {
    invalidInput('order.currency', `must be a three-letter ISO 4217 code, got ${JSON.stringify(currency)}`);
  }
  assertAmount(order.total, 'order.total');
  optionalAmount(order.discount_total, 'order.discount_total');
  if (order.number !== undefined && typeof order.number !== 'string') invalidInput('order.number', 'must be a string');
  for (const [i, item] of list(order.line_items, 'order.line_items').entries()) {
    assertLineItem(item, `order.line_items[${i}]`);
  }
  for (const [i, line] of list(order.coupon_lines, 'order.coupon_lines').entries()) {
    if (typeof line.code !== 'string') invalidInput(`order.coupon_lines[${i}].code`, 'must be a string');
  }
  // The billing email is checked by contactFromOrder, which says which order lacks one.
}
