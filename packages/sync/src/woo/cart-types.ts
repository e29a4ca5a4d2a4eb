/**
 * An abandoned cart as the caller reports it. WooCommerce has no cart webhook, so this is the shape a cart plugin
 * or the shop's own code hands over; `assertCart` checks it before anything is sent.
 */

export interface CartItem {
  name: string;
  sku?: string;
  quantity: number;
  /** Line total; WooCommerce-style decimal string or a number. */
  total?: string | number;
  productId?: number;
}

export interface AbandonedCart {
  email: string;
  firstName?: string;
  lastName?: string;
  items: CartItem[];
  total: string | number;
  /** ISO 4217, three letters. */
  currency: string;
  /** Absolute http(s) link that restores the cart. */
  recoveryUrl: string;
  couponCode?: string;
}
