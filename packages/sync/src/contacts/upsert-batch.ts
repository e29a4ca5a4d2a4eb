import { MauticError, MauticServerError } from '../errors';
import type { Logger } from '../logger';
import type { ContactInput } from '../types';
import { MAX_BATCH_SIZE } from './batch';
import type { Contacts } from './contacts';
import { buildBody, type UpsertContactInput, type UpsertResult, withoutRefusedGeo } from './upsert';

export type BatchUpsertOutcome = { ok: true; result: UpsertResult } | { ok: false; error: MauticError };

export interface BatchUpsertResult {
  outcomes: BatchUpsertOutcome[];
  /** The batch size Mautic took: lower than asked when it refused the size (its `api_batch_max_limit`). */
  batchSize: number;
}

// "A max of 200 entities are supported at a time." (FetchCommonApiController::validateBatchPayload,
// answered with 500). Translated sites word it otherwise; then the batch fails as a whole.
const LIMIT = /\b(\d+)\b/;

function refusedSize(error: unknown, sent: number): number | null {
  if (!(error instanceof MauticServerError) || error.status !== 500) return null;
  const limit = Number(LIMIT.exec(error.errors[0]?.message ?? '')?.[1]);
  return Number.isInteger(limit) && limit >= 1 && limit < sent ? limit : null;
}

/**
 * Creates or updates many contacts through `POST /contacts/batch/new`, `batchSize` a request.
 * Each item ends on its own: one Mautic refuses for a region or country is sent again without it
 * (as `contacts.upsert` does one contact), the others are not re-sent. A request refused for its
 * size is split to the size Mautic names, and that size is kept for the caller's next batches.
 */
export async function upsertContactsBatch(
  contacts: Contacts,
  logger: Logger,
  inputs: UpsertContactInput[],
  options: { batchSize?: number; signal?: AbortSignal | undefined } = {},
): Promise<BatchUpsertResult> {
  let batchSize = Math.min(options.batchSize ?? MAX_BATCH_SIZE, MAX_BATCH_SIZE);
  const outcomes: BatchUpsertOutcome[] = new Array(inputs.length);
  const dropped: string[][] = inputs.map(() => []);

  /** Sends `bodies[i]` for item `indexes[i]`; items to try again without a refused field come back. */
  async function send(
    indexes: number[],
    bodies: ContactInput[],
    retryGeo: boolean,
  ): Promise<Array<[number, ContactInput]>> {
    const again: Array<[number, ContactInput]> = [];
    for (let start = 0; start < indexes.length; ) {
      const chunk = indexes.slice(start, start + batchSize);
      const chunkBodies = bodies.slice(start, start + batchSize);
      start += chunk.length;
      let results: Awaited<ReturnType<Contacts['createBatch']>>;
      try {
        results = await contacts.createBatch(chunkBodies, { signal: options.signal });
      } catch (error) {
        const limit = refusedSize(error, chunk.length);
        if (limit !== null) {
          logger.warn(`Mautic takes at most ${limit} contacts a batch; sending ${limit} a request from now on`);
          batchSize = limit;
          again.push(...(await send(chunk, chunkBodies, retryGeo)));
          continue;
        }
        const typed = error instanceof MauticError ? error : new MauticError(String(error), { cause: error });
        for (const index of chunk) outcomes[index] = { ok: false, error: typed };
        continue;
      }
      results.forEach((result, i) => {
        const index = chunk[i] as number;
        const body = chunkBodies[i] as ContactInput;
        if (result.ok) {
          const { contact, created } = result;
          outcomes[index] = { ok: true, result: { contact, created, droppedFields: dropped[index] ?? [] } };
          return;
        }
        const retry = retryGeo ? withoutRefusedGeo(body, result.error, logger) : null;
        if (retry) {
          dropped[index]?.push(...retry.dropped);
          again.push([index, retry.body]);
        } else outcomes[index] = { ok: false, error: result.error };
      });
    }
    return again;
  }

  const valid: number[] = [];
  const bodies: ContactInput[] = [];
  inputs.forEach((input, index) => {
    try {
      bodies.push(buildBody(input));
      valid.push(index);
    } catch (error) {
      outcomes[index] = { ok: false, error: error instanceof MauticError ? error : new MauticError(String(error)) };
    }
  });
  // Once, as a single write: Mautic names every refused field in one answer.
  const again = await send(valid, bodies, true);
  if (again.length > 0) {
    await send(
      again.map(([index]) => index),
      again.map(([, body]) => body),
      false,
    );
  }
  return { outcomes, batchSize };
}
