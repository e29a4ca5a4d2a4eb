import { defineConfig } from 'tsdown';

// The build of the two runtime packages (sdk, sync): ESM + CJS + .d.ts, no Node-only target, so
// the output also runs on edge runtimes, Bun and Deno.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  platform: 'neutral',
  target: 'es2022',
  clean: true,
  inputOptions: { checks: { pluginTimings: false } },
});
