import { defineConfig } from 'tsdown';

// The CLI runs on Node only (files, signals, a terminal), so unlike sdk and sync it is built for
// Node: ESM, one executable entry (bin) and the small library entry the examples reuse.
export default defineConfig({
  entry: ['src/bin.ts', 'src/index.ts'],
  format: ['esm'],
  dts: true,
  platform: 'node',
  target: 'node20',
  clean: true,
  inputOptions: { checks: { pluginTimings: false } },
});
