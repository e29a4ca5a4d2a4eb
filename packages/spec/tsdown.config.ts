import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/fields.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  // import.meta.url is used to locate openapi.yaml/openapi.json; shims make it work in the CJS build.
  shims: true,
  platform: 'node',
  target: 'node20',
  clean: true,
});
