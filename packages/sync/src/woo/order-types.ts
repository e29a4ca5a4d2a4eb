/**
 * WooCommerce REST API v3 orders, as `GET /wp-json/wc/v3/orders/{id}` and the `order.created` / `order.updated`
 * webhooks deliver them. Money stays a decimal string, exactly as WooCommerce sends it: parsing it into a float
 * would lose cents. Fields a webhook or an older WooCommerce can leave out are optional.
 */

/** The order statuses WooCommerce itself defines. */
export type WooKnownOrderStatus =
  | 'pending'
  | 'processing'
  | 'on-hold'
  | 'completed'
  | 'cancelled'
  | 'refunded'
  | 'failed'
  | 'checkout-draft';

export type WooOrderStatus =
  | WooKnownOrderStatus
  // Plugins register their own statuses (`shipped`, `partially-paid`…); keep autocompletion for the known ones.
  | (string & {});

export interface WooMetaData {
  id?: number;
  key: string;
  value: unknown;
  display_key?: string;
  display_value?: unknown;
}

export interface WooAddress {
  first_name?: string;
  last_name?: string;
  company?: string;
  address_1?: string;
  address_2?: string;
  city?: string;
  /** ISO 3166-2 subdivision code for most countries (`CA`, `RJ`), free text where WooCommerce has no state list. */
  state?: string;
  postcode?: string;
  /** ISO 3166-1 alpha-2 (`US`, `BR`). */
  country?: string;
  phone?: string;
}

export interface WooBillingAddress extends WooAddress {
  email?: string;
}

export type WooShippingAddress = WooAddress;

export interface WooTax {
  id: number;
  total: string;
  subtotal: string;
}

export interface WooLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id?: number;
  quantity: number;
  tax_class?: string;
  /** Before discounts. */
  subtotal?: string;
  subtotal_tax?: string;
  /** After discounts, before tax. */
  total: string;
  total_tax?: string;
  taxes?: WooTax[];
  meta_data?: WooMetaData[];
  /** Empty string when the product has none. */
  sku?: string;
  /** Unit price; a number, unlike the totals. */
  price?: number | string;
  parent_name?: string | null;
  image?: { id: number | string; src: string };
}

export interface WooCouponLine {
  id: number;
  code: string;
  discount: string;
  discount_tax?: string;
  meta_data?: WooMetaData[];
}

export interface WooTaxLine {
  id: number;
  rate_code: string;
  rate_id: number;
  label: string;
  compound: boolean;
  tax_total: string;
  shipping_tax_total: string;
  rate_percent?: number;
  meta_data?: WooMetaData[];
}

export interface WooShippingLine {
  id: number;
  method_title: string;
  method_id: string;
  instance_id?: string;
  total: string;
  total_tax: string;
  taxes?: WooTax[];
  meta_data?: WooMetaData[];
}

export interface WooFeeLine {
  id: number;
  name: string;
  tax_class?: string;
  tax_status?: string;
  total: string;
  total_tax: string;
  taxes?: WooTax[];
  meta_data?: WooMetaData[];
}

export interface WooRefund {
  id: number;
  reason?: string;
  refund?: string;
  /** Negative, e.g. `-10.00`. */
  total: string;
}

export interface WooOrder {
  id: number;
  parent_id?: number;
  /** Usually the id as a string; sequential-number plugins change it. */
  number?: string;
  order_key?: string;
  created_via?: string;
  version?: string;
  status: WooOrderStatus;
  /** ISO 4217 (`USD`). */
  currency: string;
  currency_symbol?: string;
  /** Site-local time without offset, `2017-03-22T16:28:02`. */
  date_created?: string;
  date_created_gmt?: string;
  date_modified?: string;
  date_modified_gmt?: string;
  date_paid?: string | null;
  date_paid_gmt?: string | null;
  date_completed?: string | null;
  date_completed_gmt?: string | null;
  discount_total?: string;
  discount_tax?: string;
  shipping_total?: string;
  shipping_tax?: string;
  cart_tax?: string;
  total: string;
  total_tax?: string;
  prices_include_tax?: boolean;
  /** 0 for a guest checkout. */
  customer_id?: number;
  customer_ip_address?: string;
  customer_user_agent?: string;
  customer_note?: string;
  billing?: WooBillingAddress;
  shipping?: WooShippingAddress;
  payment_method?: string;
  payment_method_title?: string;
  transaction_id?: string;
  cart_hash?: string;
  meta_data?: WooMetaData[];
  line_items?: WooLineItem[];
  tax_lines?: WooTaxLine[];
  shipping_lines?: WooShippingLine[];
  fee_lines?: WooFeeLine[];
  coupon_lines?: WooCouponLine[];
  refunds?: WooRefund[];
  set_paid?: boolean;
}
