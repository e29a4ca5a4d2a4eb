// What the client's workflow methods load on first use (client.ts): the workflows, the WooCommerce
// conversions and the region table they need, kept out of an app that only reads or writes contacts.
export { markCartRecovered, syncAbandonedCart } from './abandoned-cart';
export { backfill } from './backfill';
export { eraseCustomer } from './erasure';
export { syncCustomer } from './sync-customer';
export { syncOrder } from './sync-order';
