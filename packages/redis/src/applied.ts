import type { Redis } from 'ioredis';
import type { Delivery } from './delivery';
import { RedisInputError } from './errors';
import type { RedisKeys } from './keys';
import { LuaScript } from './lua';

// Only ever forward: two workers finishing out of order must not set the mark back.
const advanceScript = new LuaScript(`
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) <= current then return 0 end
if ARGV[2] == '' then redis.call('SET', KEYS[1], ARGV[1]) else redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1
`);

const HAS_ZONE = /(Z|[+-]\d\d:?\d\d)$/i;

/** `date_modified_gmt` as WooCommerce sends it (no zone: it is UTC) or any ISO 8601 date, to epoch ms. */
export function modifiedAtMs(modifiedAt: string | null): number | null {
  if (modifiedAt === null) return null;
  const ms = Date.parse(HAS_ZONE.test(modifiedAt) ? modifiedAt : `${modifiedAt}Z`);
  if (Number.isNaN(ms)) throw new RedisInputError('delivery.modifiedAt must be an ISO 8601 date or null');
  return ms;
}

/** `order:42` for `order.updated` about order 42: deliveries of one resource share their applied mark. */
export function resourceOf(delivery: Pick<Delivery, 'topic' | 'resourceId'>): string {
  return `${delivery.topic.split('.')[0]}:${delivery.resourceId}`;
}

/** The newest `modifiedAt` applied per resource, so an older delivery arriving late is skipped. */
export class AppliedMarks {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly retention: string,
  ) {}

  /** Older than what was applied. An equal date is the same state again: not stale. */
  isStale(delivery: Delivery, applied: string | null): boolean {
    const modified = modifiedAtMs(delivery.modifiedAt);
    return modified !== null && applied !== null && modified < Number(applied);
  }

  async read(delivery: Delivery): Promise<string | null> {
    return this.redis.get(this.keys.applied(resourceOf(delivery)));
  }

  async advance(delivery: Delivery): Promise<void> {
    const modified = modifiedAtMs(delivery.modifiedAt);
    if (modified === null) return;
    await advanceScript.run(this.redis, [this.keys.applied(resourceOf(delivery))], [modified, this.retention]);
  }
}
