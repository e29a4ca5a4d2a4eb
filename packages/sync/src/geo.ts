// The public entry `@mautic-woo/sync/geo`: WooCommerce's ISO 3166 country and region codes → the
// names in Mautic's own lists, and what converts an order's address with them. Apart from the main
// entry because the table is 13 KB gzipped: an app that only reads or writes contacts never loads
// it, and the client's workflows load it on first use.
export { CustomerHistory, PAID_STATUSES } from './woo/customer-history';
export { assertCustomer, contactFromCustomer } from './woo/customer-input';
export { mauticCountryName, mauticRegionName } from './woo/geo';
export { contactFromOrder } from './woo/order-contact';
