import { http, HttpResponse } from 'msw'
import { setupWorker } from 'msw/browser'

/**
 * The cold-start figure's baseline: the least a page that mocks with MSW does before its first
 * answer. It starts a worker with one no-op handler and makes one request, which the runner
 * times from navigation to the answer, on a cold load (a fresh context: no cache, no service
 * worker installed), as it times the app's first CreateChatToken.
 */
const NOOP_URL = 'https://bench.invalid/noop'

const worker = setupWorker(http.post(NOOP_URL, () => HttpResponse.json({ ok: true })))
await worker.start({ serviceWorker: { url: './mockServiceWorker.js' }, onUnhandledFrame: 'bypass', quiet: true })
const response = await fetch(NOOP_URL, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
await response.json()
const answeredAt = performance.now()

export interface BenchColdBaseline {
  /** ms from navigation start to the no-op handler's answer. */
  answeredAt: number
}
Object.assign(window, { benchColdBaseline: { answeredAt } satisfies BenchColdBaseline })
