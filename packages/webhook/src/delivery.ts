import type { Delivery } from './queue';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function lowerEmail(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : null;
}

/**
 * The delivery a signed, parsed body makes, or the reason it makes none. Orders carry the customer
 * in `billing.email`, customers in `email`; both carry `id` and `date_modified_gmt`.
 */
export function toDelivery(
  id: string,
  topic: string,
  payload: unknown,
  receivedAt: number,
): { delivery: Delivery } | { problem: string } {
  if (!isObject(payload) || !Number.isSafeInteger(payload.id) || (payload.id as number) <= 0) {
    return { problem: `the body of a ${topic} delivery must be an object with a positive integer id` };
  }
  const billing = isObject(payload.billing) ? payload.billing : {};
  return {
    delivery: {
      id,
      topic,
      resourceId: payload.id as number,
      modifiedAt: typeof payload.date_modified_gmt === 'string' ? payload.date_modified_gmt : null,
      customerKey: lowerEmail(billing.email) ?? lowerEmail(payload.email),
      payload,
      receivedAt,
    },
  };
}
