import type { ErasureLog } from '@mautic-woo/sync';
import { RedisInputError } from './errors';
import { LuaScript } from './lua';
import type { RedisStoreOptions } from './store';
import { RedisStore } from './store';

// Compare and set in one script: two processes erasing the same email at once (or an older
// record arriving late) must leave the newer time, whoever writes last.
const recordScript = new LuaScript(`
local current = redis.call('GET', KEYS[1])
if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
if ARGV[2] == '' then redis.call('SET', KEYS[1], ARGV[1]) else redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1
`);

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface RedisErasureLogOptions extends RedisStoreOptions {
  /**
   * How long a tombstone is kept after it was recorded (default `null`: forever). A delivery or a
   * backfill re-run reaching an erased customer's old order after it has gone brings the contact back,
   * so set it only longer than WooCommerce retries and your backfills reach.
   */
  retentionMs?: number | null;
}

/**
 * Erasure tombstones on Redis, so a customer erased by one process stays erased in all of them:
 * one key per email hash holding the erasure time (epoch ms). `record` never moves a time back,
 * atomically (one Lua script). Only the hash reaches Redis: anything else is refused.
 */
export class RedisErasureLog extends RedisStore implements ErasureLog {
  constructor({ retentionMs = null, ...options }: RedisErasureLogOptions) {
    super(options, retentionMs);
  }

  async record(emailHash: string, erasedAt: number): Promise<void> {
    const key = this.#key(emailHash);
    if (!Number.isSafeInteger(erasedAt) || erasedAt < 0) throw new RedisInputError('erasedAt must be epoch ms');
    await recordScript.run(this.opened.redis, [key], [String(erasedAt), this.retention]);
  }

  async erasedAt(emailHash: string): Promise<number | undefined> {
    const stored = await this.opened.redis.get(this.#key(emailHash));
    return stored === null ? undefined : Number(stored);
  }

  #key(emailHash: string): string {
    // Never echo the value: a caller passing the email by mistake must not see it in a log.
    if (typeof emailHash !== 'string' || !SHA256_HEX.test(emailHash)) {
      throw new RedisInputError('emailHash must be the SHA-256 hex of the email (emailHash() of @mautic-woo/sync)');
    }
    return this.keys.erased(emailHash);
  }
}
