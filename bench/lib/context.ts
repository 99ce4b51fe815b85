import type { Browser } from 'playwright-core'
import { loosen, type Figure, type Target } from './figures'
import type { Site } from './pages'

/** What every benchmark gets from the runner. */
export interface BenchContext {
  browser: Browser
  site: Site
  /** The CI smoke subset: fewer repetitions, targets loosened 2×. */
  smoke: boolean
  /** Progress lines (to stderr, so that stdout is the table). */
  log: (message: string) => void
}

export interface Bench {
  name: string
  /** What it measures, for `--list`. */
  description: string
  /** Needs Chromium (the others run in Node). */
  browser: boolean
  run: (context: BenchContext) => Promise<Figure[]>
}

/** Repetitions: `full` in the full run, `smoke` in the smoke subset. */
export function repetitions(context: BenchContext, full: number, smoke: number): number {
  return context.smoke ? smoke : full
}

/** The target, or in the smoke subset the same target 2× looser (VM noise is ±40%). */
export function targetFor(context: BenchContext, target: Target): Target {
  return context.smoke ? loosen(target, 2) : target
}
