import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium'

/** The viewport of every page: a laptop-sized window, the list a little over 600 px tall. */
export const VIEWPORT = { width: 1280, height: 800 }

export async function launchChromium(): Promise<Browser> {
  assertChromium()
  // `--headless=new` is passed as such, so Playwright must not add a headless flag of its own.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: false, args: CHROMIUM_ARGS })
}

/**
 * A fresh context (its own profile, service workers allowed). Page errors fail the benchmark
 * that caused them: a figure measured on a broken page would be meaningless.
 */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ serviceWorkers: 'allow', viewport: VIEWPORT })
  context.on('weberror', (error) => {
    throw new Error(`Uncaught error in a page: ${error.error().message}`)
  })
  return context
}

/** Adds the probe (bench/pages/probe.ts, built without imports) to a page as an inline module. */
export async function addProbe(page: Page, probeSource: string): Promise<void> {
  await page.addScriptTag({ content: probeSource, type: 'module' })
  await page.waitForFunction(() => 'benchProbe' in window)
}

/** The page's JS heap after a full garbage collection, in bytes (CDP `Runtime.getHeapUsage`). */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    // Twice: a first pass can leave garbage that only finalizers of the first one released.
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    return usedSize
  } finally {
    await cdp.detach()
  }
}

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  dur?: number
  args?: { name?: string; data?: { frames?: { url?: string; processId?: number }[] } }
}

/**
 * Records the renderer's tasks around `action` with Chromium's tracing (category `toplevel`)
 * and returns the longest task on the main thread of `page`'s renderer, in ms. The Long
 * Tasks API only reports tasks over 50 ms; this sees every one.
 */
export async function longestTask(browser: Browser, page: Page, action: () => Promise<void>): Promise<number> {
  await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline', '__metadata'] })
  let buffer: Buffer
  try {
    await action()
  } finally {
    buffer = await browser.stopTracing()
  }
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
  const pageUrl = page.url()
  const pagePids = new Set(
    events
      .filter((e) => e.name === 'TracingStartedInBrowser')
      .flatMap((e) => e.args?.data?.frames ?? [])
      .filter((frame) => frame.url === pageUrl && frame.processId !== undefined)
      .map((frame) => frame.processId!),
  )
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (pagePids.size === 0 || pagePids.has(e.pid)))
      .map((e) => `${e.pid}:${e.tid}`),
  )
  let longest = 0
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined || !mainThreads.has(`${event.pid}:${event.tid}`)) continue
    if (event.name === 'ThreadControllerImpl::RunTask' || event.name === 'RunTask') longest = Math.max(longest, event.dur / 1_000)
  }
  return longest
}

export function chromiumVersion(browser: Browser): string {
  return browser.version()
}
