import { requirePositiveMs } from './errors';

/** 90 days: how long order steps, delivery ids and applied dates are remembered by default. */
export const DEFAULT_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

/** A retention as the Lua scripts take it: ms, or '' for "forever" (`null`). */
export function retentionArg(retentionMs: number | null): string {
  if (retentionMs === null) return '';
  requirePositiveMs('retentionMs', retentionMs);
  return String(Math.ceil(retentionMs));
}
