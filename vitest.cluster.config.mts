import { defineConfig } from 'vitest/config';

// The `cluster` project: three real Cassandra nodes on 127.0.0.31-.33 (test/cluster). Kept out of
// `npm test` (vitest.config.mts does not list it); run it with `npm run test:cluster`.
export default defineConfig({
  test: {
    name: 'cluster',
    include: ['test/cluster/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'build/vitest-cluster-results.json' },
  },
});
