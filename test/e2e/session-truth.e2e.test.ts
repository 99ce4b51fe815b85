import { AxeBuilder } from '@axe-core/playwright'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { WatchedContext } from './browser'
import { countdown, expectStatus, joinRoom, messageLog, openDemo, openEmulatorPanel, screenshot, seconds, statusLine } from './demo'
import { setupBrowserSuite } from './suite'

/**
 * Issue 11: the demo tells the truth about the token and session states: countdowns in the
 * service's time, failures on the way back named, a removed user's view coherent. Each state is
 * scanned by axe and photographed (test-results/e2e/) at 1440×900 and 390×844, light and dark.
 */
const suite = setupBrowserSuite()

const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } }
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const ROOM = 'arn:aws:ivschat:us-west-2:123456789012:room/DemoChatRoom'
const WAIT = { timeout: 15_000, interval: 100 }

interface EmulatorHandle {
  faults: { failNextTokenRequests(count: number, type: string): void; clear(): void }
  chat: { dropConnection(id: string): boolean; disconnectUser(roomArn: string, userId: string, reason?: string): void }
  sessions(): { id: string; userId: string }[]
}
type EmulatorWindow = Window & { ivschatEmulator: EmulatorHandle; shiftClock?: (ms: number) => void; seenStatuses?: string[] }

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${node.failureSummary ?? ''}`))
}

async function demoPage(options: BrowserContextOptions = DESKTOP): Promise<{ page: Page; watched: WatchedContext }> {
  const watched = await suite.context(options)
  const page = await watched.newPage()
  await openDemo(page, suite.server.url)
  return { page, watched }
}

/** A refused token request, as the watched context notes it (the HTTP 403 and Chromium's console line). */
function isRefusedToken(problem: string): boolean {
  return /^HTTP 403: POST .*\/CreateChatToken$/.test(problem) || /^console error on .*: Failed to load resource: the server responded with a status of 403/.test(problem)
}

/** The refused token requests a test asked for are not problems of the page: forget them. */
function forgetRefusedTokens(watched: WatchedContext): void {
  const kept = watched.problems.filter((problem) => !isRefusedToken(problem))
  watched.problems.splice(0, watched.problems.length, ...kept)
}

/** Every text the header's status line shows from now on. */
async function recordStatuses(page: Page): Promise<() => Promise<string[]>> {
  await statusLine(page).evaluate((element) => {
    const seen: string[] = [element.textContent ?? '']
    Object.assign(window, { seenStatuses: seen })
    new MutationObserver(() => {
      const text = element.textContent ?? ''
      if (seen.at(-1) !== text) seen.push(text)
    }).observe(element, { subtree: true, childList: true, characterData: true })
  })
  return () => page.evaluate(() => (window as unknown as EmulatorWindow).seenStatuses ?? [])
}

const sessionSeconds = async (page: Page) => seconds(await countdown(page, 'Session expires in').innerText())

describe('countdowns in the service\'s time', () => {
  it('Advance time by 30 minutes in the panel moves the session countdown by 30 minutes', async () => {
    const { page } = await demoPage()
    await joinRoom(page, { userId: 'clock-e2e', sessionMinutes: 60 })
    const before = await sessionSeconds(page)
    const panel = await openEmulatorPanel(page)
    await panel.getByLabel('Minutes to advance').fill('30')

    await panel.getByRole('button', { name: 'Advance time' }).click()

    await expect.poll(async () => before - (await sessionSeconds(page)), WAIT).toBeGreaterThanOrEqual(30 * 60)
    // Thirty minutes, plus the seconds the clicks took: not an hour, not nothing.
    expect(before - (await sessionSeconds(page))).toBeLessThan(30 * 60 + 30)
    await screenshot(page, 'advance-time-30')
  })

  it('a page clock 5 minutes behind shows the same countdowns, and the renewal after the session ends reads right', async () => {
    const watched = await suite.context(DESKTOP)
    const page = await watched.newPage()
    // The page's own clock, shifted on demand (after the emulator started, whose clock keeps the service's time).
    await page.addInitScript(() => {
      const real = Date.now.bind(Date)
      let shift = 0
      Date.now = () => real() + shift
      Object.assign(window, { shiftClock: (ms: number) => (shift = ms) })
    })
    await openDemo(page, suite.server.url)
    await page.evaluate(() => (window as unknown as EmulatorWindow).shiftClock!(-5 * 60_000))
    await joinRoom(page, { userId: 'skewed-e2e', sessionMinutes: 2 })

    // The service's two minutes, not 7:00.
    expect(await sessionSeconds(page)).toBeLessThanOrEqual(120)
    expect(await sessionSeconds(page)).toBeGreaterThan(100)
    expect(seconds(await countdown(page, 'Token expires in').innerText())).toBeLessThanOrEqual(60 * 60)

    const panel = await openEmulatorPanel(page)
    await panel.getByLabel('Minutes to advance').fill('2')
    await panel.getByRole('button', { name: 'Advance time' }).click()

    await messageLog(page).getByText('Session renewed with a new token.').waitFor(WAIT)
    await expectStatus(page, 'Connected')
    expect(await sessionSeconds(page)).toBeLessThanOrEqual(120)
    expect(await sessionSeconds(page)).toBeGreaterThan(100)
    await screenshot(page, 'clock-5-minutes-behind')
  })
})

describe('failures on the way back', () => {
  it('names three refused token requests during a reconnect on screen, then notes the reconnect', async () => {
    const { page, watched } = await demoPage()
    await joinRoom(page, { userId: 'refused-e2e' })
    const statuses = await recordStatuses(page)
    await page.evaluate(() => (window as unknown as EmulatorWindow).ivschatEmulator.faults.failNextTokenRequests(3, 'AccessDeniedException'))

    await page.evaluate(() => {
      const emulator = (window as unknown as EmulatorWindow).ivschatEmulator
      emulator.chat.dropConnection(emulator.sessions()[0]!.id)
    })

    try {
      await expect.poll(async () => (await statuses()).slice(1).at(-1), WAIT).toBe('Connected')
    } finally {
      forgetRefusedTokens(watched)
    }
    const named = (await statuses()).filter((text) => text.includes('(AccessDeniedException)'))
    // Each next attempt named (a line may show twice: its "in 1 s", then its "now").
    expect([...new Set(named.map((text) => /attempt (\d+)/.exec(text)?.[1]))]).toEqual(['2', '3', '4'])
    await messageLog(page).getByText(/Reconnected after 3 failed tries, the last: AccessDeniedException\./).waitFor(WAIT)
    forgetRefusedTokens(watched)
  })
})

describe.each([
  { name: 'desktop', options: DESKTOP, scheme: 'light' as const },
  { name: 'desktop-dark', options: DESKTOP, scheme: 'dark' as const },
  { name: 'phone', options: PHONE, scheme: 'light' as const },
  { name: 'phone-dark', options: PHONE, scheme: 'dark' as const },
])('states on $name', ({ name, options, scheme }) => {
  const fullPage = options !== PHONE

  it('reconnecting after refused tokens: the reason and the next try on screen, no serious axe violation', async () => {
    const { page, watched } = await demoPage({ ...options, colorScheme: scheme })
    await joinRoom(page, { userId: `retry-${name}` })
    await page.evaluate(() => (window as unknown as EmulatorWindow).ivschatEmulator.faults.failNextTokenRequests(100, 'AccessDeniedException'))
    await page.evaluate(() => {
      const emulator = (window as unknown as EmulatorWindow).ivschatEmulator
      emulator.chat.dropConnection(emulator.sessions()[0]!.id)
    })

    try {
      await expectStatus(page, /^The token request failed \(AccessDeniedException\)\. Reconnecting \(attempt \d+\) (in \d+ s|now)…$/)
      await screenshot(page, `state-reconnecting-${name}`, { fullPage })
      expect(await seriousViolations(page)).toEqual([])
      // No more refusals; the next try (backoff up to 30 s away) would connect.
      await page.evaluate(() => (window as unknown as EmulatorWindow).ivschatEmulator.faults.clear())
    } finally {
      forgetRefusedTokens(watched)
    }
  })

  it('removed by a moderator: composer disabled with the reason, countdowns stopped, Join again, no serious axe violation', async () => {
    const { page } = await demoPage({ ...options, colorScheme: scheme })
    const userId = `removed-${name}`
    await joinRoom(page, { userId })

    await page.evaluate(([room, user]) => (window as unknown as EmulatorWindow).ivschatEmulator.chat.disconnectUser(room!, user!, 'spam'), [ROOM, userId])

    await expectStatus(page, 'Disconnected: you were removed from the room by a moderator (“spam”).')
    const box = page.getByRole('textbox', { name: 'Message' })
    expect(await box.isDisabled()).toBe(true)
    expect(await page.getByText('You cannot send: a moderator removed you from this room. Use Join again to come back.').isVisible()).toBe(true)
    // The disabled Send stays where Send was, beside the message box (it once dropped to a full-width row of its own).
    const boxRect = (await box.boundingBox())!
    const sendRect = (await page.getByRole('button', { name: 'Send' }).boundingBox())!
    expect(sendRect.x).toBeGreaterThanOrEqual(boxRect.x + boxRect.width)
    expect(sendRect.y).toBeLessThan(boxRect.y + boxRect.height)
    expect(await page.getByRole('timer').allInnerTexts()).toEqual(['Ended', 'Ended'])
    expect(await page.getByRole('button', { name: 'Join again' }).count()).toBe(1)
    await screenshot(page, `state-removed-${name}`, { fullPage })
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Join again' }).click()
    await expectStatus(page, 'Connected')
    expect(await box.isDisabled()).toBe(false)
  })
})
