import { type FileHandle, mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** How a state file turns into memory and back. */
export interface StateFileCodec<Line> {
  /** Applies one line read back on open, in file order. */
  replay(line: Line): void;
  /** What memory holds once replayed: the compact file written on open. */
  snapshot(): Iterable<Line>;
}

/**
 * One process's small state beside the queue's journal, as JSON lines. On first use it is read
 * back and rewritten compactly (a temporary file renamed over it, so a crash leaves either file
 * whole); from then on each change is appended and fsynced (datasync) in call order before its
 * promise resolves, so what a caller acted on survives a crash. A line torn by a crash was never
 * acknowledged and is skipped.
 */
export class StateFile<Line> {
  readonly #path: string;
  readonly #codec: StateFileCodec<Line>;
  #file: Promise<FileHandle> | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(path: string, codec: StateFileCodec<Line>) {
    this.#path = path;
    this.#codec = codec;
  }

  /** Reads the file back (once); memory is complete when this resolves. */
  async open(): Promise<void> {
    await this.#handle();
  }

  /** Appends and fsyncs one change, in call order. */
  append(line: Line): Promise<void> {
    const write = this.#tail.then(async () => {
      const file = await this.#handle();
      await file.write(`${JSON.stringify(line)}\n`);
      await file.datasync();
    });
    this.#tail = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.#tail;
    if (this.#file) await (await this.#file).close();
  }

  #handle(): Promise<FileHandle> {
    this.#file ??= (async () => {
      await mkdir(dirname(this.#path), { recursive: true });
      const text = await readFile(this.#path, 'utf8').catch(() => '');
      for (const raw of text.split('\n')) {
        let line: Line;
        try {
          line = JSON.parse(raw) as Line;
        } catch {
          continue; // a line torn by a crash was never acted on
        }
        this.#codec.replay(line);
      }
      const snapshot = [...this.#codec.snapshot()].map((line) => `${JSON.stringify(line)}\n`).join('');
      await writeFile(`${this.#path}.tmp`, snapshot);
      await rename(`${this.#path}.tmp`, this.#path);
      return open(this.#path, 'a');
    })();
    return this.#file;
  }
}
