import type * as sdk from '@mautic-woo/sdk';
import { NO_CREDENTIALS } from './auth/no-credentials';
import { ENDPOINTS, type EndpointData, fillPath, type OperationId } from './endpoints';
import { type CallArguments, httpCall } from './http-call';
import { type Answer, type Credentials, createTransport, type Send, type TransportOptions } from './transport/request';

/**
 * Resources call Mautic through `call`, naming the operation by the spec's operationId, with the
 * arguments the generated SDK's types give it; the endpoint table decides method, path, retries
 * and credentials, the transport does the rest (http-call.ts sends it).
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

export class MauticApi {
  readonly #options: Omit<TransportOptions, 'credentials'>;
  readonly #sends: Record<'api' | 'client', Send>;
  #calls = 0;
  #serverVersion: string | null = null;

  /** For errors built outside the transport (a batch item's). */
  get baseUrl(): string {
    return this.#options.baseUrl;
  }

  get secrets(): TransportOptions['secrets'] {
    return this.#options.secrets;
  }

  /** Operations called so far (a retried request counts once). */
  get calls(): number {
    return this.#calls;
  }

  constructor(options: Omit<TransportOptions, 'credentials'> & { tokenTimeoutMs?: number }) {
    this.#options = options;
    const unauthenticated = createTransport({ ...options, credentials: NO_CREDENTIALS });
    // The token endpoint has its own, longer deadline: a lost token answer burns a refresh token.
    const tokenEndpoint = createTransport({
      ...options,
      timeoutMs: options.tokenTimeoutMs ?? options.timeoutMs,
      credentials: NO_CREDENTIALS,
    });
    this.#sends = { api: unauthenticated, client: tokenEndpoint };
  }

  /** `Mautic-Version` of the last answer that carried it (a proxy may strip it), or null. */
  get serverVersion(): string | null {
    return this.#serverVersion;
  }

  /**
   * Sets what API requests carry. Apart from the constructor because OAuth2 credentials need this
   * API's token endpoint to exist first; the client calls it once, before any request.
   */
  authenticate(credentials: Credentials): void {
    this.#sends.api = createTransport({ ...this.#options, credentials });
  }

  async call<K extends OperationId>(
    id: K,
    args: CallArgs<K>,
    options: CallOptions = {},
  ): Promise<Answer<EndpointData[K]>> {
    const endpoint = ENDPOINTS[id];
    this.#calls++;
    const operation = {
      method: endpoint.method,
      path: fillPath(endpoint.path, (args as CallArguments).path),
      idempotent: options.repeatable ?? endpoint.repeatable,
    };
    const answer = await this.#sends[endpoint.credentials]<EndpointData[K]>(
      operation,
      (attempt) => httpCall(endpoint, args as CallArguments, attempt),
      options.signal,
    );
    this.#serverVersion = answer.headers.get('mautic-version') ?? this.#serverVersion;
    return answer;
  }
}
