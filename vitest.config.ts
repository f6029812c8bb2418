import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // The browser tests drive the built studio; rebuild it when its sources changed.
    globalSetup: ['test/web/build-studio.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Rendering tests are CPU-bound; two cores means two forks at most.
    pool: 'forks',
    maxWorkers: 2,
  },
});
