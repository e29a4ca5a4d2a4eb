import { copyFile } from 'node:fs/promises';
import { defineConfig, type UserConfig } from 'tsdown';
import base from '../../tsdown.config.base.ts';

const OFETCH_TYPES = new URL('./src/ofetch-types.ts', import.meta.url).pathname;

/**
 * The published .d.ts name ofetch's types through src/ofetch-types.ts, bundled in, instead of
 * importing ofetch's own declarations, which need undici and the DOM lib (see that file). Only
 * imports from declaration files are redirected (tsconfig.build.json maps `ofetch` there for the
 * declaration resolver); the JavaScript keeps importing the real ofetch, as an external.
 */
function resolveOfetch(id: string, importer: string | undefined) {
  if (id !== 'ofetch' || !importer) return null;
  return /\.d\.[cm]?ts$/.test(importer) ? { id: OFETCH_TYPES } : { id, external: true };
}

export default defineConfig({
  ...(base as UserConfig),
  tsconfig: 'tsconfig.build.json',
  plugins: [{ name: 'ofetch-types-for-dts', resolveId: { order: 'pre', handler: resolveOfetch } }],
  hooks: {
    // tsdown runs user plugins in the ESM build only, not in the one that writes index.d.cts; the
    // two declaration files are the same text (as sync's are), so the CommonJS one is a copy.
    'build:done': () =>
      copyFile(new URL('./dist/index.d.ts', import.meta.url), new URL('./dist/index.d.cts', import.meta.url)),
  },
});
