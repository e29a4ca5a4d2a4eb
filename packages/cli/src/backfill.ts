import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { BackfillProgress, OrderOutcome, SyncOrdersOptions } from '@mautic-woo/sync';
import type { MauticTarget } from './env-config';
import { connectTo } from './mautic';
import type { MalformedEntry } from './ndjson-orders';
import { openOrdersFile } from './orders-file';
import { describeError } from './outcome-lines';
import { Progress } from './progress';
import { type SyncFlagValues, syncOptionsFrom } from './sync-flags';
import { colorEnabled, formatDuration, paint } from './terminal';
import { EXIT, UsageError } from './usage';

interface BackfillFlags extends SyncFlagValues {
  mode?: string;
  concurrency?: string;
  'batch-concurrency'?: string;
  failures?: string;
  'resend-uncertain'?: boolean;
  redis?: string;
  prefix?: string;
}

/**
 * Batch (one write per customer, 200 a request) unless asked otherwise, or unless a flag that only
 * means something per order is given (a note, an email, order concurrency).
 */
export function backfillMode(flags: BackfillFlags): 'batch' | 'order' {
  const perOrder = ['note', 'email-on', 'concurrency', 'resend-uncertain'].filter(
    (flag) => flags[flag as keyof BackfillFlags] !== undefined && flags[flag as keyof BackfillFlags] !== false,
  );
  if (flags.mode === undefined) return perOrder.length > 0 ? 'order' : 'batch';
  if (flags.mode !== 'batch' && flags.mode !== 'order') {
    throw new UsageError(`--mode must be "batch" or "order", got "${flags.mode}"`);
  }
  if (flags.mode === 'batch' && perOrder.length > 0) {
    throw new UsageError(`--${perOrder[0]} needs --mode order: batch mode writes history, one contact per customer`);
  }
  if (flags.mode === 'order' && flags['batch-concurrency'] !== undefined) {
    throw new UsageError('--batch-concurrency needs --mode batch');
  }
  return flags.mode;
}

function parseBatchConcurrency(raw: string | undefined): number {
  if (raw === undefined) return 4;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 16) {
    throw new UsageError(`--batch-concurrency must be 1 to 16, got "${raw}"`);
  }
  return value;
}

// Shown in the summary; every failed order is in the failures file anyway.
const LISTED_FAILURES = 20;

/** `orders.ndjson` (or `orders.json`) → `orders.failed.ndjson`. */
export function defaultFailuresPath(input: string): string {
  return `${input.replace(/\.(nd)?jsonl?$/i, '')}.failed.ndjson`;
}

function parseConcurrency(raw: string | undefined): number {
  if (raw === undefined) return 4;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 64)
    throw new UsageError(`--concurrency must be 1 to 64, got "${raw}"`);
  return value;
}

/** Failure records as NDJSON, opened on the first failure so a clean run leaves no empty file. */
class FailuresFile {
  private stream: WriteStream | null = null;
  written = 0;

  constructor(readonly path: string) {}

  async write(record: unknown): Promise<void> {
    this.stream ??= createWriteStream(this.path, { encoding: 'utf8' });
    this.written++;
    // Respect backpressure so a backfill that fails everything does not buffer it all.
    if (!this.stream.write(`${JSON.stringify(record)}\n`)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (!this.stream) return;
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function orderLabel(outcome: Pick<OrderOutcome, 'order'>): string {
  const email = outcome.order.billing?.email;
  return `order ${outcome.order.id}${email ? ` (${email})` : ''}`;
}

export async function runBackfill(target: MauticTarget, input: string, flags: BackfillFlags): Promise<number> {
  const mode = backfillMode(flags);
  const concurrency = parseConcurrency(flags.concurrency);
  const batchConcurrency = parseBatchConcurrency(flags['batch-concurrency']);
  const syncOptions = syncOptionsFrom(flags);
  const failuresPath = flags.failures ?? defaultFailuresPath(input);
  try {
    await access(input);
  } catch {
    throw new UsageError(`cannot read ${input}: no such file`);
  }
  if (resolve(failuresPath) === resolve(input)) {
    throw new UsageError('--failures must not be the input file (it is written while the input is read)');
  }

  const p = paint(colorEnabled(process.stdout));
  const file = await openOrdersFile(input);
  // The bar's ETA needs the total, which costs a second pass over the file: only for a person watching.
  const tty = process.stderr.isTTY === true;
  const progress = new Progress(process.stderr, tty ? await file.count() : null);
  const mautic = connectTo(target, { redisUrl: flags.redis, prefix: flags.prefix });
  const failures = new FailuresFile(failuresPath);
  const malformed: MalformedEntry[] = [];
  let malformedCount = 0;
  const listedOrders: string[] = [];
  const counts = { done: 0, ok: 0, failed: 0, requests: 0 };

  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\nbackfill: stopping after the orders in flight (Ctrl-C again to quit now)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);

  const how =
    mode === 'batch'
      ? `batch mode: one write per customer, 200 a request, ${batchConcurrency} requests at a time`
      : `per order, ${concurrency} at a time`;
  process.stderr.write(`backfill: ${basename(input)} (${file.description}) → ${target.description}, ${how}\n`);
  let summary: Awaited<ReturnType<typeof mautic.syncOrders>>;
  try {
    const orders = file.read((entry) => {
      // Not in the failures file (they are not orders), so the summary is where they are reported.
      malformedCount++;
      if (malformed.length < LISTED_FAILURES) malformed.push(entry);
      counts.done++;
      counts.failed++;
      progress.update(counts);
    });
    const onProgress = (p: BackfillProgress) => {
      counts.requests = p.requests;
      progress.update(counts);
    };
    const batchOptions: SyncOrdersOptions = {
      mode: 'batch',
      ...(syncOptions.tags ? { tags: syncOptions.tags } : {}),
      ...(syncOptions.skuTags ? { skuTags: true } : {}),
      batchConcurrency,
      signal: controller.signal,
      async onCustomerResult(outcome) {
        const orderCount = outcome.orderIds.length;
        counts.done += orderCount;
        if (outcome.ok) {
          counts.ok += orderCount;
          return;
        }
        counts.failed += orderCount;
        if (listedOrders.length < LISTED_FAILURES) {
          listedOrders.push(
            `customer ${outcome.email} (${plural(orderCount, 'order')}): ${describeError(outcome.error)}`,
          );
        }
      },
      onProgress,
    };
    const orderOptions: SyncOrdersOptions = {
      ...syncOptions,
      resendUncertain: flags['resend-uncertain'] === true,
      concurrency,
      signal: controller.signal,
      async onResult(outcome) {
        counts.done++;
        if (outcome.ok) {
          counts.ok++;
          return;
        }
        counts.failed++;
        if (listedOrders.length < LISTED_FAILURES) {
          listedOrders.push(`${orderLabel(outcome)}: ${describeError(outcome.error)}`);
        }
        // A failure record: the completed note/email steps make a re-run skip them.
        await failures.write({
          order: outcome.order,
          completedSteps: outcome.completedSteps,
          uncertainSteps: outcome.uncertainSteps,
          error: describeError(outcome.error),
        });
      },
      onProgress,
    };
    summary = await mautic.syncOrders(orders, mode === 'batch' ? batchOptions : orderOptions);
    // Batch mode: a failed customer is one record (its one write); an order refused before any
    // request (no billing email) is one too.
    for (const failed of summary.failedCustomers) {
      await failures.write({ customer: failed.customer, error: describeError(failed.error) });
    }
    if (mode === 'batch') {
      for (const failed of summary.failures) {
        counts.done++;
        counts.failed++;
        if (listedOrders.length < LISTED_FAILURES) {
          listedOrders.push(`${orderLabel(failed)}: ${describeError(failed.error)}`);
        }
        await failures.write({
          order: failed.order,
          completedSteps: [],
          uncertainSteps: [],
          error: describeError(failed.error),
        });
      }
    }
  } finally {
    process.off('SIGINT', onSigint);
    progress.finish();
    await failures.close();
    await mautic.close();
  }

  const failed = summary.failed + malformedCount;
  const seconds = Math.max(summary.durationMs, 1) / 1000;
  const parts = [
    `${summary.total + malformedCount} processed`,
    summary.skipped > 0
      ? `${summary.ok} synced (${summary.skipped} of erased customers skipped)`
      : `${summary.ok} synced`,
    `${failed} failed (${plural(summary.failed, 'order')}, ${plural(malformedCount, `malformed ${file.unit}`)})`,
    `${(summary.total / seconds).toFixed(1)} orders/s`,
    `${plural(summary.requests, 'request')} to Mautic`,
  ];
  const verdict = summary.aborted ? p.yellow('Backfill interrupted') : p.bold('Backfill finished');
  process.stdout.write(`${verdict} in ${formatDuration(summary.durationMs)}: ${parts.join(', ')}\n`);
  if (malformedCount > 0) {
    const verb = malformedCount === 1 ? 'is' : 'are';
    process.stdout.write(`${p.red(`${plural(malformedCount, file.unit)} of ${input} ${verb} not an order:`)}\n`);
    for (const entry of malformed) process.stdout.write(`  ${file.unit} ${entry.position}: ${entry.reason}\n`);
    if (malformedCount > malformed.length) process.stdout.write(`  … and ${malformedCount - malformed.length} more\n`);
  }
  if (failures.written > 0) {
    const what =
      mode === 'batch'
        ? `${plural(failures.written, 'failure record')} (${plural(summary.failed, 'order')})`
        : plural(failures.written, 'order');
    process.stdout.write(`${p.red(`${what} failed:`)}\n`);
    for (const line of listedOrders) process.stdout.write(`  ${line}\n`);
    if (failures.written > listedOrders.length) {
      process.stdout.write(`  … and ${failures.written - listedOrders.length} more\n`);
    }
    process.stdout.write(`Failed orders written to ${failuresPath}; retry them with:\n`);
    process.stdout.write(`  mautic-woo backfill ${failuresPath}\n`);
  }
  if (summary.aborted) {
    process.stdout.write('Orders after the last one read were not attempted; run the backfill again to continue.\n');
    return EXIT.interrupted;
  }
  return failed === 0 ? EXIT.ok : EXIT.failed;
}
