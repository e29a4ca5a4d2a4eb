import { describeError, formatDuration, type OutcomeLine, type Paint, paint } from '@mautic-woo/cli';
import { type LoggedRequest, readablePath } from './request-log';

interface Writable {
  write(text: string): unknown;
}

/**
 * The demo's report: a numbered step, the HTTP requests it made, and what came of it, in plain
 * lines a person reads at a glance (and a test can grep).
 */
export class Report {
  private readonly p: Paint;
  private stepNumber = 0;
  private failures = 0;
  private warnings = 0;

  constructor(
    private readonly out: Writable,
    color: boolean,
  ) {
    this.p = paint(color);
  }

  title(text: string, target: string): void {
    this.line(this.p.bold(text));
    this.line(`Talking to ${this.p.cyan(target)}`);
    this.line('');
  }

  step(title: string): void {
    this.stepNumber++;
    this.line(this.p.bold(`${this.stepNumber}. ${title}`));
  }

  requests(requests: LoggedRequest[]): void {
    for (const r of requests) {
      const status =
        r.status === null
          ? this.p.red('---')
          : r.status >= 400
            ? this.p.red(String(r.status))
            : r.status >= 300
              ? this.p.yellow(String(r.status))
              : this.p.green(String(r.status));
      const ms = this.p.dim(r.ms === null ? '     ' : `${r.ms} ms`.padStart(7));
      this.line(`   ${r.method.padEnd(5)} ${status} ${ms}  ${readablePath(r.path)}`);
      if (r.failure) this.line(`   ${' '.repeat(6)}${this.p.red(r.failure)}`);
    }
  }

  outcome(lines: OutcomeLine[]): void {
    for (const { mark, text } of lines) {
      if (mark === 'fail') this.failures++;
      if (mark === 'warn') this.warnings++;
      const symbol =
        mark === 'ok'
          ? this.p.green('✓')
          : mark === 'warn'
            ? this.p.yellow('!')
            : mark === 'fail'
              ? this.p.red('✗')
              : this.p.dim('·');
      this.line(`   ${symbol} ${mark === 'fail' ? this.p.red(text) : text}`);
    }
    this.line('');
  }

  /** A step that threw: the error's message (the library redacts secrets from it). */
  error(error: unknown): void {
    this.outcome([{ mark: 'fail', text: describeError(error) }]);
  }

  summary(requestCount: number, durationMs: number): void {
    const steps = `${this.stepNumber} step${this.stepNumber === 1 ? '' : 's'}`;
    const made = `${requestCount} HTTP request${requestCount === 1 ? '' : 's'}`;
    const verdict =
      this.failures > 0
        ? this.p.red(`${this.failures} failed`)
        : this.warnings > 0
          ? this.p.yellow(`all done, ${this.warnings} warning${this.warnings === 1 ? '' : 's'}`)
          : this.p.green('all ok');
    this.line(`${this.p.bold('Done')} in ${formatDuration(durationMs)}: ${steps}, ${made}, ${verdict}.`);
  }

  get failed(): boolean {
    return this.failures > 0;
  }

  line(text: string): void {
    this.out.write(`${text}\n`);
  }
}
