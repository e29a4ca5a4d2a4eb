import { assertTagName } from '../input';
import type { WooLineItem, WooOrder, WooOrderStatus } from './order-types';
import { decodeEntities, isZeroAmount, moneyText } from './text';

export interface OrderSummaryItem {
  name: string;
  sku: string | null;
  quantity: number;
  total: string;
}

/** What goes into the `mautic_woo_order_data` contact field. Key order is fixed so equal orders give equal JSON. */
export interface OrderSummary {
  id: number;
  number: string;
  status: WooOrderStatus;
  total: string;
  discount: string;
  coupons: string[];
  currency: string;
  /** UTC, ISO 8601 (`2017-03-22T19:28:02Z`); the site-local time when WooCommerce sent no GMT date. */
  date: string | null;
  paymentMethod: string | null;
  items: OrderSummaryItem[];
  /** Present only when items had to be dropped to fit ORDER_DATA_MAX_LENGTH. */
  truncatedItems?: number;
}

/**
 * Upper bound for orderDataJson, in UTF-8 bytes. `mautic_woo_order_data` is meant to be a `textarea` field: Mautic
 * stores those in a MySQL TEXT column, 65,535 bytes. (A `text` field is VARCHAR(191) unless `charLengthLimit` says
 * otherwise — too small for an order; pass `maxLength` if the field was made that way.)
 */
export const ORDER_DATA_MAX_LENGTH = 65_535;

function orderDate(order: WooOrder): string | null {
  if (order.date_created_gmt) return `${order.date_created_gmt.replace(/Z$/, '')}Z`;
  return order.date_created ?? null;
}

function couponCodes(order: WooOrder): string[] {
  return (order.coupon_lines ?? []).map((line) => line.code.trim()).filter((code) => code !== '');
}

function itemName(item: WooLineItem): string {
  return decodeEntities(item.name ?? '').trim();
}

export function orderSummary(order: WooOrder): OrderSummary {
  return {
    id: order.id,
    number: order.number ?? String(order.id),
    status: order.status,
    total: moneyText(order.total),
    discount: moneyText(order.discount_total) || '0.00',
    coupons: couponCodes(order),
    currency: order.currency,
    date: orderDate(order),
    paymentMethod: order.payment_method_title || order.payment_method || null,
    items: (order.line_items ?? []).map((item) => ({
      name: itemName(item),
      sku: item.sku?.trim() || null,
      quantity: item.quantity,
      total: moneyText(item.total),
    })),
  };
}

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/**
 * JSON.stringify(orderSummary(order)), kept under `maxLength` UTF-8 bytes by dropping items from the end (never by
 * cutting the JSON); `truncatedItems` then says how many were dropped. The totals stay those of the whole order.
 */
export function orderDataJson(order: WooOrder, options: { maxLength?: number } = {}): string {
  const maxLength = options.maxLength ?? ORDER_DATA_MAX_LENGTH;
  const summary = orderSummary(order);
  const full = JSON.stringify(summary);
  // A UTF-16 unit is at most 3 UTF-8 bytes: most orders need no encoding to know they fit.
  if (full.length * 3 <= maxLength || utf8Length(full) <= maxLength) return full;
  const items = summary.items;
  const withItems = (count: number) =>
    JSON.stringify({ ...summary, items: items.slice(0, count), truncatedItems: items.length - count });
  // Binary search for the most items that fit: an order can have hundreds of lines.
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (utf8Length(withItems(middle)) <= maxLength) low = middle;
    else high = middle - 1;
  }
  return withItems(low);
}

function itemLine(item: OrderSummaryItem, currency: string): string {
  const sku = item.sku === null ? '' : ` (SKU ${item.sku})`;
  return `${item.quantity} × ${item.name}${sku} — ${item.total} ${currency}`;
}

/** Plain-text body for a Mautic note (`POST /api/notes/new`, type `general`): a title line, then one fact a line. */
export function orderNoteText(order: WooOrder): string {
  const summary = orderSummary(order);
  const lines = [`WooCommerce order #${summary.number}`, `Order: #${summary.number} (id ${summary.id})`];
  lines.push(`Status: ${summary.status}`, `Total: ${summary.total} ${summary.currency}`);
  if (!isZeroAmount(summary.discount)) lines.push(`Discount: ${summary.discount} ${summary.currency}`);
  if (summary.coupons.length > 0) lines.push(`Coupons: ${summary.coupons.join(', ')}`);
  if (summary.paymentMethod !== null) lines.push(`Payment method: ${summary.paymentMethod}`);
  if (summary.date !== null) lines.push(`Date: ${summary.date}`);
  for (const item of summary.items) lines.push(itemLine(item, summary.currency));
  return lines.join('\n');
}

/**
 * Tokens for a transactional email (`POST /api/emails/{id}/contact/{contactId}/send`, body `tokens`), keyed in
 * Mautic's `{token}` form. `{order_items}` has one item per line, separated by `<br>` because the email is HTML.
 */
export function orderEmailTokens(order: WooOrder): Record<string, string> {
  const summary = orderSummary(order);
  const billing = order.billing ?? {};
  return {
    '{order_id}': String(summary.id),
    '{order_number}': summary.number,
    '{order_status}': summary.status,
    '{order_total}': summary.total,
    '{order_currency}': summary.currency,
    '{order_discount}': summary.discount,
    '{order_date}': summary.date ?? '',
    '{order_items}': summary.items.map((item) => itemLine(item, summary.currency)).join('<br>\n'),
    '{payment_method}': summary.paymentMethod ?? '',
    '{coupon_codes}': summary.coupons.join(', '),
    '{billing_first_name}': billing.first_name?.trim() ?? '',
    '{billing_last_name}': billing.last_name?.trim() ?? '',
    '{billing_email}': billing.email?.trim() ?? '',
  };
}

export interface OrderTagOptions {
  /** Added to every order as they are. */
  tags?: string[];
  /** `order_<status>` by default (true); false for none; a function for your own form. */
  statusTag?: boolean | ((status: WooOrderStatus) => string);
  /** Off by default. true gives `<sku>_<status>` per line item with a SKU (as the Sitepact plugin does). */
  skuTags?: boolean | ((sku: string, status: WooOrderStatus) => string);
}

const defaultSkuTag = (sku: string, status: WooOrderStatus): string =>
  `${sku.toLowerCase().replace(/\s+/g, '_')}_${status}`;

/** The tags an order earns, de-duplicated, each checked by assertTagName (so none can remove a tag by accident). */
export function orderTags(order: WooOrder, options: OrderTagOptions = {}): string[] {
  const tags: Array<[unknown, string]> = (options.tags ?? []).map((tag, i) => [tag, `tags[${i}]`]);
  const statusTag = options.statusTag ?? true;
  if (statusTag !== false) {
    tags.push([statusTag === true ? `order_${order.status}` : statusTag(order.status), 'statusTag']);
  }
  const skuTags = options.skuTags ?? false;
  if (skuTags !== false) {
    const form = skuTags === true ? defaultSkuTag : skuTags;
    for (const item of order.line_items ?? []) {
      const sku = item.sku?.trim();
      if (sku) tags.push([form(sku, order.status), `skuTags (${sku})`]);
    }
  }
  const unique = new Set<string>();
  for (const [tag, field] of tags) unique.add(assertTagName(tag, field));
  return [...unique];
}
