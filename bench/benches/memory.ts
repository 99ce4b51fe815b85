import { heapAfterGc, newContext } from '../lib/browser'
import { repetitions, targetFor, type Bench } from '../lib/context'
import { figure } from '../lib/figures'
import { fillHistory, leaveApp, openApp, settle, type BenchWindow } from '../lib/pages'

const HISTORY = 10_000
const SOAK_MESSAGES = 100_000
const RECONNECTS = 1_000
const USER = 'bench-soak'

/**
 * The app's page after 10,000 messages of history (and a warm-up of 10,000 more with 20
 * reconnects, so that the history is at its cap and every code path has run): the heap after
 * garbage collection is the plateau. Then 100,000 more messages and 1,000 reconnects (the
 * emulator breaks the connection as a network failure would, `chat.dropConnection`, and the
 * SDK comes back with a new token): the heap after GC again, and the emulator's membership.
 */
function mib(bytes: number[]): number[] {
  return bytes.map((b) => b / 2 ** 20)
}

export const memoryBench: Bench = {
  name: 'memory',
  description: '100,000 messages and 1,000 reconnects over 10,000 of history: heap after GC vs plateau, membership (Chromium)',
  browser: true,
  async run(context) {
    const reads = repetitions(context, 3, 2)
    const browserContext = await newContext(context.browser)
    try {
      const page = await openApp(browserContext, context.site, USER)
      const soak = (from: number, rounds: number, perRound: number) =>
        page.evaluate((args) => (window as unknown as BenchWindow).benchProbe.soak(args.user, args.from, args.rounds, args.perRound), {
          user: USER,
          from,
          rounds,
          perRound,
        })
      await fillHistory(page, 0, HISTORY)
      let lost = await soak(HISTORY, 20, 500)
      await settle(page, 1_000)
      const plateau: number[] = []
      for (let i = 0; i < reads; i++) plateau.push(await heapAfterGc(page))
      context.log(`memory: plateau ${(plateau[0]! / 2 ** 20).toFixed(1)} MiB; soaking (${SOAK_MESSAGES.toLocaleString('en-US')} messages, ${RECONNECTS} reconnects)…`)

      const started = Date.now()
      lost += await soak(2 * HISTORY, RECONNECTS, SOAK_MESSAGES / RECONNECTS)
      // Timers the last reconnects left (the SDK clears its id cache 500 ms after a switch).
      await settle(page, 1_500)
      const after: number[] = []
      for (let i = 0; i < reads; i++) after.push(await heapAfterGc(page))
      const sessions = await page.evaluate(() => (window as unknown as BenchWindow).benchProbe.sessions())
      await leaveApp(page)
      await page.waitForFunction(() => (window as unknown as BenchWindow).benchProbe.sessions() === 0, undefined, { timeout: 5_000 }).catch(() => undefined)
      const sessionsAfterLeave = await page.evaluate(() => (window as unknown as BenchWindow).benchProbe.sessions())
      context.log(`memory: soak took ${((Date.now() - started) / 1_000).toFixed(0)} s; heap ${(after[0]! / 2 ** 20).toFixed(1)} MiB; ${lost} reconnects lost`)

      return [
        figure({
          name: 'memory: heap after GC, after the soak',
          unit: 'MiB',
          runs: mib(after),
          baseline: { name: 'plateau (10k history)', runs: mib(plateau) },
          target: targetFor(context, { of: 'ratio', op: '<=', limit: 1.1 }),
          also: { ok: lost === 0, failure: `${lost} reconnects did not come back within 5 s` },
          note: `one soak of ${SOAK_MESSAGES.toLocaleString('en-US')} messages and ${RECONNECTS} reconnects; the heap read ${reads}× (each after a full GC, CDP HeapProfiler.collectGarbage)`,
        }),
        figure({
          name: 'memory: emulator sessions after 1,000 reconnects',
          unit: 'sessions',
          runs: [sessions],
          target: { of: 'value', op: '=', limit: 1 },
          note: "the page's own connection is the only one expected",
        }),
        figure({
          name: 'memory: emulator sessions after leaving',
          unit: 'sessions',
          runs: [sessionsAfterLeave],
          target: { of: 'value', op: '=', limit: 0 },
        }),
      ]
    } finally {
      await browserContext.close()
    }
  },
}
