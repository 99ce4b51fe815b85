import type { BrowserContext, Page } from 'playwright-core'
import { newContext } from '../lib/browser'
import { repetitions, targetFor, type Bench, type BenchContext } from '../lib/context'
import { figure } from '../lib/figures'
import { fillHistory, openApp, openNaive, settle, type BenchWindow } from '../lib/pages'
import { percentile } from '../lib/stats'

const HISTORY = 10_000
const RATE = 200
const SECONDS = 10
const MESSAGES = RATE * SECONDS

interface LoadRun {
  longTasks: number
  frameP95: number
  /** Messages of the load in the store when the last was painted. */
  stored: number
  lastPainted: boolean
  /** Messages of the load seen painted in the list at least once. */
  painted: number
}

/**
 * 200 messages a second for 10 s into a room whose list already holds 10,000 messages, pushed
 * by the emulator from simulated senders (`chat.injectMessage`, past the room's rate limit).
 * Counted while it runs and until the last message is painted: long tasks (Long Tasks API),
 * rAF-to-rAF frame times, and whether the store has all 2,000 messages and the last is painted.
 * The control is the same load on the naive list (bench/pages/naive-list.tsx).
 */
export const loadBench: Bench = {
  name: 'load',
  description: '200 messages/s for 10 s over 10,000 of history: long tasks, frame time, messages rendered; naive list as control (Chromium)',
  browser: true,
  async run(context) {
    const reps = repetitions(context, 3, 1)
    const app: LoadRun[] = []
    const naive: LoadRun[] = []
    for (let rep = 0; rep < reps; rep++) {
      app.push(await measure(context, 'app', rep))
      naive.push(await measure(context, 'naive', rep))
    }
    const runs = (list: LoadRun[], pick: (run: LoadRun) => number) => list.map(pick)
    const naiveBaseline = (pick: (run: LoadRun) => number) => ({ name: 'naive list', runs: runs(naive, pick) })
    const allRendered = app.every((run) => run.lastPainted && run.stored === MESSAGES)
    const seenPainted = app.map((run) => run.painted).join(', ')
    return [
      figure({
        name: 'load: long tasks > 50 ms',
        unit: 'tasks',
        runs: runs(app, (r) => r.longTasks),
        baseline: naiveBaseline((r) => r.longTasks),
        target: targetFor(context, { of: 'value', op: '=', limit: 0 }),
        note: `${RATE} messages/s for ${SECONDS} s over ${HISTORY.toLocaleString('en-US')} messages of history, counted until the last is painted`,
      }),
      figure({
        name: 'load: frame time p95',
        unit: 'ms',
        runs: runs(app, (r) => r.frameP95),
        baseline: naiveBaseline((r) => r.frameP95),
        target: targetFor(context, { of: 'value', op: '<=', limit: 20 }),
      }),
      figure({
        name: 'load: messages rendered',
        unit: 'messages',
        runs: runs(app, (r) => r.stored),
        baseline: naiveBaseline((r) => r.stored),
        target: { of: 'value', op: '=', limit: MESSAGES },
        also: { ok: allRendered, failure: 'in a run, the store missed messages or the last one was never painted' },
        note: `of ${MESSAGES.toLocaleString('en-US')}: held by the store once the last one was painted; seen painted in the list at least once: ${seenPainted}`,
      }),
    ]
  },
}

async function measure(context: BenchContext, list: 'app' | 'naive', rep: number): Promise<LoadRun> {
  const browserContext: BrowserContext = await newContext(context.browser)
  try {
    const page: Page = list === 'app' ? await openApp(browserContext, context.site, 'bench-reader') : await openNaive(browserContext, context.site, 'bench-reader')
    await fillHistory(page, 0, HISTORY)
    await settle(page, 500)
    const first = 100_000 * (rep + 1)
    const result = await page.evaluate(
      async (args) => {
        const probe = (window as unknown as BenchWindow).benchProbe
        probe.startRecording()
        await probe.injectAtRate(args.first, args.count, args.rate)
        const last = await probe.whenPainted(args.first + args.count - 1, 30_000)
        const { frames, longTasks } = probe.stopRecording()
        return {
          frames,
          longTasks,
          lastPainted: last !== undefined,
          stored: probe.storedCount(args.first, args.count),
          painted: probe.paintedCount(args.first, args.count),
        }
      },
      { first, count: MESSAGES, rate: RATE },
    )
    const run: LoadRun = {
      longTasks: result.longTasks.length,
      frameP95: percentile(result.frames, 95),
      stored: result.stored,
      lastPainted: result.lastPainted,
      painted: result.painted,
    }
    context.log(`load ${list} ${rep + 1}: ${run.longTasks} long tasks, frame p95 ${run.frameP95.toFixed(1)} ms, ${run.stored} stored, last ${run.lastPainted ? '' : 'NOT '}painted`)
    return run
  } finally {
    await browserContext.close()
  }
}
