import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/secret-scan.setup.ts'],
    testTimeout: 20_000,
    reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
  },
});
