import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Another live process (or another queue in this one) has the directory. */
export class FileQueueLockedError extends Error {
  override readonly name = 'FileQueueLockedError';
}

const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per queue directory: two processes appending to one journal would interleave and
 * replay each other's work. The lock file holds the owner's pid; a pid that is gone (a process
 * killed with SIGKILL) leaves a stale lock, which the next start takes over.
 */
export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const path = join(resolve(dir), 'lock');
  if (heldHere.has(path)) throw new FileQueueLockedError(`${dir} is already open in this process`);
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isSafeInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
      throw new FileQueueLockedError(`${dir} is in use by process ${owner}; stop it first`);
    }
    await writeFile(path, String(process.pid));
  }
  heldHere.add(path);
  return async () => {
    heldHere.delete(path);
    await rm(path, { force: true });
  };
}
