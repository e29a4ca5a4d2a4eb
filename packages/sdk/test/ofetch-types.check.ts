// Compile-time only (the typecheck task): the ofetch types the published .d.ts carry
// (src/ofetch-types.ts) accept what the real ofetch 1.5.1 gives, so code written against ofetch
// itself still fits the sdk's `Config`.
import type { $Fetch, FetchOptions, ResponseType } from 'ofetch';
import type * as Published from '../src/ofetch-types';

export const instance = (real: $Fetch): Published.$Fetch => real;
export const responseType = (real: ResponseType): Published.ResponseType => real;
export const hooks = (real: FetchOptions): Pick<Published.FetchOptions, keyof Published.FetchHooks> => real;
export const retries = (
  real: FetchOptions,
): Pick<Published.FetchOptions, 'retry' | 'retryDelay' | 'retryStatusCodes'> => real;
