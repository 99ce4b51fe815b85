/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/** Test folders whose tests run in jsdom; every other test folder runs in Node. */
const JSDOM_FOLDERS = ['test/ui', 'test/panel', 'test/lib', 'test/jsdom']

// `base: './'` makes every asset URL relative, so the same `dist/` works from the
// site root and from any sub-path of any static host without a rebuild.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    // Every browser of the es2022 target but Safari before 17 has <link rel="modulepreload">;
    // there the lazy chunks simply start loading when imported. The polyfill would be on the
    // first render's critical path.
    modulePreload: { polyfill: false },
  },
  test: {
    setupFiles: ['test/setup/fail-on-console-error.ts'],
    restoreMocks: true,
    testTimeout: 15_000,
    // The environment follows the folder, as the tsconfig follows the runtime: a test that needs
    // a document (components, the panel, React hooks) or a page's globals (the emulator inside
    // a user's jsdom test, the chat client's online/offline handling) lives in a jsdom folder;
    // everything else runs in Node. End-to-end tests have their own config (vitest.e2e.config.ts).
    projects: [
      {
        extends: true,
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: JSDOM_FOLDERS.map((folder) => `${folder}/**/*.test.{ts,tsx}`),
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**', ...JSDOM_FOLDERS.map((folder) => `${folder}/**`)],
        },
      },
    ],
  },
})
