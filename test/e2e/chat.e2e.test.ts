import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { LIGHT_BACKGROUND, parseColor, readableOn } from '../../src/lib/sender-attributes'
import { countdown, expectStatus, joinRoom, openDemo, openEmulatorPanel, seconds, sendMessage, statusLine } from './demo'
import { setupBrowserSuite } from './suite'

/** One visitor in one tab, against the built demo served from a sub-path. */
const suite = setupBrowserSuite()

async function newDemoPage(): Promise<Page> {
  const watched = await suite.context()
  const page = await watched.newPage()
  await openDemo(page, suite.server.url)
  return page
}

/** Every text the header's status line shows from now on, in order. */
async function recordStatuses(page: Page): Promise<() => Promise<string[]>> {
  await statusLine(page).evaluate((element) => {
    const seen: string[] = [element.textContent ?? '']
    Object.assign(window, { seenStatuses: seen })
    new MutationObserver(() => {
      const text = element.textContent ?? ''
      if (seen.at(-1) !== text) seen.push(text)
    }).observe(element, { subtree: true, childList: true, characterData: true })
  })
  return () => page.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses)
}

const waitMs = (ms: number) => new Promise((done) => setTimeout(done, ms))

describe('chat in one tab', () => {
  it('shows my display name, color and badge on my message', async () => {
    const page = await newDemoPage()
    await joinRoom(page, { userId: 'zoe-e2e', displayName: 'Zoë Tester', color: '#e4572e', badge: 'vip' })

    const row = await sendMessage(page, 'Hello with my attributes')
    const name = row.getByText('Zoë Tester', { exact: true })
    expect(await name.isVisible()).toBe(true)
    expect(await row.getByText('vip', { exact: true }).isVisible()).toBe(true)
    // The chosen color, made just dark enough for AA contrast on the light background.
    const color = await name.evaluate((element) => getComputedStyle(element).color)
    expect(color).toBe(readableOn(parseColor('#e4572e')!, LIGHT_BACKGROUND))
    const textColor = await row.getByText('Hello with my attributes').evaluate((element) => getComputedStyle(element).color)
    expect(color).not.toBe(textColor)
  })

  it('counts both the token and the session down', async () => {
    const page = await newDemoPage()
    await joinRoom(page, { sessionMinutes: 2 })
    const token = countdown(page, 'Token expires in')
    const session = countdown(page, 'Session expires in')

    const first = { token: seconds(await token.innerText()), session: seconds(await session.innerText()) }
    await waitMs(2_200)
    const second = { token: seconds(await token.innerText()), session: seconds(await session.innerText()) }

    expect(first.session).toBeLessThanOrEqual(120)
    expect(second.token).toBeLessThan(first.token)
    expect(second.session).toBeLessThan(first.session)
  })

  it('renews the session that the emulator panel ends: Connected again, with a new session countdown', async () => {
    const page = await newDemoPage()
    await joinRoom(page, { userId: 'renew-e2e', sessionMinutes: 2 })
    const session = countdown(page, 'Session expires in')
    const start = seconds(await session.innerText())
    await expect.poll(async () => seconds(await session.innerText()), { timeout: 10_000 }).toBeLessThan(start - 1)
    const before = seconds(await session.innerText())
    const statuses = await recordStatuses(page)

    const panel = await openEmulatorPanel(page)
    await panel.getByRole('button', { name: 'End session of renew-e2e' }).click()

    await expect.poll(async () => (await statuses()).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3)
    await expectStatus(page, 'Connected')
    const seen = await statuses()
    expect(seen[0]).toBe('Connected')
    expect(seen.slice(1, -1).length).toBeGreaterThan(0)
    expect(seen.slice(1, -1).every((text) => text !== 'Connected')).toBe(true)
    expect(seen.at(-1)).toBe('Connected')
    expect(seconds(await session.innerText())).toBeGreaterThan(before)
    expect(await page.getByText('Renewed 1 time.', { exact: false }).isVisible()).toBe(true)
  })

  it('does not let a user without the send capability send, and says why', async () => {
    const page = await newDemoPage()
    await joinRoom(page, { capabilities: [] })

    const composer = page.getByRole('textbox', { name: 'Message' })
    expect(await composer.isDisabled()).toBe(true)
    const why = await composer.evaluate((element) => {
      const ids = element.getAttribute('aria-describedby')?.split(/\s+/) ?? []
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
    })
    expect(why).toContain('does not include the SEND_MESSAGE capability')
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true)
    expect(await page.getByText('read only').isVisible()).toBe(true)
  })
})
