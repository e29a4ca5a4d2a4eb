import { contactFromOrder, type OrderContactFields, type UnconvertedGeo } from './order-contact';
import { type OrderTagOptions, orderDataJson, orderTags } from './order-data';
import type { WooOrder, WooOrderStatus } from './order-types';

/**
 * Statuses whose orders were paid and so count towards the lifetime total and order count:
 * WooCommerce's paid statuses (`wc_get_is_paid_statuses`) and `refunded`, whose refunds are then
 * subtracted (a fully refunded order counts as an order of 0).
 */
export const PAID_STATUSES: readonly WooOrderStatus[] = ['processing', 'completed', 'refunded'];

/** One customer's orders folded into the one contact write batch mode makes for them. */
export interface CustomerSummary {
  email: string;
  /** The billing fields, the latest order's winning where it has a value (as single writes would leave them). */
  fields: OrderContactFields;
  unconverted: UnconvertedGeo[];
  /** Σ (total − refunds) of the paid orders given, as a decimal number. */
  totalSpent: number;
  /** How many paid orders were given. */
  orderCount: number;
  /** `mautic_woo_order_data` of the latest order (by creation date; equal dates: the later in the input). */
  orderData: string;
  /** The latest order's creation date as WooCommerce sent it ('' when it sent none). */
  latestDate: string;
  /** The status (and SKU) tags of every order given, and the extra tags. */
  tags: string[];
  /** Every order folded in, in input order. */
  orderIds: number[];
}

export interface CustomerHistoryOptions extends OrderTagOptions {
  /** Statuses counted in the totals. Default PAID_STATUSES. */
  paidStatuses?: readonly string[];
}

// Money is summed in millionths, so adding thousands of `x.yy` strings drifts by no cent.
const SCALE = 1_000_000;
const scaled = (value: string | number | undefined): number => Math.round(Number(value ?? 0) * SCALE) || 0;

const createdAt = (order: WooOrder): string => order.date_created_gmt ?? order.date_created ?? '';

/** Folds one customer's orders, one at a time, holding only the summary (never the orders). */
export class CustomerHistory {
  readonly email: string;
  readonly #options: CustomerHistoryOptions;
  #fields: OrderContactFields;
  readonly #unconverted = new Map<string, UnconvertedGeo>();
  #spent = 0;
  #count = 0;
  #latest = '';
  #orderData = '';
  readonly #tags = new Set<string>();
  readonly #orderIds: number[] = [];

  /** From a first order, or from an earlier summary (a failure record run again). */
  constructor(start: WooOrder | CustomerSummary, options: CustomerHistoryOptions = {}) {
    this.#options = options;
    this.email = 'orderIds' in start ? start.email : contactFromOrder(start).fields.email;
    this.#fields = { email: this.email };
    if ('orderIds' in start) this.absorb(start);
    else this.add(start);
  }

  /** Adds an order of this customer (its billing email may differ in case). */
  add(order: WooOrder): void {
    const { fields, unconverted } = contactFromOrder(order);
    const paid = (this.#options.paidStatuses ?? PAID_STATUSES).includes(order.status);
    const refunded = (order.refunds ?? []).reduce((sum, refund) => sum + Math.abs(scaled(refund.total)), 0);
    this.#fold({
      date: createdAt(order),
      fields,
      unconverted,
      orderData: () => orderDataJson(order),
      spent: paid ? scaled(order.total) - refunded : 0,
      count: paid ? 1 : 0,
      tags: orderTags(order, this.#options),
      orderIds: [order.id],
    });
  }

  /** Adds what an earlier summary of this customer holds. */
  absorb(summary: CustomerSummary): void {
    this.#fold({
      date: summary.latestDate,
      fields: summary.fields,
      unconverted: summary.unconverted,
      orderData: () => summary.orderData,
      spent: Math.round(summary.totalSpent * SCALE),
      count: summary.orderCount,
      tags: summary.tags,
      orderIds: summary.orderIds,
    });
  }

  #fold(part: {
    date: string;
    fields: OrderContactFields;
    unconverted: UnconvertedGeo[];
    orderData: () => string;
    spent: number;
    count: number;
    tags: string[];
    orderIds: number[];
  }): void {
    const latest = this.#orderIds.length === 0 || part.date >= this.#latest;
    // Non-blank values of the latest order win, as a run of single writes in date order leaves them.
    this.#fields = latest ? { ...this.#fields, ...part.fields } : { ...part.fields, ...this.#fields };
    this.#fields.email = this.email;
    if (latest) {
      this.#latest = part.date;
      this.#orderData = part.orderData();
    }
    for (const geo of part.unconverted) this.#unconverted.set(`${geo.field}:${geo.value}`, geo);
    for (const tag of part.tags) this.#tags.add(tag);
    this.#spent += part.spent;
    this.#count += part.count;
    this.#orderIds.push(...part.orderIds);
  }

  /** Orders folded in so far, paid or not. */
  get orders(): number {
    return this.#orderIds.length;
  }

  summary(): CustomerSummary {
    return {
      email: this.email,
      fields: { ...this.#fields },
      unconverted: [...this.#unconverted.values()],
      totalSpent: this.#spent / SCALE,
      orderCount: this.#count,
      orderData: this.#orderData,
      latestDate: this.#latest,
      tags: [...this.#tags],
      orderIds: [...this.#orderIds],
    };
  }
}
