import { formatDuration } from './terminal';

export interface ProgressCounts {
  done: number;
  ok: number;
  failed: number;
}

interface ErrorStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * Backfill progress on stderr: a redrawn bar with rate and ETA at a terminal; at most one plain
 * line every few seconds otherwise (logs, CI), so a long run still shows it is alive.
 */
export class Progress {
  private readonly startedAt = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: ErrorStream,
    private readonly total: number | null,
    private readonly plainEveryMs = 5_000,
  ) {}

  update(counts: ProgressCounts, force = false): void {
    const now = Date.now();
    const tty = this.stream.isTTY === true;
    if (!force && now - this.lastDraw < (tty ? 100 : this.plainEveryMs)) return;
    this.lastDraw = now;
    const elapsed = Math.max(1, now - this.startedAt);
    const rate = (counts.done / elapsed) * 1000;
    if (!tty) {
      const of = this.total === null ? '' : ` of ${this.total}`;
      this.stream.write(
        `backfill: ${counts.done}${of} done, ${counts.ok} ok, ${counts.failed} failed, ${rate.toFixed(1)} orders/s\n`,
      );
      return;
    }
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 60));
    const fraction = this.total ? Math.min(1, counts.done / this.total) : 0;
    const filled = Math.round(fraction * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const eta = this.total && rate > 0 ? `ETA ${formatDuration(((this.total - counts.done) / rate) * 1000)}` : 'ETA --';
    const of = this.total === null ? `${counts.done}` : `${counts.done}/${this.total} ${Math.floor(fraction * 100)}%`;
    this.stream.write(`\r\u001b[2K${bar} ${of}  ${rate.toFixed(1)}/s  ${eta}  ✗ ${counts.failed}`);
    this.drawn = true;
  }

  /** Clears the bar so the summary starts on a clean line. */
  finish(): void {
    if (this.drawn) this.stream.write('\r\u001b[2K');
  }
}
