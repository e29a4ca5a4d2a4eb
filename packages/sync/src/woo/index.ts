export { assertCart, type CartContactFields, cartDataJson, contactFromCart } from './cart-data';
export type { AbandonedCart, CartItem } from './cart-types';
export { CustomerHistory, type CustomerHistoryOptions, type CustomerSummary, PAID_STATUSES } from './customer-history';
export { assertCustomer, contactFromCustomer } from './customer-input';
export type { WooCustomer } from './customer-types';
export { mauticCountryName, mauticRegionName } from './geo';
export { contactFromOrder, type OrderContact, type OrderContactFields, type UnconvertedGeo } from './order-contact';
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
