import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { type BenchResult, kb } from './report';

/**
 * What an app pays to ship the client: a small app bundled by esbuild (bundle, minify, ESM,
 * tree-shaking), minified and gzipped (level 9) bytes, and which inputs take the space.
 */

const benchDir = dirname(fileURLToPath(import.meta.url));
const syncSource = join(benchDir, '../../sync/src/index.ts');

const APPS = {
  sync: `import { createMauticClient } from '@mautic-woo/sync';
const m = createMauticClient({ baseUrl: 'https://mautic.example.com', auth: { type: 'oauth2', clientId: 'id', clientSecret: 'secret' } });
const order = await (await fetch('https://shop.example.com/order.json')).json();
console.log(await m.syncOrder(order, { note: true, emailOnStatus: { completed: 12 } }));`,
  // The same app compiled from the TypeScript sources: one input per source file, for attribution.
  syncFromSource: `import { createMauticClient } from ${JSON.stringify(syncSource)};
const m = createMauticClient({ baseUrl: 'https://mautic.example.com', auth: { type: 'oauth2', clientId: 'id', clientSecret: 'secret' } });
const order = await (await fetch('https://shop.example.com/order.json')).json();
console.log(await m.syncOrder(order, { note: true, emailOnStatus: { completed: 12 } }));`,
  geoOnly: `import { mauticCountryName, mauticRegionName } from '@mautic-woo/sync';
console.log(mauticCountryName('US'), mauticRegionName('US', 'CA'));`,
  nodeMautic: `import MauticConnector from 'node-mautic';
const m = new MauticConnector({ apiUrl: 'https://mautic.example.com', username: 'u', password: 'p' });
console.log(await m.contacts.getContact(1));`,
};

interface Bundle {
  bytes: number;
  gzip: number;
  metafile: Metafile;
}

/** Replaces the geo table with an empty one: what the bundle would weigh without it. */
const withoutGeoTable: Plugin = {
  name: 'without-geo-table',
  setup(build) {
    build.onLoad({ filter: /woo[\\/]geo-data\.ts$/ }, () => ({
      contents: "export const COUNTRY_NAMES = ''; export const REGION_NAMES = {};",
      loader: 'ts',
    }));
  },
};

async function bundle(
  dir: string,
  name: string,
  source: string,
  platform: 'browser' | 'node',
  plugins: Plugin[] = [],
): Promise<Bundle> {
  const entry = join(dir, `${name}.mjs`);
  await writeFile(entry, source);
  const result = await build({
    stdin: { contents: source, resolveDir: benchDir, sourcefile: `${name}.mjs`, loader: 'js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform,
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'error',
    plugins,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { bytes: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, metafile: result.metafile };
}

/** `node_modules/.pnpm/ofetch@1.5.1/node_modules/ofetch/dist/x.mjs` → `ofetch`; workspace paths stay short. */
function owner(path: string): string {
  if (path.endsWith('.mjs') && !path.includes('node_modules')) return '(the app itself)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(path);
  if (match?.[1]) return match[1];
  if (path.endsWith('woo/geo-data.ts')) return '@mautic-woo/sync: geo table (woo/geo-data.ts)';
  const workspace = /(?:^|\/|\.\.\/)(sdk|sync|spec|testkit)\/(?:src|dist)\//.exec(path);
  return workspace?.[1] ? `@mautic-woo/${workspace[1]}` : path;
}

function topInputs(metafile: Metafile, count: number, by: (path: string) => string): Array<[string, number]> {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const key = by(path);
      sizes.set(key, (sizes.get(key) ?? 0) + input.bytesInOutput);
    }
  }
  return [...sizes].sort((a, b) => b[1] - a[1]).slice(0, count);
}

const shortPath = (path: string) => path.replace(/^(\.\.\/)+/, 'packages/').replace(/^.*node_modules\//, '');

export async function benchBundleSize(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'mautic-woo-bundle-'));
  try {
    const syncBrowser = await bundle(dir, 'sync', APPS.sync, 'browser');
    const syncNode = await bundle(dir, 'sync-node', APPS.sync, 'node');
    const fromSource = await bundle(dir, 'sync-source', APPS.syncFromSource, 'browser');
    const geo = await bundle(dir, 'geo', APPS.geoOnly, 'browser');
    const noGeo = await bundle(dir, 'sync-no-geo', APPS.syncFromSource, 'browser', [withoutGeoTable]);
    const nodeMautic = await bundle(dir, 'node-mautic', APPS.nodeMautic, 'node');
    const total = fromSource.bytes;
    const share = (bytes: number) => `${((bytes / total) * 100).toFixed(1)}%`;
    return {
      title: '5. Bundle size (esbuild: bundle, minify, ESM, tree-shaking; gzip level 9)',
      tables: [
        {
          head: ['app', 'platform', 'minified', 'gzipped'],
          rows: [
            [
              '@mautic-woo/sync: createMauticClient + syncOrder',
              'browser',
              kb(syncBrowser.bytes),
              kb(syncBrowser.gzip),
            ],
            ['@mautic-woo/sync: createMauticClient + syncOrder', 'node', kb(syncNode.bytes), kb(syncNode.gzip)],
            ['@mautic-woo/sync: the same app built from source', 'browser', kb(fromSource.bytes), kb(fromSource.gzip)],
            ['  … from source with the geo table emptied (what-if)', 'browser', kb(noGeo.bytes), kb(noGeo.gzip)],
            [
              '@mautic-woo/sync: the geo table alone (mauticCountryName/RegionName)',
              'browser',
              kb(geo.bytes),
              kb(geo.gzip),
            ],
            [
              'node-mautic: new MauticConnector + getContact (Node built-ins external)',
              'node',
              kb(nodeMautic.bytes),
              kb(nodeMautic.gzip),
            ],
          ],
        },
        {
          caption: 'Where the space goes (the same app built from the TypeScript sources; minified bytes by package):',
          head: ['package', 'minified bytes', 'share'],
          rows: topInputs(fromSource.metafile, 8, owner).map(([name, bytes]) => [name, bytes, share(bytes)]),
        },
        {
          caption: 'Largest inputs (files):',
          head: ['input', 'minified bytes', 'share'],
          rows: topInputs(fromSource.metafile, 10, shortPath).map(([name, bytes]) => [name, bytes, share(bytes)]),
        },
        {
          caption: 'node-mautic by package:',
          head: ['package', 'minified bytes'],
          rows: topInputs(nodeMautic.metafile, 5, owner).map(([name, bytes]) => [name, bytes]),
        },
      ],
      notes: [
        'The browser build of @mautic-woo/sync includes the SDK, the sync package and ofetch; the node build swaps in ofetch’s Node entry.',
        'node-mautic cannot be bundled for the browser or the edge: node-fetch@2 needs http, https, stream, zlib and url, which stay external here (not counted).',
      ],
      targets: [
        {
          benchmark: '5. bundle size',
          target: '≤ 25 KB gzipped (browser)',
          measured: `${kb(syncBrowser.gzip)} (geo table alone ${kb(geo.gzip)}; node-mautic ${kb(nodeMautic.gzip)} + Node built-ins)`,
          met: syncBrowser.gzip <= 25 * 1024,
          note: `${kb(syncBrowser.gzip - 25 * 1024)} over; ${kb(noGeo.gzip)} without the geo table`,
        },
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
