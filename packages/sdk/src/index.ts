// The public entry of @mautic-woo/sdk: the generated operations and types, plus the client
// factory to point them at a Mautic site. Everything under ./generated is written by
// `pnpm generate` from @mautic-woo/spec and never edited by hand.
export * from './generated';
export type {
  Auth,
  Client,
  ClientOptions as ClientConfigOptions,
  Config,
  RequestOptions,
  RequestResult,
} from './generated/client';
export { createClient, createConfig, urlSearchParamsBodySerializer } from './generated/client';
export { client } from './generated/client.gen';
export { type ContactsQuery, serializeContactsQuery } from './query';
