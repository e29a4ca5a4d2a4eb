/** Tables and the targets summary, shared by every benchmark. */

export interface Target {
  benchmark: string;
  target: string;
  measured: string;
  met: boolean;
  note?: string;
}

export interface BenchResult {
  title: string;
  tables: Array<{ caption?: string; head: string[]; rows: Array<Array<string | number>> }>;
  notes?: string[];
  targets: Target[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const fixed = (value: number, digits = 2): string => value.toFixed(digits);
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A GitHub-flavoured Markdown table, so the output pastes into BENCHMARKS.md as is. */
export function markdownTable(head: string[], rows: Array<Array<string | number>>): string {
  const cells = [head, ...rows.map((row) => row.map(String))];
  const widths = head.map((_, i) => Math.max(3, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 3)).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}

export function printResult(result: BenchResult): void {
  console.log(`\n## ${result.title}\n`);
  for (const table of result.tables) {
    if (table.caption) console.log(`${table.caption}\n`);
    console.log(`${markdownTable(table.head, table.rows)}\n`);
  }
  for (const note of result.notes ?? []) console.log(`- ${note}`);
}

export function printSummary(targets: Target[]): void {
  console.log('\n## Summary: targets\n');
  console.log(
    markdownTable(
      ['benchmark', 'target', 'measured', 'result'],
      targets.map((t) => [t.benchmark, t.target, t.measured, t.met ? 'met' : `MISSED${t.note ? ` (${t.note})` : ''}`]),
    ),
  );
  const missed = targets.filter((t) => !t.met).length;
  console.log(`\n${targets.length - missed} of ${targets.length} targets met.`);
}
