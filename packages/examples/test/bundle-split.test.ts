import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { loadedUpFront } from '../bench/bundle-size';

// What an app that only reads contacts loads before its first call, built from the sync sources with
// code splitting: its entry chunk and every chunk that one imports statically. The sizes are the
// bundle benchmark's (bench/bundle-size.ts); this holds the line that keeps them: what on-demand.ts
// gathers stays out of the first load, whichever module someday imports what.
const syncSource = fileURLToPath(new URL('../../sync/src/index.ts', import.meta.url));
const READ_APP = `import { createMauticClient } from ${JSON.stringify(syncSource)};
const m = createMauticClient({ baseUrl: 'https://mautic.example.com', auth: { type: 'basic', username: 'u', password: 'p' } });
console.log(await m.contacts.get(1));`;

async function modulesLoadedUpFront(app: string): Promise<{ upFront: string[]; later: string[] }> {
  const result = await build({
    stdin: { contents: app, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir: '/virtual',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs: Metafile['outputs'] = result.metafile.outputs;
  const initial = loadedUpFront(outputs);
  const inputsOf = (paths: string[]) =>
    paths
      .flatMap((path) => Object.keys(outputs[path]?.inputs ?? {}))
      .map((input) => input.replace(/^.*sync\/src\//, ''));
  return {
    upFront: inputsOf([...initial]),
    later: inputsOf(Object.keys(outputs).filter((path) => !initial.has(path))),
  };
}

describe('code splitting of @mautic-woo/sync', () => {
  it('an app that only reads contacts loads the workflows, the region table and the composite writes later', async () => {
    const { upFront, later } = await modulesLoadedUpFront(READ_APP);
    expect(upFront).toContain('contacts/contacts.ts');
    expect(upFront).toContain('transport/request.ts');
    for (const lazy of [
      'on-demand.ts',
      'workflows/sync-order.ts',
      'workflows/sync-orders-batch.ts',
      'woo/geo-data.ts',
      'contacts/upsert.ts',
      'contacts/upsert-batch.ts',
      'fields/ensure-fields.ts',
      'tags/ensure-tags.ts',
      'notes/notes.ts',
      'emails/emails.ts',
      'connection.ts',
      'transport/redirect.ts',
    ]) {
      expect(upFront, lazy).not.toContain(lazy);
      expect(later, lazy).toContain(lazy);
    }
  });
});
