import { type ParseArgsConfig, parseArgs } from 'node:util';
import pkg from '../package.json' with { type: 'json' };
import { runBackfill } from './backfill';
import { runCheck, runFields } from './check';
import { runContractCheck } from './contract-check';
import { ConfigError, type MauticTarget, mauticTargetFromEnv } from './env-config';
import { describeError } from './outcome-lines';
import { runQueueCommand, runServeCommand, runWorkerCommand, SCALE_OPTIONS } from './scale-commands';
import { SYNC_FLAG_OPTIONS } from './sync-flags';
import { runSyncOrder } from './sync-order-command';
import { type CommandName, EXIT, HELP, UsageError } from './usage';

const OPTIONS = {
  check: { contract: { type: 'boolean' }, write: { type: 'boolean' } },
  fields: { create: { type: 'boolean' } },
  'sync-order': { ...SYNC_FLAG_OPTIONS },
  backfill: {
    ...SYNC_FLAG_OPTIONS,
    mode: { type: 'string' },
    concurrency: { type: 'string' },
    'batch-concurrency': { type: 'string' },
    failures: { type: 'string' },
    'resend-uncertain': { type: 'boolean' },
    redis: { type: 'string' },
    prefix: { type: 'string' },
  },
  serve: { ...SYNC_FLAG_OPTIONS, ...SCALE_OPTIONS.serve },
  worker: { ...SYNC_FLAG_OPTIONS, ...SCALE_OPTIONS.worker },
  queue: SCALE_OPTIONS.queue,
} satisfies Record<CommandName, ParseArgsConfig['options']>;

const POSITIONALS: Record<CommandName, string[]> = {
  check: [],
  fields: [],
  'sync-order': ['order.json'],
  backfill: ['orders.ndjson'],
  serve: [],
  worker: [],
  queue: ['status|retry'],
};

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(OPTIONS, name);
}

/** Credentials come from the environment only, so they never show up in a shell history or `ps`. */
function targetFromEnv(): MauticTarget {
  const target = mauticTargetFromEnv();
  if (!target) {
    throw new ConfigError(
      'MAUTIC_URL and credentials are not set: set MAUTIC_URL plus MAUTIC_USERNAME/MAUTIC_PASSWORD or MAUTIC_CLIENT_ID/MAUTIC_CLIENT_SECRET',
    );
  }
  return target;
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(`${HELP.top}\n`);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP.top}\n`);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${pkg.version}\n`);
    return EXIT.ok;
  }
  if (!isCommand(name)) throw new UsageError(`unknown command "${name}"; run "mautic-woo --help" for the list`);

  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...OPTIONS[name], help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${name}: ${(error as Error).message}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${HELP[name]}\n`);
    return EXIT.ok;
  }
  const expected = POSITIONALS[name];
  if (parsed.positionals.length !== expected.length) {
    const wanted = expected.length === 0 ? 'no arguments' : expected.map((p) => `<${p}>`).join(' ');
    throw new UsageError(`${name} takes ${wanted}; run "mautic-woo ${name} --help"`);
  }

  const values = parsed.values;
  // These read the environment themselves: serve --redis and queue need no Mautic credentials.
  if (name === 'serve') return runServeCommand(values);
  if (name === 'worker') return runWorkerCommand(values);
  if (name === 'queue') return runQueueCommand(parsed.positionals[0] as string, values);
  const target = targetFromEnv();
  switch (name) {
    case 'check':
      if (values.write === true && values.contract !== true)
        throw new UsageError('check: --write goes with --contract');
      return values.contract === true ? runContractCheck(target, values.write === true) : runCheck(target);
    case 'fields':
      return runFields(target, values.create === true);
    case 'sync-order':
      return runSyncOrder(target, parsed.positionals[0] as string, values);
    case 'backfill':
      return runBackfill(target, parsed.positionals[0] as string, values);
  }
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`mautic-woo: ${error.message}\n`);
      return EXIT.usage;
    }
    // Errors from the library are redacted at construction, so their messages are safe to print.
    process.stderr.write(`mautic-woo: ${describeError(error)}\n`);
    return EXIT.failed;
  }
}
