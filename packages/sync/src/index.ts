export type { ContactsQuery } from '@mautic-woo/sdk';
export type { OAuth } from './auth/oauth';
export type { OAuth2Auth } from './auth/oauth2';
export { MemoryTokenStore, type TokenLockOptions, type TokenSet, type TokenStore } from './auth/token-store';
export { createMauticClient, MauticClient } from './client';
export type { ConnectionResult } from './connection';
export type { ContactList, Contacts, DoNotContactOptions } from './contacts/contacts';
export type { UpsertContactInput, UpsertOptions, UpsertResult } from './contacts/upsert';
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
export * from './woo';
export {
  ABANDONED_CART_TAG,
  type MarkRecoveredOptions,
  type MarkRecoveredResult,
  RECOVERED_CART_TAG,
  type SyncCartOptions,
  type SyncCartResult,
} from './workflows/abandoned-cart';
export { CONSENT_DNC_COMMENT, CONSENT_DNC_MARKER, type ConsentSource } from './workflows/consent';
export type { EraseCustomerResult } from './workflows/erasure';
export type { OrderTotals } from './workflows/order-totals';
export type { StepName, WorkflowStep } from './workflows/steps';
export { CUSTOMER_TAG, type SyncCustomerOptions, type SyncCustomerResult } from './workflows/sync-customer';
export type { SyncOrderOptions, SyncOrderResult } from './workflows/sync-order';
export type {
  BackfillItem,
  BackfillProgress,
  BackfillSummary,
  FailedOrder,
  OrderOutcome,
  OrderToRetry,
  SyncOrdersOptions,
} from './workflows/sync-orders';
