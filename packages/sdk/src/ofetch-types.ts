// biome-ignore-all lint/suspicious/noExplicitAny: these mirror ofetch's declarations, `any` and all, so the real ofetch stays assignable to them
/**
 * The part of ofetch's public types that the generated client's types name (`Config`), restated
 * without what ofetch's own declarations need and a consumer may not have: its `undici` import
 * (undici is only a devDependency of ofetch, so `skipLibCheck: false` fails with "Cannot find
 * module 'undici'") and the DOM-only `RequestInfo` and `HeadersInit`. The sdk's published .d.ts
 * use these instead of ofetch's (see tsdown.config.ts); the code still runs the real ofetch, and
 * test/ofetch-types.check.ts keeps the two in step. Mirrors ofetch 1.5.1.
 */

/** The DOM's `RequestInfo`, spelled with the fetch globals that Node's types also declare. */
export type FetchRequest = string | Request;

export interface ResponseMap {
  blob: Blob;
  text: string;
  arrayBuffer: ArrayBuffer;
  stream: ReadableStream<Uint8Array>;
}
export type ResponseType = keyof ResponseMap | 'json';
export type MappedResponseType<R extends ResponseType, JsonType = any> = R extends keyof ResponseMap
  ? ResponseMap[R]
  : JsonType;

export interface FetchResponse<T> extends Response {
  _data?: T;
}

export interface FetchContext<T = any, R extends ResponseType = ResponseType> {
  request: FetchRequest;
  options: ResolvedFetchOptions<R>;
  response?: FetchResponse<T>;
  error?: Error;
}

type MaybePromise<T> = T | Promise<T>;
type MaybeArray<T> = T | T[];
export type FetchHook<C extends FetchContext = FetchContext> = (context: C) => MaybePromise<void>;

export interface FetchHooks<T = any, R extends ResponseType = ResponseType> {
  onRequest?: MaybeArray<FetchHook<FetchContext<T, R>>>;
  onRequestError?: MaybeArray<FetchHook<FetchContext<T, R> & { error: Error }>>;
  onResponse?: MaybeArray<FetchHook<FetchContext<T, R> & { response: FetchResponse<T> }>>;
  onResponseError?: MaybeArray<FetchHook<FetchContext<T, R> & { response: FetchResponse<T> }>>;
}

export interface FetchOptions<R extends ResponseType = ResponseType, T = any>
  extends Omit<RequestInit, 'body'>,
    FetchHooks<T, R> {
  baseURL?: string;
  body?: RequestInit['body'] | Record<string, any>;
  ignoreResponseError?: boolean;
  query?: Record<string, any>;
  parseResponse?: (responseText: string) => any;
  responseType?: R;
  /**
   * An undici `Dispatcher` (Node.js). `any`, which is also what ofetch's own declaration comes to
   * where undici is not installed: the generated `Config` re-declares it as
   * `FetchOptions['dispatcher']` (so `| undefined`) over Node's `RequestInit['dispatcher']`, which
   * `exactOptionalPropertyTypes` accepts only from `any`.
   */
  dispatcher?: any;
  agent?: unknown;
  timeout?: number;
  retry?: number | false;
  retryDelay?: number | ((context: FetchContext<T, R>) => number);
  retryStatusCodes?: number[];
}

export interface ResolvedFetchOptions<R extends ResponseType = ResponseType, T = any> extends FetchOptions<R, T> {
  headers: Headers;
}

export interface $Fetch {
  <T = any, R extends ResponseType = 'json'>(
    request: FetchRequest,
    options?: FetchOptions<R>,
  ): Promise<MappedResponseType<R, T>>;
  raw<T = any, R extends ResponseType = 'json'>(
    request: FetchRequest,
    options?: FetchOptions<R>,
  ): Promise<FetchResponse<MappedResponseType<R, T>>>;
  native: typeof fetch;
  create(defaults: FetchOptions, globalOptions?: { defaults?: FetchOptions; fetch?: typeof fetch }): $Fetch;
}

export declare const ofetch: $Fetch;
