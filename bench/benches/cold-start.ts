import type { Page } from 'playwright-core'
import { newContext } from '../lib/browser'
import { repetitions, targetFor, type Bench, type BenchContext } from '../lib/context'
import { figure } from '../lib/figures'
import { median } from '../lib/stats'
import type { ColdStartMarks } from '../pages/cold-start-init'

/** The page's marks, and every script it loaded: file name and when its last byte arrived. */
type ColdStart = ColdStartMarks & { scripts: { file: string; responseEnd: number }[] }

type ColdWindow = Window & { benchColdStart: ColdStartMarks; benchColdBaseline?: { answeredAt: number } }

async function scriptsOf(page: Page): Promise<ColdStart['scripts']> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => entry.name.endsWith('.js'))
      .map((entry) => ({ file: entry.name.split('/').pop()!, responseEnd: entry.responseEnd })),
  )
}

/** One cold load of the app, joined at once: ms from navigation to the first token answered. */
async function coldApp(context: BenchContext): Promise<ColdStart> {
  const browserContext = await newContext(context.browser)
  try {
    const page = await browserContext.newPage()
    // As a classic script, its module scope wrapped so that nothing leaks into the page's globals.
    await page.addInitScript({ content: `(() => {${context.site.coldStartInitSource}})()` })
    await page.goto(context.site.appUrl)
    await page.waitForFunction(() => (window as unknown as ColdWindow).benchColdStart.tokenAnswered !== undefined, undefined, { timeout: 60_000 })
    const marks = await page.evaluate(() => (window as unknown as ColdWindow).benchColdStart)
    return { ...marks, scripts: await scriptsOf(page) }
  } finally {
    await browserContext.close()
  }
}

/** One cold load of the baseline page: ms from navigation to its no-op handler's answer. */
async function coldBaseline(context: BenchContext): Promise<number> {
  const browserContext = await newContext(context.browser)
  try {
    const page = await browserContext.newPage()
    await page.goto(context.site.coldBaselineUrl)
    await page.waitForFunction(() => (window as unknown as ColdWindow).benchColdBaseline !== undefined, undefined, { timeout: 60_000 })
    return await page.evaluate(() => (window as unknown as ColdWindow).benchColdBaseline!.answeredAt)
  } finally {
    await browserContext.close()
  }
}

/** A script's name without Vite's content hash: `browser-Dd7ZxhDf.js` → `browser`. */
function chunkName(file: string): string {
  return file.replace(/-[\w-]{8}\.js$/, '').replace(/\.js$/, '')
}

/** Median milestones of the app's cold starts, for the note and the log: where the time goes. */
function milestones(runs: ColdStart[]): string {
  const at = (pick: (marks: ColdStart) => number | undefined) => {
    const values = runs.map(pick).filter((value): value is number => value !== undefined)
    return values.length > 0 ? `${Math.round(median(values))} ms` : '—'
  }
  const chunks = [...new Set(runs.flatMap((r) => r.scripts.map((s) => chunkName(s.file))))]
  const chunkTimes = chunks.map((name) => `${name} ${at((r) => r.scripts.find((s) => chunkName(s.file) === name)?.responseEnd)}`)
  return [
    `scripts loaded: ${chunkTimes.join(', ')}`,
    `worker registered ${at((r) => r.workerRegistered)}`,
    `activated ${at((r) => r.workerActivated)}`,
    `controls the page ${at((r) => r.workerControlling)}`,
    `Join enabled ${at((r) => r.joinEnabled)}`,
    `token answered ${at((r) => r.tokenAnswered)}`,
  ].join('; ')
}

/**
 * Navigation to the first CreateChatToken answered, on a cold load (a fresh browser context:
 * no cache, no service worker installed), joining the moment the app lets one; against a page
 * that starts a bare MSW worker with one no-op handler and makes one request. The two
 * alternate run by run, so that a noisy moment hits both.
 */
export const coldStartBench: Bench = {
  name: 'cold-start',
  description: 'navigation to the first CreateChatToken answered, cold, vs a bare MSW worker\'s first answer (Chromium)',
  browser: true,
  async run(context) {
    const reps = repetitions(context, 7, 3)
    // A first pair warms what is not the page's (the browser's own code, the servers' files).
    await coldApp(context)
    await coldBaseline(context)
    const app: ColdStart[] = []
    const baseline: number[] = []
    for (let rep = 0; rep < reps; rep++) {
      app.push(await coldApp(context))
      baseline.push(await coldBaseline(context))
      context.log(`cold-start ${rep + 1}/${reps}: token at ${app.at(-1)!.tokenAnswered!.toFixed(0)} ms vs bare MSW ${baseline.at(-1)!.toFixed(0)} ms`)
    }
    const breakdown = milestones(app)
    context.log(`cold-start: ${breakdown}`)
    return [
      figure({
        name: 'cold start: navigation to first token, cold',
        unit: 'ms',
        runs: app.map((marks) => marks.tokenAnswered!),
        baseline: { name: 'bare MSW worker, first answer', runs: baseline },
        target: targetFor(context, { of: 'ratio', op: '<=', limit: 1.5 }),
        note: `fresh context per load (no cache, no service worker), Join clicked in the page once enabled; medians: ${breakdown}`,
      }),
    ]
  },
}
