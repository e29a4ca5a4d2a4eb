import type * as sdk from '@mautic-woo/sdk';
import { NO_CREDENTIALS } from './auth/no-credentials';
import { ENDPOINTS, type EndpointData, fillPath, type OperationId } from './endpoints';
import {
  type Answer,
  type Credentials,
  createTransport,
  type SdkCallOptions,
  type SdkResult,
  type Send,
  type TransportOptions,
} from './transport/request';

/**
 * The generated SDK behind the transport: resources call Mautic through `call`, naming the
 * operation; the endpoint table decides retries and credentials, the transport does the rest.
 */

/** What a generated operation takes, less what the transport supplies. */
export type CallArgs<K extends OperationId> = Omit<
  NonNullable<Parameters<(typeof sdk)[K]>[0]>,
  'client' | 'signal' | 'auth'
>;

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Overrides the table for this call (client_credentials is repeatable; a refresh is not). */
  repeatable?: boolean;
}

type Generated = (options: Record<string, unknown> & SdkCallOptions & { client: sdk.Client }) => Promise<SdkResult>;

export class MauticApi {
  readonly #options: Omit<TransportOptions, 'credentials'>;
  readonly #client: sdk.Client;
  readonly #sends: Record<'api' | 'client', Send>;
  #serverVersion: string | null = null;

  constructor(options: Omit<TransportOptions, 'credentials'> & { tokenTimeoutMs?: number }, client: sdk.Client) {
    this.#options = options;
    this.#client = client;
    const unauthenticated = createTransport({ ...options, credentials: NO_CREDENTIALS });
    // The token endpoint has its own, longer deadline: a lost token answer burns a refresh token.
    const tokenEndpoint = createTransport({
      ...options,
      timeoutMs: options.tokenTimeoutMs ?? options.timeoutMs,
      credentials: NO_CREDENTIALS,
    });
    this.#sends = { api: unauthenticated, client: tokenEndpoint };
  }

  /**
   * Sets what API requests carry. Apart from the constructor because OAuth2 credentials need this
   * API's token endpoint to exist first; the client calls it once, before any request.
   */
  /** `Mautic-Version` of the last answer that carried it (a proxy may strip it), or null. */
  get serverVersion(): string | null {
    return this.#serverVersion;
  }

  authenticate(credentials: Credentials): void {
    this.#sends.api = createTransport({ ...this.#options, credentials });
  }

  async call<K extends OperationId>(
    id: K,
    args: CallArgs<K>,
    options: CallOptions = {},
  ): Promise<Answer<EndpointData[K]>> {
    const endpoint = ENDPOINTS[id];
    // One generic entry for every operation; each operation's own types checked `args` above.
    const generated = endpoint.generated as unknown as Generated;
    const operation = {
      method: endpoint.method,
      path: fillPath(endpoint.path, (args as { path?: Record<string, unknown> }).path),
      idempotent: options.repeatable ?? endpoint.repeatable,
    };
    const answer = await this.#sends[endpoint.credentials]<EndpointData[K]>(
      operation,
      (o) => generated({ ...(args as Record<string, unknown>), ...o, client: this.#client }),
      options.signal,
    );
    this.#serverVersion = answer.headers.get('mautic-version') ?? this.#serverVersion;
    return answer;
  }
}
