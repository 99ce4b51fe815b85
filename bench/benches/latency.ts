import type { Page } from 'playwright-core'
import { newContext } from '../lib/browser'
import { repetitions, targetFor, type Bench } from '../lib/context'
import { figure } from '../lib/figures'
import { fillHistory, openApp, openAppInNewWindow, openHarness, settle, type BenchWindow } from '../lib/pages'
import { percentile } from '../lib/stats'

const HISTORY = 10_000
/** The room allows 10 messages a second and so does a connection: one send every 150 ms at most. */
const SEND_SPACING_MS = 150
/** Tags of the latency messages start here, above the history's. */
const FIRST_TAG = 1_000_000

/**
 * Send → painted: page A types a message and presses Enter in the composer; the time runs
 * from that key press until the message is on screen in A's list and in B's, a second page of
 * the same app as another user (the in-page emulators of the two pages are joined by the
 * cross-tab relay, mocks/cross-tab-relay.ts; B is a window of its own, so that both are
 * drawn at full rate). Both lists hold 10,000 messages of history. "On screen" is measured as
 * the project's reference measurements define it: the start of the first frame that renders
 * the message (its rAF callback), on one clock (`performance.timeOrigin`).
 * Baseline: a bare MSW `ws` echo whose answer is appended to a plain list, measured the same way.
 */
export const latencyBench: Bench = {
  name: 'latency',
  description: 'send → painted in the same page and in a second page, with 10,000 messages of history (Chromium)',
  browser: true,
  async run(context) {
    const reps = repetitions(context, 5, 3)
    const sends = 20
    const appContext = await newContext(context.browser)
    const harnessContext = await newContext(context.browser)
    try {
      const a = await openApp(appContext, context.site, 'bench-sender')
      const b = await openAppInNewWindow(a, context.site, 'bench-reader')
      await fillHistory(a, 0, HISTORY)
      const lastInB = await b.evaluate((n) => (window as unknown as BenchWindow).benchProbe.whenPainted(n, 60_000), HISTORY - 1)
      if (lastInB === undefined) throw new Error('The second page never painted the history: is the cross-tab relay running?')
      await a.evaluate(() => (window as unknown as BenchWindow).benchProbe.listenForEnter())
      await settle(a)
      const composer = a.getByRole('textbox', { name: 'Message' })

      const send = async (tag: number) => {
        await composer.fill(await a.evaluate((n) => (window as unknown as BenchWindow).benchProbe.contentOf(n), tag))
        const waitA = whenPainted(a, tag)
        const waitB = whenPainted(b, tag)
        await composer.press('Enter')
        const [paintedA, paintedB] = await Promise.all([waitA, waitB])
        const pressed = await a.evaluate(() => (window as unknown as BenchWindow).benchProbe.lastEnter())
        return { a: paintedA - pressed, b: paintedB - pressed }
      }
      // Warm-up: the first sends pay for code that is not hot yet.
      for (let i = 0; i < 5; i++) {
        await send(FIRST_TAG - 10 + i)
        await a.waitForTimeout(SEND_SPACING_MS)
      }

      const runs = { aP50: [] as number[], aP95: [] as number[], bP50: [] as number[], bP95: [] as number[] }
      let tag = FIRST_TAG
      for (let rep = 0; rep < reps; rep++) {
        const sameTab: number[] = []
        const otherTab: number[] = []
        for (let i = 0; i < sends; i++) {
          const started = Date.now()
          const { a: inA, b: inB } = await send(tag++)
          sameTab.push(inA)
          otherTab.push(inB)
          await a.waitForTimeout(Math.max(0, SEND_SPACING_MS - (Date.now() - started)))
        }
        runs.aP50.push(percentile(sameTab, 50))
        runs.aP95.push(percentile(sameTab, 95))
        runs.bP50.push(percentile(otherTab, 50))
        runs.bP95.push(percentile(otherTab, 95))
        context.log(`latency ${rep + 1}/${reps}: same page p50 ${runs.aP50.at(-1)!.toFixed(1)} ms, second page p50 ${runs.bP50.at(-1)!.toFixed(1)} ms`)
      }
      await appContext.close()

      const harness = await openHarness(harnessContext, context.site)
      await harness.evaluate(() => (window as unknown as BenchWindow).benchHarness.openEcho())
      const echo = { p50: [] as number[], p95: [] as number[] }
      for (let rep = 0; rep < reps; rep++) {
        const samples: number[] = []
        for (let i = 0; i < sends + (rep === 0 ? 5 : 0); i++) {
          const ms = await harness.evaluate((text) => (window as unknown as BenchWindow).benchHarness.echoToPaint(text), `echo ${i}`)
          if (rep > 0 || i >= 5) samples.push(ms)
          await harness.waitForTimeout(SEND_SPACING_MS)
        }
        echo.p50.push(percentile(samples, 50))
        echo.p95.push(percentile(samples, 95))
      }

      const note = `${sends} sends per run, typed in the composer (Enter), until the start of the first frame that renders the message (its rAF callback; that frame's style, layout and paint, 1-3 ms here, not included); 10,000 messages of history in both pages`
      return [
        figure({ name: 'latency: send → painted, same page, p50', unit: 'ms', runs: runs.aP50, baseline: baseline(echo.p50), target: targetFor(context, { of: 'value', op: '<=', limit: 16 }), note }),
        figure({ name: 'latency: send → painted, same page, p95', unit: 'ms', runs: runs.aP95, baseline: baseline(echo.p95) }),
        figure({
          name: 'latency: send → painted, second page, p50',
          unit: 'ms',
          runs: runs.bP50,
          baseline: baseline(echo.p50),
          target: targetFor(context, { of: 'value', op: '<=', limit: 16 }),
          note: 'page B: the app in a second window of the same browser profile, as another user; its own in-page emulator gets the message through the cross-tab relay (BroadcastChannel)',
        }),
        figure({ name: 'latency: send → painted, second page, p95', unit: 'ms', runs: runs.bP95, baseline: baseline(echo.p95) }),
      ]
    } finally {
      await appContext.close()
      await harnessContext.close()
    }
  },
}

function baseline(echoRuns: number[]) {
  return { name: 'bare MSW ws echo → painted', runs: echoRuns }
}

async function whenPainted(page: Page, tag: number): Promise<number> {
  const painted = await page.evaluate((n) => (window as unknown as BenchWindow).benchProbe.whenPainted(n, 10_000), tag)
  if (painted === undefined) throw new Error(`Message ${tag} was not painted within 10 s`)
  return painted
}
