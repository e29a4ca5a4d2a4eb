import type { WooBillingAddress, WooMetaData, WooShippingAddress } from './order-types';

/**
 * A WooCommerce REST API v3 customer, as `GET /wp-json/wc/v3/customers/{id}` and the
 * `customer.created` / `customer.updated` webhooks deliver it (a registered user: guests have no
 * customer object). Since v3 it carries no `orders_count` / `total_spent`; see `createWooReader`.
 */
export interface WooCustomer {
  id: number;
  /** The account's email: what the contact is matched by. */
  email: string;
  first_name?: string;
  last_name?: string;
  /** Usually `customer`. */
  role?: string;
  username?: string;
  /** Site-local time without offset, `2017-03-21T16:09:28`. */
  date_created?: string | null;
  date_created_gmt?: string | null;
  date_modified?: string | null;
  date_modified_gmt?: string | null;
  billing?: WooBillingAddress;
  shipping?: WooShippingAddress;
  is_paying_customer?: boolean;
  avatar_url?: string;
  meta_data?: WooMetaData[];
}
