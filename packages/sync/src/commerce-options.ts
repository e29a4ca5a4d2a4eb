import { MauticInvalidInputError } from './errors';
import type { ErasureLog } from './state/erasure-log';
import type { WooReader } from './woo/reader';

/** The client options the commerce workflows add (consent, erasure, lifetime totals). */
export interface CommerceOptions {
  /**
   * Erasure tombstones (by email hash), so that a late webhook cannot bring an erased customer
   * back. Default: in this process's memory. Several processes must share one.
   */
  erasures?: ErasureLog;
  /**
   * Reads lifetime totals from WooCommerce for `syncOrder` (see `createWooReader`). Without it,
   * totals are written only when the caller passes `customerTotals`.
   */
  woo?: WooReader;
}

/** Checks what `CommerceOptions` carries, before any request. */
export function assertCommerceOptions(options: CommerceOptions): void {
  for (const [name, methods] of [
    ['erasures', ['record', 'erasedAt']],
    ['woo', ['customerTotals', 'cached']],
  ] as const) {
    const value = options[name] as unknown as Record<string, unknown> | undefined;
    if (value !== undefined && methods.some((method) => typeof value?.[method] !== 'function')) {
      throw new MauticInvalidInputError(`${name} must implement ${methods.join(', ')}`, name);
    }
  }
}
