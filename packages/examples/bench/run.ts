import { cpus, totalmem } from 'node:os';
import { benchBatch } from './batch';
import { benchBundleSize } from './bundle-size';
import { benchMemory } from './memory';
import { benchOverhead } from './overhead';
import { type BenchResult, printResult, printSummary, type Target } from './report';
import { benchRoundTrips } from './round-trips';
import { benchThroughput } from './throughput';

/**
 * Every benchmark in turn, one table each, then the targets met and missed. Needs the packages
 * built (`turbo run build`): @mautic-woo/sync is measured as it is published.
 *   tsx bench/run.ts                         all, full size (about 3 minutes on 2 cores)
 *   tsx bench/run.ts --only=overhead,bundle  a subset (overhead, round-trips, throughput, memory, bundle, batch)
 *   tsx bench/run.ts --quick                 smaller sizes, for a smoke test; the numbers are not comparable
 */

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const benchmarks: Array<[string, () => Promise<BenchResult>]> = [
  ['overhead', () => benchOverhead(quick ? { requests: 400 } : {})],
  ['round-trips', () => benchRoundTrips()],
  ['throughput', () => benchThroughput(quick ? { orders: 200 } : {})],
  ['memory', () => benchMemory(quick ? { small: 1_000, large: 5_000 } : {})],
  ['bundle', () => benchBundleSize()],
  ['batch', () => benchBatch(quick ? { orders: 1_000, customers: 400 } : {})],
];

console.log('# @mautic-woo benchmarks');
console.log(
  `\n${new Date().toISOString()} · node ${process.version} · ${cpus()[0]?.model ?? 'unknown CPU'} · ${cpus().length} cores · ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM${quick ? ' · QUICK MODE' : ''}`,
);

const targets: Target[] = [];
const startedAt = performance.now();
for (const [name, run] of benchmarks) {
  if (only && !only.includes(name)) continue;
  const started = performance.now();
  const result = await run();
  printResult(result);
  console.log(`\n(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  targets.push(...result.targets);
}
printSummary(targets);
console.log(`\nTotal time: ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
