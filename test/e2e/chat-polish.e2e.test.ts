import { AxeBuilder } from '@axe-core/playwright'
import type { BrowserContextOptions, Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { contrast, parseColor } from '../../src/lib/sender-attributes'
import { WatchedContext } from './browser'
import { joinForm, joinRoom, messageRow, openDemo, screenshot, sendMessage, waitForEmulator } from './demo'
import { setupBrowserSuite } from './suite'

/**
 * Issue 11, items 4, 6 and 7 in a real browser: moderation in place, a chat that reads well
 * (grouping, Show more, capped events, Join in view, readable idle Send), the join panel's memory
 * and ?room=, each state scanned by axe and photographed at 1440x900 and 390x844, light and dark.
 */
const suite = setupBrowserSuite()

const ROOM = 'arn:aws:ivschat:us-west-2:123456789012:room/DemoChatRoom'
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } }
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const SCREENS = [
  { name: 'desktop', options: DESKTOP, touch: false },
  { name: 'phone', options: PHONE, touch: true },
] as const
const SCHEMES = ['light', 'dark'] as const

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${node.failureSummary ?? ''}`))
}

/** Messages from others, injected by the page's emulator: Ada twice in a row (a group), then Kenji. */
async function othersSay(page: Page, said: { userId: string; name: string; color: string; content: string }[]): Promise<void> {
  await page.evaluate(
    ({ room, messages }) => {
      const { ivschatEmulator: emulator } = window as unknown as {
        ivschatEmulator: { chat: { injectMessage(roomArn: string, sender: { userId: string; attributes: Record<string, string> }, content: string): string } }
      }
      for (const message of messages) {
        emulator.chat.injectMessage(room, { userId: message.userId, attributes: { displayName: message.name, color: message.color } }, message.content)
      }
    },
    { room: ROOM, messages: said },
  )
}

const ADA = { userId: 'sim-ada', name: 'Ada', color: '#e4572e' }
const KENJI = { userId: 'sim-kenji', name: 'Kenji', color: '#2e86ab' }

async function chatWithGroup(page: Page): Promise<void> {
  await joinRoom(page, { userId: 'polish-e2e', displayName: 'Polly', color: '#059669', badge: 'vip' })
  await othersSay(page, [
    { ...ADA, content: 'First from Ada: a group starts here.' },
    { ...ADA, content: 'Second from Ada, under the same header.' },
    { ...KENJI, content: 'Kenji has his own header.' },
  ])
  await messageRow(page, 'Kenji has his own header.').waitFor()
}

/** Pixels between two boxes vertically (0 when they overlap). */
function verticalGap(a: { y: number; height: number }, b: { y: number; height: number }): number {
  return Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height))
}

/** Opens the delete form of the row with `content`: its Delete button on a desktop, More then the menu item on a phone. */
async function openDeleteForm(page: Page, row: Locator, touch: boolean, sender: string): Promise<Locator> {
  if (touch) {
    await row.getByRole('button', { name: 'More', exact: true }).click()
    await page.getByRole('menuitem', { name: `Delete message from ${sender}` }).click()
  } else {
    await row.hover()
    await row.getByRole('button', { name: `Delete message from ${sender}` }).click()
  }
  const dialog = page.getByRole('dialog', { name: `Delete message from ${sender}` })
  await dialog.waitFor()
  return dialog
}

describe.each(SCHEMES)('the %s color scheme', (scheme) => {
  describe.each(SCREENS)('on the $name', ({ name, options, touch }) => {
    const suffix = `${name}${scheme === 'dark' ? '-dark' : ''}`

    it('opens the moderation form next to its line (within 48 px), modal and labelled, focus in and back', async () => {
      const watched = await suite.context({ ...options, colorScheme: scheme })
      const page = await watched.newPage()
      await openDemo(page, suite.server.url)
      await chatWithGroup(page)
      const row = messageRow(page, 'Second from Ada')

      const dialog = await openDeleteForm(page, row, touch, 'Ada')
      const lineBox = (await row.boundingBox())!
      const formBox = (await dialog.boundingBox())!
      expect(verticalGap(lineBox, formBox)).toBeLessThanOrEqual(48)
      // Inside the screen, and a true modal: the page behind is inert.
      expect(formBox.y).toBeGreaterThanOrEqual(0)
      expect(formBox.y + formBox.height).toBeLessThanOrEqual(options.viewport!.height)
      expect(await dialog.evaluate((element) => element.matches(':modal'))).toBe(true)
      expect(await dialog.getByRole('textbox', { name: 'Reason (optional)' }).evaluate((element) => element === document.activeElement)).toBe(true)
      await screenshot(page, `polish-moderation-${suffix}`, { fullPage: false })
      expect(await seriousViolations(page)).toEqual([])

      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
      const opener = touch ? row.getByRole('button', { name: 'More', exact: true }) : row.getByRole('button', { name: 'Delete message from Ada' })
      expect(await opener.evaluate((element) => element === document.activeElement)).toBe(true)
    })

    it('groups a sender’s messages, caps a 485-line message with Show more, caps a 256-attribute event', async () => {
      const watched = await suite.context({ ...options, colorScheme: scheme })
      const page = await watched.newPage()
      await openDemo(page, suite.server.url)
      await chatWithGroup(page)
      await othersSay(page, [{ ...KENJI, content: `Tall${'\n'.repeat(485)}end` }])
      await page.evaluate((room) => {
        const { ivschatEmulator: emulator } = window as unknown as { ivschatEmulator: { chat: { sendEvent(roomArn: string, name: string, attributes: Record<string, string>): string } } }
        // 1 KB: 256 short attributes.
        const attributes = Object.fromEntries(Array.from({ length: 256 }, (_, i) => [`${String.fromCharCode(97 + Math.floor(i / 36))}${(i % 36).toString(36)}`, 'ok']))
        emulator.chat.sendEvent(room, 'app:MANY', attributes)
      }, ROOM)
      await page.getByText('app:MANY').waitFor()
      const tall = messageRow(page, 'Tall')
      await tall.waitFor()

      // One header for Ada's two lines: her name once, and both lines there.
      expect(await messageRow(page, 'First from Ada').getByText('Ada', { exact: true }).isVisible()).toBe(true)
      expect(await messageRow(page, 'Second from Ada').getByText('Ada', { exact: true }).count()).toBe(0)
      expect(await page.getByRole('log', { name: 'Messages' }).getByText('Today', { exact: true }).count()).toBe(1)

      const capped = (await tall.boundingBox())!.height
      expect(capped).toBeLessThan(400)
      // The event's line and the composer both fit the screen.
      const event = (await page.getByText('app:MANY').locator('xpath=ancestor::p[1]').boundingBox())!
      expect(event.height).toBeLessThan(60)
      const composer = (await page.getByRole('textbox', { name: 'Message' }).boundingBox())!
      expect(composer.y + composer.height).toBeLessThanOrEqual(options.viewport!.height)
      await screenshot(page, `polish-grouped-${suffix}`, { fullPage: false })
      expect(await seriousViolations(page)).toEqual([])

      await tall.getByRole('button', { name: 'Show more' }).click()
      await tall.getByRole('button', { name: 'Show less' }).waitFor()
      expect((await tall.boundingBox())!.height).toBeGreaterThan(capped * 5)
      await screenshot(page, `polish-show-more-${suffix}`, { fullPage: false })
      expect(await seriousViolations(page)).toEqual([])
    })

    it('join page: says where the chat lives; the idle Send button reads clearly', async () => {
      const watched = await suite.context({ ...options, colorScheme: scheme })
      const page = await watched.newPage()
      await openDemo(page, suite.server.url)
      const note = page.getByRole('region', { name: 'Where this chat lives' })
      expect(await note.innerText()).toContain('one per browser profile')
      await screenshot(page, `polish-join-${suffix}`, { fullPage: false })
      expect(await seriousViolations(page)).toEqual([])

      await joinRoom(page, { userId: 'idle-send' })
      const send = page.getByRole('button', { name: 'Send' })
      expect(await send.isDisabled()).toBe(true)
      const [color, background] = await send.evaluate((element) => [getComputedStyle(element).color, getComputedStyle(element).backgroundColor])
      expect(contrast(parseColor(color!)!, parseColor(background!)!)).toBeGreaterThanOrEqual(4.5)
    })
  })
})

describe.each(SCHEMES)('on a phone, %s', (scheme) => {
  it("puts a line's actions behind one More control; its menu opens by the line", async () => {
    const watched = await suite.context({ ...PHONE, colorScheme: scheme })
    const page = await watched.newPage()
    await openDemo(page, suite.server.url)
    await chatWithGroup(page)
    const row = messageRow(page, 'Second from Ada')
    const more = row.getByRole('button', { name: 'More', exact: true })
    // One More control per line, no permanent row of buttons, and the row no taller for it.
    expect(await row.getByRole('button').count()).toBe(1)
    expect((await row.boundingBox())!.height).toBeLessThan(80)

    await more.click()
    const menu = page.getByRole('menu', { name: 'Message actions' })
    await menu.waitFor()
    expect(verticalGap((await row.boundingBox())!, (await menu.boundingBox())!)).toBeLessThanOrEqual(48)
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual(['Delete message from Ada', 'Disconnect Ada'])
    await screenshot(page, `polish-more-menu-phone${scheme === 'dark' ? '-dark' : ''}`, { fullPage: false })
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await menu.waitFor({ state: 'detached' })
    expect(await more.evaluate((element) => element === document.activeElement)).toBe(true)
  })
})

describe('at 1440x900', () => {
  it('shows Join without scrolling', async () => {
    const watched = await suite.context(DESKTOP)
    const page = await watched.newPage()
    await openDemo(page, suite.server.url)
    const join = (await joinForm(page).getByRole('button', { name: 'Join', exact: true }).boundingBox())!
    expect(join.y + join.height).toBeLessThanOrEqual(900)
    expect(await page.evaluate(() => document.scrollingElement!.scrollTop + document.querySelector('main')!.scrollTop)).toBe(0)
  })
})

describe('the join panel remembers', () => {
  it('the persona and room across a reload, and ?room= preselects a room', async () => {
    const watched = await suite.context(DESKTOP)
    const page = await watched.newPage()
    await openDemo(page, suite.server.url)
    await joinRoom(page, { userId: 'remembered-e2e', displayName: 'Remembered', badge: 'founder' })
    await sendMessage(page, 'before the reload')

    await page.reload()
    await waitForEmulator(page)
    const form = joinForm(page)
    expect(await form.getByLabel('User ID').inputValue()).toBe('remembered-e2e')
    expect(await form.getByLabel('Display name').inputValue()).toBe('Remembered')
    expect(await form.getByLabel('Badge').inputValue()).toBe('founder')

    // A bad stored value is ignored, not fatal.
    await page.evaluate(() => localStorage.setItem('ivschat-demo:join', '{"userId": 7, "displayName": "Still here"'))
    await page.reload()
    await waitForEmulator(page)
    expect(await joinForm(page).getByLabel('Display name').inputValue()).not.toBe('Remembered')

    const asked = await watched.newPage()
    await openDemo(asked, `${suite.server.url}?room=DemoChatRoom`)
    expect(await joinForm(asked).getByLabel('Room').inputValue()).toBe(ROOM)
  })
})

describe('an avatar that fails to load', () => {
  it('falls back to the initial', async () => {
    // Its own context: the avatar's host is refused (nothing leaves the machine), which the
    // suite would count as a problem. Only that request may fail.
    const watched = await WatchedContext.create(suite.browser, suite.server.origin, DESKTOP)
    try {
      const page = await watched.newPage()
      await openDemo(page, suite.server.url)
      await joinRoom(page, { userId: 'avatar-e2e' })
      await page.evaluate((room) => {
        const { ivschatEmulator: emulator } = window as unknown as {
          ivschatEmulator: { chat: { injectMessage(roomArn: string, sender: { userId: string; attributes: Record<string, string> }, content: string): string } }
        }
        emulator.chat.injectMessage(room, { userId: 'sim-zoe', attributes: { displayName: 'Zoe', avatar: 'https://avatars.example/zoe.png' } }, 'My avatar is gone')
      }, ROOM)
      const row = messageRow(page, 'My avatar is gone')
      await row.getByText('Z', { exact: true }).waitFor()
      expect(await row.locator('img').count()).toBe(0)
      expect(watched.escapes.every((escape) => escape.includes('avatars.example'))).toBe(true)
    } finally {
      await watched.close()
    }
  })
})
