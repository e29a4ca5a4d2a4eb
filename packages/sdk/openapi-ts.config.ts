import { defineConfig } from '@hey-api/openapi-ts';

// The SDK is generated from the spec and committed; `pnpm generate` rewrites src/generated and the
// test command fails when the committed files differ from a fresh generation.
export default defineConfig({
  input: '../spec/openapi.yaml',
  output: { path: 'src/generated', clean: true },
  plugins: ['@hey-api/typescript', '@hey-api/sdk', '@hey-api/client-ofetch'],
});
