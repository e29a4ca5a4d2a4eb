import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// The built executable of @mautic-woo/cli, as npm installs it.
const cli = join(import.meta.dirname, '..', '..', 'cli', 'dist', 'bin.mjs');

/** One `mautic-woo` process, its output read line by line. */
export class CliProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | string | null>;
  readonly #waiters: Array<{ pattern: RegExp; resolve: (match: RegExpMatchArray) => void }> = [];
  readonly #stderr: string[] = [];

  constructor(
    readonly name: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    onLine: (line: string) => void = () => {},
  ) {
    this.child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(signal ?? code)));
    createInterface({ input: this.child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      onLine(line);
      for (const waiter of [...this.#waiters]) {
        const match = waiter.pattern.exec(line);
        if (!match) continue;
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    });
    createInterface({ input: this.child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
      this.#stderr.push(line);
      if (this.#stderr.length > 50) this.#stderr.shift();
    });
  }

  /** Resolves with the first line matching `pattern` from now on; rejects on exit or after `ms`. */
  waitFor(pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name}: no line matching ${pattern} within ${ms} ms\n${this.stderr()}`)),
        ms,
      );
      this.#waiters.push({
        pattern,
        resolve: (match) => {
          clearTimeout(timer);
          resolve(match);
        },
      });
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${code}) before printing ${pattern}\n${this.stderr()}`));
      });
    });
  }

  stderr(): string {
    return this.#stderr.join('\n');
  }

  /** SIGTERM, then SIGKILL if it has not exited within `ms`; resolves with how it ended. */
  async stop(ms = 20_000): Promise<number | string | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), ms);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  kill(): Promise<number | string | null> {
    this.child.kill('SIGKILL');
    return this.exited;
  }
}
