import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The web app lives in src/web; the server (src/server) serves the built files from dist/web.
// Tests: `unit` runs the *.test.ts beside the code with no database; `integration` runs tests/integration and
// tests/e2e against the real Neo4j that tests/setup/neo4j.ts starts (or the one NEO4J_URI names).
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    root: '.',
    // The JSON report is what .ci/run counts; the default reporter is what people read.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // Removes the temporary folders each test file made (tests/setup/temp-dir.ts).
    setupFiles: ['tests/setup/remove-temp-dirs.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: '.',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          environment: 'node',
          // Some unit tests read the whole public SDN list (15,000 records); give them room on a busy machine.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          root: '.',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/neo4j.ts', 'tests/setup/web-build.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
