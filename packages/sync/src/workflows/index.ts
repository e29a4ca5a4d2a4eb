// The workflows, as the client's methods run them (client.ts), loaded on first use with the rest of
// on-demand.ts: the WooCommerce conversions and the region table come with them.
export { markCartRecovered, syncAbandonedCart } from './abandoned-cart';
export { backfill } from './backfill';
export { eraseCustomer } from './erasure';
export { workflowResources } from './resources';
export { syncCustomer } from './sync-customer';
export { syncOrder } from './sync-order';
