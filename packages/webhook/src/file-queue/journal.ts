import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Where one record sits in the journal file, to read its payload back when it is processed. */
export interface Located {
  offset: number;
  length: number;
}

export type JournalRecord = { t: string } & Record<string, unknown>;

export type CompactionItem = ({ record: JournalRecord } | { copy: Located }) & { onWritten?: (at: Located) => void };

interface Waiting {
  bytes: Uint8Array;
  onDurable: (at: Located) => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const NEWLINE = 0x0a;
const CHUNK = 64 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function writeAll(file: FileHandle, bytes: Uint8Array, position: number) {
  let written = 0;
  while (written < bytes.byteLength) {
    const { bytesWritten } = await file.write(bytes, written, bytes.byteLength - written, position + written);
    written += bytesWritten;
  }
}

async function syncDirectory(dir: string) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Every whole line of `file` to `onRecord`, in order; `end` is where the last whole line ends. */
async function replay(
  file: FileHandle,
  onRecord: (record: JournalRecord, at: Located) => void,
  onCorrupt: (offset: number) => void,
): Promise<{ end: number; size: number }> {
  const { size } = await file.stat();
  const buffer = new Uint8Array(CHUNK);
  let pending = new Uint8Array(0);
  let pendingOffset = 0;
  let position = 0;
  while (position < size) {
    const { bytesRead } = await file.read(buffer, 0, CHUNK, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const joined = new Uint8Array(pending.byteLength + bytesRead);
    joined.set(pending);
    joined.set(buffer.subarray(0, bytesRead), pending.byteLength);
    let start = 0;
    for (let end = joined.indexOf(NEWLINE); end !== -1; end = joined.indexOf(NEWLINE, start)) {
      const at = { offset: pendingOffset + start, length: end + 1 - start };
      try {
        onRecord(JSON.parse(decoder.decode(joined.subarray(start, end))) as JournalRecord, at);
      } catch {
        onCorrupt(at.offset);
      }
      start = end + 1;
    }
    pending = joined.slice(start);
    pendingOffset += start;
  }
  return { end: pendingOffset, size };
}

/**
 * An append-only NDJSON file. Appends waiting together share one write and one fsync (group
 * commit), and an append resolves only after its fsync. A line torn by a crash was never
 * acknowledged: replay drops it and truncates the file back to the last whole line.
 */
export class Journal {
  #tail: Promise<unknown> = Promise.resolve();
  #waiting: Waiting[] = [];
  #flushing = false;
  #size = 0;

  private constructor(
    private file: FileHandle,
    private readonly path: string,
    private readonly dir: string,
  ) {}

  /** Opens (creating) `dir/name`, replaying every whole record to `onRecord` in order. */
  static async open(
    dir: string,
    name: string,
    onRecord: (record: JournalRecord, at: Located) => void,
    onCorrupt: (offset: number) => void,
  ): Promise<Journal> {
    const path = join(dir, name);
    // A compaction that crashed before its rename left only a temporary file: the journal is intact.
    await rm(`${path}.tmp`, { force: true });
    const file = await open(path, 'a+');
    await file.close();
    const journal = new Journal(await open(path, 'r+'), path, dir);
    await syncDirectory(dir);
    const { end, size } = await replay(journal.file, onRecord, onCorrupt);
    // A torn last line was never acknowledged: cut it, so the next append starts on a line of its own.
    if (end < size) await journal.file.truncate(end);
    journal.#size = end;
    return journal;
  }

  /**
   * Replays `dir/name` without opening it for writing, taking no lock and changing nothing: for a
   * look at a queue another process runs (its torn last line, if any, is skipped, not cut).
   */
  static async read(
    dir: string,
    name: string,
    onRecord: (record: JournalRecord, at: Located) => void,
    onCorrupt: (offset: number) => void,
  ): Promise<void> {
    let file: FileHandle;
    try {
      file = await open(join(dir, name), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      await replay(file, onRecord, onCorrupt);
    } finally {
      await file.close();
    }
  }

  get size(): number {
    return this.#size;
  }

  /** Runs `fn` when no write, read or compaction is running. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(fn, fn);
    this.#tail = run.catch(() => {});
    return run;
  }

  /**
   * Resolves once `record` is on disk. `onDurable` runs synchronously right after the fsync, before
   * any compaction can start, so state built from it is never missing from a compacted journal.
   */
  append(record: JournalRecord, onDurable: (at: Located) => void = () => {}): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ bytes: encoder.encode(`${JSON.stringify(record)}\n`), onDurable, resolve, reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  async #flush() {
    this.#flushing = true;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0);
      await this.#exclusive(async () => {
        const offset = this.#size;
        const bytes = new Uint8Array(batch.reduce((sum, item) => sum + item.bytes.byteLength, 0));
        let at = 0;
        for (const item of batch) {
          bytes.set(item.bytes, at);
          at += item.bytes.byteLength;
        }
        try {
          await writeAll(this.file, bytes, offset);
          await this.file.datasync();
        } catch (error) {
          await this.file.truncate(offset).catch(() => {});
          for (const item of batch) item.reject(error);
          return;
        }
        this.#size += bytes.byteLength;
        at = offset;
        for (const item of batch) {
          item.onDurable({ offset: at, length: item.bytes.byteLength });
          at += item.bytes.byteLength;
          item.resolve();
        }
      });
    }
    this.#flushing = false;
  }

  /** The record at `where()`, asked once no compaction can move it. */
  read(where: () => Located): Promise<JournalRecord> {
    return this.#exclusive(async () => JSON.parse(decoder.decode(await this.#bytesAt(where()))) as JournalRecord);
  }

  async #bytesAt(at: Located): Promise<Uint8Array> {
    const bytes = new Uint8Array(at.length);
    await this.file.read(bytes, 0, at.length, at.offset);
    return bytes;
  }

  /**
   * Replaces the journal with the items `snapshot` returns, taken when no write is running: a new
   * record, or the bytes of a record already in the journal (a payload is copied, never parsed).
   * Written to a temporary file, fsynced, renamed over the journal, directory fsynced: a crash at
   * any point leaves either the old journal or the new one. `onWritten` gets each item's new place.
   */
  compact(snapshot: () => CompactionItem[]): Promise<void> {
    return this.#exclusive(async () => {
      const items = snapshot();
      const temporary = await open(`${this.path}.tmp`, 'w');
      const places: Located[] = [];
      let size = 0;
      try {
        for (const item of items) {
          const bytes =
            'copy' in item ? await this.#bytesAt(item.copy) : encoder.encode(`${JSON.stringify(item.record)}\n`);
          await writeAll(temporary, bytes, size);
          places.push({ offset: size, length: bytes.byteLength });
          size += bytes.byteLength;
        }
        await temporary.sync();
      } finally {
        await temporary.close();
      }
      await rename(`${this.path}.tmp`, this.path);
      await syncDirectory(this.dir);
      await this.file.close();
      this.file = await open(this.path, 'r+');
      this.#size = size;
      for (const [i, item] of items.entries()) item.onWritten?.(places[i] as Located);
    });
  }

  /** Waits for every append already made, then closes the file. */
  async close(): Promise<void> {
    while (this.#flushing || this.#waiting.length > 0) await this.#exclusive(async () => {});
    await this.#exclusive(() => this.file.close());
  }
}
