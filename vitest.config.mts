import { defineConfig } from 'vitest/config';

// Three projects: `unit` (no Cassandra, small fixture files), `integration` (a real node; the global
// setup starts the local one when none answers) and `notebook` (Jupyter + tslab, and a real browser).
export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'build/vitest-results.json' },
    projects: [
      // The unit project starts no process and opens no socket: test/setup/no-io.ts makes either throw.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/setup/no-io.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/cassandra.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'notebook',
          include: ['test/notebook/**/*.test.ts'],
          globalSetup: ['test/setup/cassandra.ts'],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
