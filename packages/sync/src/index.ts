export type { ContactsQuery } from '@mautic-woo/sdk/query';
export type { OAuth } from './auth/oauth';
export type { OAuth2Auth } from './auth/oauth2';
export { MemoryTokenStore, type TokenLockOptions, type TokenSet, type TokenStore } from './auth/token-store';
export { createMauticClient, MauticClient } from './client';
export type { ConnectionResult } from './connection';
export type { BatchItemResult } from './contacts/batch';
export type { ContactList, Contacts, DoNotContactOptions } from './contacts/contacts';
export type { UpsertContactInput, UpsertOptions, UpsertResult } from './contacts/upsert';
export type { BatchUpsertOutcome, BatchUpsertResult } from './contacts/upsert-batch';
export {
  likelyApplied,
  MauticAbortError,
  MauticApiError,
  MauticAuthError,
  MauticConnectionError,
  MauticError,
  type MauticErrorItem,
  MauticInvalidInputError,
  MauticNotFoundError,
  MauticRateLimitError,
  MauticRedirectError,
  MauticResponseTooLargeError,
  MauticServerError,
  MauticTimeoutError,
  MauticValidationError,
} from './errors';
export { type CustomFieldDefinition, MAUTIC_WOO_FIELDS, type MauticWooFieldAlias } from './fields/definitions';
export type { CheckFieldsResult, EnsureFieldsResult, FieldStatus } from './fields/ensure-fields';
export type { Fields } from './fields/fields';
export type { Logger } from './logger';
export type { BasicAuth, MauticClientOptions } from './options';
export type { Segments } from './segments/segments';
export {
  type ErasureLog,
  emailHash,
  type KeyedSerializer,
  MemoryErasureLog,
  MemoryKeyedSerializer,
  MemoryStepLedger,
  type OneShotStep,
  type StepKey,
  type StepLedger,
  type StepState,
} from './state';
export type { EnsureTagsResult } from './tags/ensure-tags';
export type { Tags } from './tags/tags';
export type {
  Contact,
  ContactFields,
  ContactInput,
  DoNotContact,
  DoNotContactReason,
  Field,
  FieldValue,
  Note,
  Tag,
} from './types';
// The WooCommerce conversions themselves are the `./woo` entry (woo-entry.ts); here, their types.
export type {
  AbandonedCart,
  CartContactFields,
  CartItem,
  CustomerHistory,
  CustomerHistoryOptions,
  CustomerSummary,
  OrderContact,
  OrderContactFields,
  OrderSummary,
  OrderSummaryItem,
  OrderTagOptions,
  UnconvertedGeo,
  WooCustomer,
  WooCustomerTotals,
  WooReader,
  WooReaderOptions,
  WooTotalsQuery,
} from './woo';
export type * from './woo/order-types';
export { WooCommerceApiError } from './woo/reader-error';
export type {
  MarkRecoveredOptions,
  MarkRecoveredResult,
  SyncCartOptions,
  SyncCartResult,
} from './workflows/abandoned-cart';
export type { ConsentSource } from './workflows/consent';
export type { EraseCustomerResult } from './workflows/erasure';
export type { OrderTotals } from './workflows/order-totals';
export type { StepName, WorkflowStep } from './workflows/steps';
export type { SyncCustomerOptions, SyncCustomerResult } from './workflows/sync-customer';
export type { SyncOrderOptions, SyncOrderResult } from './workflows/sync-order';
export type {
  BackfillItem,
  BackfillProgress,
  BackfillSummary,
  CustomerOutcome,
  CustomerToRetry,
  FailedCustomer,
  FailedOrder,
  OrderOutcome,
  OrderToRetry,
  SyncOrdersOptions,
} from './workflows/sync-orders';
export { ABANDONED_CART_TAG, CUSTOMER_TAG, RECOVERED_CART_TAG } from './workflows/tag-names';
