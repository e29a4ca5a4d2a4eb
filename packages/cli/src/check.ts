import type { FieldStatus } from '@mautic-woo/sync';
import type { MauticTarget } from './env-config';
import { connectTo } from './mautic';
import { colorEnabled, paint } from './terminal';
import { EXIT } from './usage';

export async function runCheck(target: MauticTarget): Promise<number> {
  const p = paint(colorEnabled(process.stdout));
  const mautic = connectTo(target, { maxRetries: 1 });
  process.stdout.write(`Mautic: ${target.description}\n`);
  const connection = await mautic.testConnection();
  process.stdout.write(
    `${p.green('✓')} connected; Mautic ${connection.mauticVersion ?? '(version header not sent)'}\n`,
  );
  const { present, missing } = await mautic.checkFields();
  for (const alias of present) process.stdout.write(`${p.green('✓')} field ${alias}\n`);
  for (const alias of missing) process.stdout.write(`${p.red('✗')} field ${alias} is missing\n`);
  if (missing.length === 0) return EXIT.ok;
  process.stdout.write(`Run "mautic-woo fields --create" to add the ${missing.length} missing field(s).\n`);
  return EXIT.failed;
}

function statusText(field: FieldStatus): string {
  switch (field.status) {
    case 'exists':
      return 'exists';
    case 'created':
      return 'created';
    case 'queued':
      return 'queued: Mautic adds its column in the background (its cron must run)';
    case 'renamed':
      return `created as ${field.actualAlias}: Mautic renamed the alias, the sync writes there`;
  }
}

export async function runFields(target: MauticTarget, create: boolean): Promise<number> {
  const p = paint(colorEnabled(process.stdout));
  process.stdout.write(`Mautic: ${target.description}\n`);
  const mautic = connectTo(target);
  if (!create) {
    const { present, missing } = await mautic.checkFields();
    for (const alias of present) process.stdout.write(`${p.green('✓')} ${alias}\n`);
    for (const alias of missing) process.stdout.write(`${p.red('✗')} ${alias} (missing)\n`);
    if (missing.length > 0) process.stdout.write('Run "mautic-woo fields --create" to add the missing ones.\n');
    return missing.length === 0 ? EXIT.ok : EXIT.failed;
  }
  const result = await mautic.ensureFields();
  for (const field of result.fields) {
    const mark = field.status === 'exists' || field.status === 'created' ? p.green('✓') : p.yellow('!');
    process.stdout.write(`${mark} ${field.alias}: ${statusText(field)}\n`);
  }
  return EXIT.ok;
}
