export type { OAuth2Auth } from './auth/oauth2';
export { MemoryTokenStore, type TokenLockOptions, type TokenSet, type TokenStore } from './auth/token-store';
export { createMauticClient, type MauticClient } from './client';
export type { ConnectionResult } from './connection';
export type { CreateOrUpdateContactInput, UpsertOptions, UpsertResult } from './contacts/upsert-contact';
export { type CustomFieldDefinition, MAUTIC_WOO_FIELDS, type MauticWooFieldAlias } from './fields/definitions';
export type { CheckFieldsResult, EnsureFieldsResult, FieldStatus } from './fields/ensure-fields';
export { type ContactInput, type ListContactsQuery, serializeContactsQuery } from './operations';
export type { BasicAuth, MauticClientOptions } from './options';
export {
  type KeyedSerializer,
  MemoryKeyedSerializer,
  MemoryStepLedger,
  type StepKey,
  type StepLedger,
} from './state';
export type { EnsureTagsResult } from './tags/ensure-tags';
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
} from './transport/errors';
export type { Logger } from './transport/logger';
export type { Contact, ContactFields, Field, FieldValue, Note, Tag } from './types';
export * from './woo';
export {
  ABANDONED_CART_TAG,
  type MarkRecoveredResult,
  RECOVERED_CART_TAG,
  type SyncCartOptions,
  type SyncCartResult,
} from './workflows/abandoned-cart';
export type { OneShotStep, StepState } from './workflows/completed-steps';
export type { WorkflowStep } from './workflows/steps';
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
