import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // VITEST_JSON_REPORT: scripts/test-node-versions.mjs keeps each Node version's results apart.
    reporters: ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT ?? '.test-results/vitest.json' }]],
  },
});
