import type { Page } from 'playwright-core'
import { longestTask, newContext } from '../lib/browser'
import { repetitions, targetFor, type Bench, type BenchContext } from '../lib/context'
import { figure } from '../lib/figures'
import { joinApp, joinNaive, leaveApp, openApp, openNaive, settle, type BenchWindow } from '../lib/pages'

const BURST = 1_000

/**
 * 1,000 messages arriving at once: the emulator delivers them in one task (one
 * `chat.injectMessage` loop), into a freshly joined room. Measured: from just before the
 * first until the last is painted, and the longest task of the page's main thread meanwhile
 * (Chromium's trace, which sees tasks under 50 ms too). Control: the naive list.
 */
export const burstBench: Bench = {
  name: 'burst',
  description: '1,000 messages at once: time to the last paint, longest task; naive list as control (Chromium)',
  browser: true,
  async run(context) {
    const reps = repetitions(context, 5, 3)
    const app = await measure(context, 'app', reps)
    const naive = await measure(context, 'naive', reps)
    return [
      figure({
        name: 'burst: 1,000 messages → last painted',
        unit: 'ms',
        runs: app.lastPaint,
        baseline: { name: 'naive list', runs: naive.lastPaint },
        target: targetFor(context, { of: 'value', op: '<=', limit: 100 }),
        note: 'delivered in one task into a freshly joined room; until the start of the first frame that renders the last one (its rAF callback)',
      }),
      figure({
        name: 'burst: longest task',
        unit: 'ms',
        runs: app.longest,
        baseline: { name: 'naive list', runs: naive.longest },
        target: targetFor(context, { of: 'value', op: '<=', limit: 50 }),
      }),
    ]
  },
}

async function measure(context: BenchContext, list: 'app' | 'naive', reps: number): Promise<{ lastPaint: number[]; longest: number[] }> {
  const browserContext = await newContext(context.browser)
  const lastPaint: number[] = []
  const longest: number[] = []
  try {
    const page = list === 'app' ? await openApp(browserContext, context.site, 'bench-reader') : await openNaive(browserContext, context.site, 'bench-reader')
    // A first burst, not counted: code and fonts warm up.
    await burst(page, 0)
    for (let rep = 0; rep < reps; rep++) {
      await rejoin(page, list)
      await settle(page)
      const first = (rep + 1) * 10_000
      let elapsed = Number.NaN
      longest.push(await longestTask(context.browser, page, async () => {
        elapsed = await burst(page, first)
      }))
      lastPaint.push(elapsed)
      context.log(`burst ${list} ${rep + 1}/${reps}: last painted after ${elapsed.toFixed(1)} ms, longest task ${longest.at(-1)!.toFixed(1)} ms`)
    }
    return { lastPaint, longest }
  } finally {
    await browserContext.close()
  }
}

/** Injects the burst and resolves with the time until its last message was painted (ms). */
async function burst(page: Page, first: number): Promise<number> {
  const elapsed = await page.evaluate(
    async (args) => {
      const probe = (window as unknown as BenchWindow).benchProbe
      const start = probe.injectBurst(args.first, args.count)
      const painted = await probe.whenPainted(args.first + args.count - 1, 10_000)
      // The frame that renders it must end (and its task be traced) before the trace stops.
      await probe.afterPaint()
      await probe.afterPaint()
      return painted === undefined ? undefined : painted - start
    },
    { first, count: BURST },
  )
  if (elapsed === undefined) throw new Error('The last message of the burst was not painted within 10 s')
  return elapsed
}

/** An empty room again: leave and join (the store starts from nothing). */
async function rejoin(page: Page, list: 'app' | 'naive'): Promise<void> {
  if (list === 'app') {
    await leaveApp(page)
    await joinApp(page, 'bench-reader')
  } else {
    await page.evaluate(() => (window as unknown as BenchWindow).benchNaive.leave())
    await joinNaive(page, 'bench-reader')
  }
}
