import { defineConfig } from 'vitest/config'

/**
 * Real-browser end-to-end tests (`npm run test:e2e`): Debian's Chromium driven by
 * playwright-core against the built `dist/`, served by a plain static server from a
 * sub-path. One file at a time (one browser each), with timeouts for a real browser on a
 * 2-core machine. Kept out of `npm test`, whose config excludes test/e2e/.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup/fail-on-console-error.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
