/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// `base: './'` makes every asset URL relative, so the same `dist/` works from the
// site root and from any sub-path of any static host without a rebuild.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
  },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['test/setup/fail-on-console-error.ts'],
    restoreMocks: true,
    testTimeout: 15_000,
  },
})
