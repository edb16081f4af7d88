import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start real servers and real load: run files one at a time so they do
    // not compete for the two cores and skew each other's samples.
    fileParallelism: false,
  },
});
