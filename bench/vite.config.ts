import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * The benchmarks' own pages, built next to the app and never shipped with it:
 * - naive.html: the app's store, chat client, emulator and message rows, but every line in the
 *   DOM (no virtualization): the control of the load and burst figures;
 * - harness.html: the emulator's MSW handlers plus a no-op HTTP handler and a bare `ws` echo in
 *   one worker: the baselines of the token and latency figures;
 * - cold-baseline.html: a bare MSW worker with one no-op handler and one request: the baseline
 *   of the cold-start figure;
 * - cold-start-init.ts: the app page's init script in the cold-start figure (times the first
 *   token, clicks Join once it is enabled);
 * - probe.ts: the in-page instruments (paint watcher, frame and long-task recorders, message
 *   injection), added to the app's page by the runner.
 */
export default defineConfig({
  root: here('./pages'),
  base: './',
  publicDir: here('../public'),
  envDir: here('..'),
  plugins: [react()],
  build: {
    target: 'es2022',
    outDir: here('../bench-results/.build/pages'),
    emptyOutDir: true,
    manifest: true,
    // The pages bundle MSW and the emulator in one chunk on purpose: no size is measured here.
    chunkSizeWarningLimit: 2_000,
    rollupOptions: {
      input: {
        naive: here('./pages/naive.html'),
        harness: here('./pages/harness.html'),
        'cold-baseline': here('./pages/cold-baseline.html'),
        probe: here('./pages/probe.ts'),
        'cold-start-init': here('./pages/cold-start-init.ts'),
      },
    },
  },
})
