import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/secret-scan.setup.ts'],
    testTimeout: 20_000,
    // VITEST_JSON_REPORT: scripts/test-node-versions.mjs keeps each Node version's results apart.
    reporters: ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT ?? '.test-results/vitest.json' }]],
  },
});
