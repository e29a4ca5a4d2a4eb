import { defineConfig } from 'tsdown';

export default defineConfig({
  // The spec helpers, the field definitions (`./fields`), and the live contract check (`./contract`).
  entry: { index: 'src/index.ts', fields: 'src/fields.ts', 'contract/index': 'src/contract/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  // import.meta.url is used to locate openapi.yaml/openapi.json; shims make it work in the CJS build.
  shims: true,
  platform: 'node',
  target: 'node20',
  clean: true,
  inputOptions: { checks: { pluginTimings: false } },
});
