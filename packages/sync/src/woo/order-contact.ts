import { contactFromAddress, type OrderContact, wooEmail } from './address-contact';
import type { WooOrder } from './order-types';

export type { OrderContact, OrderContactFields, UnconvertedGeo } from './address-contact';

/** The billing address of an order as Mautic contact fields. Throws MauticInvalidInputError without a billing email. */
export function contactFromOrder(order: WooOrder): OrderContact {
  const billing = order.billing ?? {};
  const email = wooEmail(billing.email, 'billing.email', `WooCommerce order ${String(order.id)}`);
  return contactFromAddress(email, billing);
}
