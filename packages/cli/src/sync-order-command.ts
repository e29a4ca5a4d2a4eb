import { readFile } from 'node:fs/promises';
import type { WooOrder } from '@mautic-woo/sync';
import type { MauticTarget } from './env-config';
import { connectTo } from './mautic';
import { stepLines } from './outcome-lines';
import { type SyncFlagValues, syncOptionsFrom } from './sync-flags';
import { colorEnabled, paint } from './terminal';
import { EXIT, UsageError } from './usage';

async function readOrder(path: string): Promise<WooOrder> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !Number.isSafeInteger((value as WooOrder).id)
  ) {
    throw new UsageError(`${path} is not a WooCommerce order (a JSON object with a numeric "id")`);
  }
  return value as WooOrder;
}

export async function runSyncOrder(target: MauticTarget, path: string, flags: SyncFlagValues): Promise<number> {
  const options = syncOptionsFrom(flags);
  const order = await readOrder(path);
  const p = paint(colorEnabled(process.stdout));
  const mautic = connectTo(target);
  process.stdout.write(`Mautic: ${target.description}\n`);
  process.stdout.write(`Order #${order.id} (${order.status}, ${order.billing?.email ?? 'no email'})\n`);
  const result = await mautic.syncOrder(order, options);
  const lines = stepLines(result.steps, { contact: `contact ${result.contactId}` });
  for (const field of result.droppedFields)
    lines.push({ mark: 'warn', text: `Mautic refused ${field}; saved without it` });
  for (const geo of result.unconverted)
    lines.push({ mark: 'warn', text: `no Mautic name for ${geo.field} ${geo.value}` });
  const marks = { ok: p.green('✓'), warn: p.yellow('!'), fail: p.red('✗'), info: p.dim('·') };
  for (const line of lines) process.stdout.write(`${marks[line.mark]} ${line.text}\n`);
  return result.ok ? EXIT.ok : EXIT.failed;
}
