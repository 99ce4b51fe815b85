import { figure } from '../lib/figures'
import { newContext } from '../lib/browser'
import { repetitions, targetFor, type Bench } from '../lib/context'
import { openHarness, type BenchWindow } from '../lib/pages'
import { percentile } from '../lib/stats'

/**
 * CreateChatToken through the emulator in Chromium: the app's fetch layer, MSW's service
 * worker, the emulator's validation and a JWE minted with jose, then the token opened (jose
 * decrypt); against the same POST to a no-op MSW handler, in the same worker and page. The
 * two are interleaved call by call, so that a noisy moment hits both.
 */
export const tokenBench: Bench = {
  name: 'token',
  description: 'CreateChatToken through the emulator vs a no-op MSW handler (Chromium)',
  browser: true,
  async run(context) {
    const reps = repetitions(context, 5, 3)
    const calls = context.smoke ? 50 : 100
    const browserContext = await newContext(context.browser)
    try {
      const page = await openHarness(browserContext, context.site)
      const round = (kind: 'token' | 'noop') => page.evaluate((k) => (window as unknown as BenchWindow).benchHarness[k](), kind)
      for (let i = 0; i < 20; i++) {
        await round('token')
        await round('noop')
      }
      const token: number[] = []
      const noop: number[] = []
      for (let rep = 0; rep < reps; rep++) {
        const samples = await page.evaluate(async (n) => {
          const harness = (window as unknown as BenchWindow).benchHarness
          const t: number[] = []
          const o: number[] = []
          for (let i = 0; i < n; i++) {
            t.push(await harness.token())
            o.push(await harness.noop())
          }
          return { t, o }
        }, calls)
        token.push(percentile(samples.t, 50))
        noop.push(percentile(samples.o, 50))
        context.log(`token ${rep + 1}/${reps}: p50 ${token.at(-1)!.toFixed(2)} ms vs no-op ${noop.at(-1)!.toFixed(2)} ms`)
      }
      return [
        figure({
          name: 'token: CreateChatToken round trip, p50',
          unit: 'ms',
          runs: token,
          baseline: { name: 'no-op MSW handler', runs: noop },
          target: targetFor(context, { of: 'ratio', op: '<=', limit: 1.3 }),
          note: `${calls} calls per run, interleaved with the baseline's; mint (jose JWE) in the emulator, then the token decrypted`,
        }),
      ]
    } finally {
      await browserContext.close()
    }
  },
}
