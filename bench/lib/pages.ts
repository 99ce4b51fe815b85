import type { BrowserContext, Page } from 'playwright-core'
import type { BenchHarness } from '../pages/harness'
import type { BenchNaive } from '../pages/naive'
import type { BenchProbe } from '../pages/probe'
import { addProbe, VIEWPORT } from './browser'

/** What the runner's pages expose, for `page.evaluate` callbacks. */
export type BenchWindow = Window & {
  benchProbe: BenchProbe
  benchNaive: BenchNaive
  benchHarness: BenchHarness
}

/** Where things are served, and the probe's source to inline into pages. */
export interface Site {
  /** The app's `index.html`, served from a sub-path. */
  appUrl: string
  naiveUrl: string
  harnessUrl: string
  /** A bare MSW worker with one no-op handler and one request: the cold-start baseline. */
  coldBaselineUrl: string
  probeSource: string
  /** bench/pages/cold-start-init.ts, built: the app page's init script in the cold-start figure. */
  coldStartInitSource: string
}

/**
 * Opens the built app, waits for its in-page emulator, adds the probe and joins the demo room
 * through the join form as `userId`, as a person would. Resolves once connected, with the
 * probe watching the message list.
 */
export async function openApp(context: BrowserContext, site: Site, userId: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(site.appUrl)
  await prepareApp(page, site, userId)
  return page
}

/**
 * The app in a second window of `opener`'s context, as another user. A window, not a tab:
 * Chromium draws only the front tab of a window at full rate (a tab behind it gets about one
 * frame a second, although it reports itself visible), and both must paint as they would on
 * screen. Opened without an opener, as a tab a person opens is: with one, Chromium keeps both
 * pages in one renderer process, on one main thread, and each waits for the other's work.
 */
export async function openAppInNewWindow(opener: Page, site: Site, userId: string): Promise<Page> {
  const [page] = await Promise.all([
    opener.context().waitForEvent('page'),
    opener.evaluate(({ url, width, height }) => {
      window.open(url, '_blank', `popup,noopener,width=${width},height=${height}`)
    }, { url: site.appUrl, ...VIEWPORT }),
  ])
  await page.waitForLoadState()
  await prepareApp(page, site, userId)
  return page
}

async function prepareApp(page: Page, site: Site, userId: string): Promise<void> {
  await page.waitForFunction(() => 'ivschatEmulator' in window)
  await addProbe(page, site.probeSource)
  await joinApp(page, userId)
}

export async function joinApp(page: Page, userId: string): Promise<void> {
  await page.getByLabel('User ID').fill(userId)
  await page.getByRole('button', { name: 'Join', exact: true }).click()
  await page.locator('.connection-status.status-connected').waitFor()
  await page.getByRole('log', { name: 'Messages' }).waitFor()
  await page.evaluate(() => (window as unknown as BenchWindow).benchProbe.watch())
}

/** Leaves through the Leave button; the store is reset, the socket closed. */
export async function leaveApp(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Leave', exact: true }).click()
  await page.getByRole('button', { name: 'Join', exact: true }).waitFor()
}

/** The naive control, joined as `userId`, with the probe watching its list. */
export async function openNaive(context: BrowserContext, site: Site, userId: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(site.naiveUrl)
  await page.waitForFunction(() => 'benchNaive' in window)
  await addProbe(page, site.probeSource)
  await joinNaive(page, userId)
  return page
}

export async function joinNaive(page: Page, userId: string): Promise<void> {
  await page.evaluate((id) => (window as unknown as BenchWindow).benchNaive.join(id), userId)
  await page.waitForFunction(() => (window as unknown as BenchWindow).benchNaive.status() === 'connected')
  await page.getByRole('log', { name: 'Messages' }).waitFor()
  await page.evaluate(() => (window as unknown as BenchWindow).benchProbe.watch())
}

export async function openHarness(context: BrowserContext, site: Site): Promise<Page> {
  const page = await context.newPage()
  await page.goto(site.harnessUrl)
  await page.waitForFunction(() => 'benchHarness' in window)
  return page
}

/** Injects `count` history messages (tasks of 1,000) and waits until the last one is painted. */
export async function fillHistory(page: Page, from: number, count: number): Promise<void> {
  const painted = await page.evaluate(
    async (args) => {
      const probe = (window as unknown as BenchWindow).benchProbe
      await probe.injectChunked(args.from, args.count)
      return probe.whenPainted(args.from + args.count - 1, 60_000)
    },
    { from, count },
  )
  if (painted === undefined) throw new Error(`The last of ${count} history messages was never painted`)
}

/** Lets the page go idle: two painted frames and a pause. */
export async function settle(page: Page, ms = 300): Promise<void> {
  await page.evaluate(async () => {
    const probe = (window as unknown as BenchWindow).benchProbe
    await probe.afterPaint()
    await probe.afterPaint()
  })
  await page.waitForTimeout(ms)
}
