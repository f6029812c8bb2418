import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Tests spawn bin/videogen.mjs, which runs dist/; the browser tests drive the built studio. Each is rebuilt
    // when its sources changed.
    globalSetup: ['test/build-lib.ts', 'test/web/build-studio.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Rendering tests are CPU-bound; two cores means two forks at most.
    pool: 'forks',
    maxWorkers: 2,
  },
});
