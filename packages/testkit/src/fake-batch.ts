import type { FakeReply } from './fake-mautic';
import { mauticBodies } from './mautic-bodies';

/**
 * Mautic's batch answers (`CommonApiController::newEntitiesAction` / `editEntitiesAction`): every
 * item is processed as its single write would be; `contacts`, `statusCodes` and `errors` are PHP
 * arrays keyed by request index, so each serializes as a list only while its keys are exactly
 * 0..n-1 (a failed item is missing from `contacts`; `errors` holds only the failed items, with
 * `type: null` dropped by the serializer). More items than `api_batch_max_limit` → 500, nothing written.
 */

/** How PHP's json_encode writes an array with these integer keys, in insertion order. */
export function phpArray<T>(entries: Array<[number, T]>): T[] | Record<string, T> {
  const sequential = entries.every(([key], i) => key === i);
  return sequential ? entries.map(([, value]) => value) : Object.fromEntries(entries.map(([k, v]) => [String(k), v]));
}

export async function batchAnswer(
  body: unknown,
  limit = 200,
  status: number,
  write: (item: Record<string, unknown>) => FakeReply | Promise<FakeReply>,
): Promise<FakeReply> {
  const items = Array.isArray(body) ? (body as Array<Record<string, unknown>>) : [];
  if (items.length > limit) return { status: 500, json: mauticBodies.batchLimit(limit) };
  const contacts: Array<[number, unknown]> = [];
  const statusCodes: Array<[number, number]> = [];
  const errors: Array<[number, unknown]> = [];
  for (const [index, item] of items.entries()) {
    const reply = await write(item ?? {});
    const code = reply.status ?? 200;
    statusCodes.push([index, code]);
    if (code < 400) contacts.push([index, (reply.json as { contact: unknown }).contact]);
    else {
      const error = (reply.json as { errors: Array<Record<string, unknown>> }).errors[0] ?? {};
      const { type, ...rest } = error;
      errors.push([index, type === null || type === undefined ? rest : error]);
    }
  }
  const json: Record<string, unknown> = { contacts: phpArray(contacts), statusCodes: phpArray(statusCodes) };
  if (errors.length > 0) json.errors = phpArray(errors);
  return { status, json };
}
