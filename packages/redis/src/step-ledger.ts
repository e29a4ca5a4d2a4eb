import type { StepKey, StepLedger } from '@mautic-woo/sync';
import { RedisInputError, requirePositiveMs } from './errors';
import { LuaScript } from './lua';
import { DEFAULT_RETENTION_MS } from './retention';
import type { RedisStoreOptions } from './store';
import { RedisStore } from './store';

// Redis's clock, not each process's: a claim's expiry must mean the same moment to everyone.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
const RETAIN = `if ARGV[3] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end`;

const claimScript = new LuaScript(`
${NOW}
local value = redis.call('HGET', KEYS[1], ARGV[1])
if value then
  if value == 'done' or value == 'uncertain' then return value end
  if tonumber(string.sub(value, 9)) > now then return 'pending' end
  return 'uncertain'
end
redis.call('HSET', KEYS[1], ARGV[1], 'claimed:' .. (now + tonumber(ARGV[2])))
${RETAIN}
return 'claimed'
`);
// What landed stays landed: a stale record cannot turn 'done' back into 'uncertain'.
const recordScript = new LuaScript(`
if redis.call('HGET', KEYS[1], ARGV[1]) == 'done' then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
${RETAIN}
return 1
`);
const settleScript = new LuaScript(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
${RETAIN}
return 1
`);

export interface RedisStepLedgerOptions extends RedisStoreOptions {
  /**
   * How long an order's steps are remembered after its last change (default 90 days; `null`:
   * forever). A delivery of that order arriving later could send its note or email again.
   */
  retentionMs?: number | null;
}

// Taken from the interface: @mautic-woo/sync's exported `StepState` is still the older one
// without 'pending' (workflows/completed-steps.ts shadows state/step-ledger.ts in its index).
type ClaimResult = Awaited<ReturnType<StepLedger['claim']>>;

/**
 * The record of sent notes and emails on Redis, so a step happens once across every process.
 * Same rules as the in-memory ledger of `@mautic-woo/sync`: a claim is atomic (one Lua script), a
 * claim whose holder died reads as `uncertain` after its ttl, and `record` never turns `done`
 * back into `uncertain`.
 */
export class RedisStepLedger extends RedisStore implements StepLedger {
  constructor({ retentionMs = DEFAULT_RETENTION_MS, ...options }: RedisStepLedgerOptions) {
    super(options, retentionMs);
  }

  async claim(key: StepKey, { ttlMs }: { ttlMs: number }): Promise<ClaimResult> {
    requirePositiveMs('ttlMs', ttlMs);
    const result = await this.#run(claimScript, key, String(Math.ceil(ttlMs)));
    return result as ClaimResult;
  }

  async settle(key: StepKey, outcome: 'done' | 'uncertain' | null): Promise<void> {
    if (outcome === null) {
      const { hash, field } = this.#locate(key);
      await this.opened.redis.hdel(hash, field);
      return;
    }
    await this.#run(settleScript, key, this.#state(outcome));
  }

  async record(key: StepKey, state: 'done' | 'uncertain'): Promise<void> {
    await this.#run(recordScript, key, this.#state(state));
  }

  async forget(orderIds: readonly number[]): Promise<void> {
    for (const id of orderIds) this.#orderId(id);
    if (orderIds.length > 0) await this.opened.redis.unlink(...orderIds.map((id) => this.keys.steps(id)));
  }

  #run(script: LuaScript, key: StepKey, value: string): Promise<unknown> {
    const { hash, field } = this.#locate(key);
    return script.run(this.opened.redis, [hash], [field, value, this.retention]);
  }

  #locate({ orderId, status, step }: StepKey): { hash: string; field: string } {
    this.#orderId(orderId);
    if (typeof status !== 'string' || status === '') throw new RedisInputError('status must be a non-empty string');
    if (step !== 'note' && step !== 'email') throw new RedisInputError("step must be 'note' or 'email'");
    return { hash: this.keys.steps(orderId), field: `${status}:${step}` };
  }

  #orderId(orderId: number): void {
    if (!Number.isSafeInteger(orderId) || orderId <= 0) throw new RedisInputError('orderId must be a positive integer');
  }

  #state(state: string): string {
    if (state !== 'done' && state !== 'uncertain') throw new RedisInputError("state must be 'done' or 'uncertain'");
    return state;
  }
}
