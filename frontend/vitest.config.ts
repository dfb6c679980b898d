import { defineConfig } from 'vitest/config';

/**
 * The panel's unit tests: pure functions run in Node, no browser (the panel in Chromium is tested in ops/test).
 * Vitest reads the TypeScript sources directly, so nothing is compiled for them.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The tests share no state (pure functions, no mocks), so one worker's modules serve every file: half the time.
    isolate: false,
  },
});
