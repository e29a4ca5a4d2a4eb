export { assertCart, type CartContactFields, cartDataJson, contactFromCart } from './cart-data';
export type { AbandonedCart, CartItem } from './cart-types';
export type { CustomerHistory, CustomerHistoryOptions, CustomerSummary } from './customer-history';
export type { WooCustomer } from './customer-types';
// assertCustomer, contactFromCustomer, contactFromOrder, mauticCountryName/RegionName and
// CustomerHistory need the region table: see ../geo.ts.
export type { OrderContact, OrderContactFields, UnconvertedGeo } from './order-contact';
export {
  ORDER_DATA_MAX_LENGTH,
  type OrderSummary,
  type OrderSummaryItem,
  type OrderTagOptions,
  orderDataJson,
  orderEmailTokens,
  orderNoteText,
  orderSummary,
  orderTags,
} from './order-data';
export { assertOrder } from './order-input';
export type * from './order-types';
export {
  createWooReader,
  type WooCustomerTotals,
  type WooReader,
  type WooReaderOptions,
  type WooTotalsQuery,
} from './reader';
export { WooCommerceApiError } from './reader-error';
