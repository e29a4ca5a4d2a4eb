import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Regenerates openapi.json from openapi.yaml so loadSpec() reads the current spec.
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
  },
});
