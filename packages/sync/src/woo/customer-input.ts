import { assertId, invalidInput } from '../input';
import { contactFromAddress, type OrderContact, wooEmail } from './address-contact';
import type { WooCustomer } from './customer-types';

const ADDRESS_KEYS = [
  'first_name',
  'last_name',
  'company',
  'address_1',
  'address_2',
  'city',
  'state',
  'postcode',
  'country',
  'phone',
  'email',
] as const;

/**
 * Checks a customer object (it arrives from webhooks and JavaScript callers) before anything is
 * sent; throws MauticInvalidInputError naming the field. Returns the customer as given.
 */
export function assertCustomer(customer: unknown): WooCustomer {
  if (typeof customer !== 'object' || customer === null || Array.isArray(customer)) {
    return invalidInput('customer', 'must be a WooCommerce customer object');
  }
  const raw = customer as Record<string, unknown>;
  assertId(raw.id, 'customer.id');
  wooEmail(raw.email, 'email', `WooCommerce customer ${String(raw.id)}`);
  for (const key of ['first_name', 'last_name', 'date_created_gmt', 'date_modified_gmt'] as const) {
    const value = raw[key];
    if (value !== undefined && value !== null && typeof value !== 'string')
      invalidInput(`customer.${key}`, 'must be a string');
  }
  const billing = raw.billing;
  if (billing !== undefined && billing !== null) {
    if (typeof billing !== 'object' || Array.isArray(billing)) invalidInput('customer.billing', 'must be an object');
    for (const key of ADDRESS_KEYS) {
      const value = (billing as Record<string, unknown>)[key];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        invalidInput(`customer.billing.${key}`, 'must be a string');
      }
    }
  }
  if (raw.meta_data !== undefined && !Array.isArray(raw.meta_data))
    invalidInput('customer.meta_data', 'must be an array');
  return customer as WooCustomer;
}

/**
 * The customer's billing address as Mautic contact fields, matched by the account email (the
 * billing email can differ; the account is who registered). The account's names fill in where the
 * billing address has none.
 */
export function contactFromCustomer(customer: WooCustomer): OrderContact {
  const email = wooEmail(customer.email, 'email', `WooCommerce customer ${String(customer.id)}`);
  const billing = customer.billing ?? {};
  return contactFromAddress(email, {
    ...billing,
    first_name: billing.first_name?.trim() ? billing.first_name : customer.first_name,
    last_name: billing.last_name?.trim() ? billing.last_name : customer.last_name,
  });
}
