import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { joinRoom, openDemo, openEmulatorPanel, screenshot, sendMessage } from './demo'
import { setupBrowserSuite } from './suite'

/**
 * The main screens, light and dark, desktop and phone: an accessibility scan of each (no
 * serious or critical axe violation) and a screenshot in test-results/e2e/ to look at.
 */
const suite = setupBrowserSuite()

const PHONE = { width: 390, height: 844 }

/** axe's serious and critical violations on the page, as `rule: target` lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${node.failureSummary ?? ''}`))
}

/** Others in the room, injected by the emulator so the screenshot shows a lived-in chat. */
async function othersSay(page: Page): Promise<void> {
  await page.evaluate(() => {
    const { ivschatEmulator: emulator } = window as unknown as {
      ivschatEmulator: { chat: { injectMessage(roomArn: string, sender: { userId: string; attributes: Record<string, string> }, content: string): string } }
    }
    const room = 'arn:aws:ivschat:us-west-2:123456789012:room/DemoChatRoom'
    emulator.chat.injectMessage(room, { userId: 'sim-ada', attributes: { displayName: 'Ada', color: '#e4572e', badges: 'moderator' } }, 'Welcome! The session countdown is on the right.')
    emulator.chat.injectMessage(room, { userId: 'sim-kenji', attributes: { displayName: 'Kenji', color: '#2e86ab', badges: 'subscriber' } }, 'Olá! Привет! https://example.com/docs is linkified.')
    emulator.chat.injectMessage(room, { userId: 'sim-mia', attributes: { displayName: 'Mia', color: '#f4d35e' } }, 'Yellow names stay readable on both themes 🎉')
  })
}

async function chatWithMessages(page: Page): Promise<void> {
  await joinRoom(page, { userId: 'screens-e2e', displayName: 'Screenshot Sam', color: '#059669', badge: 'vip' })
  await othersSay(page)
  await sendMessage(page, 'Hello from the e2e suite!')
  await page.getByText('Yellow names stay readable').waitFor()
}

describe.each([
  { scheme: 'light' as const, suffix: '' },
  { scheme: 'dark' as const, suffix: '-dark' },
])('the $scheme color scheme', ({ scheme, suffix }) => {
  it('join page: no serious or critical accessibility violation', async () => {
    const watched = await suite.context({ colorScheme: scheme })
    const page = await watched.newPage()
    await openDemo(page, suite.server.url)
    await screenshot(page, `join${suffix}`)
    expect(await seriousViolations(page)).toEqual([])
  })

  it('chat page with messages: no serious or critical accessibility violation', async () => {
    const watched = await suite.context({ colorScheme: scheme })
    const page = await watched.newPage()
    await openDemo(page, suite.server.url)
    await chatWithMessages(page)
    await screenshot(page, `chat${suffix}`)
    expect(await seriousViolations(page)).toEqual([])
  })
})

describe('a phone, 390 px wide', () => {
  it('join and chat pages fit and pass the scan', async () => {
    const watched = await suite.context({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    const page = await watched.newPage()
    await openDemo(page, suite.server.url)
    await screenshot(page, 'join-phone', { fullPage: false })
    expect(await seriousViolations(page)).toEqual([])
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)

    await chatWithMessages(page)
    await screenshot(page, 'chat-phone', { fullPage: false })
    expect(await seriousViolations(page)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })
})

describe('the emulator panel beside the chat', () => {
  it('opens beside the chat on a wide screen, covering none of it', async () => {
    const watched = await suite.context({ viewport: { width: 1440, height: 900 } })
    const page = await watched.newPage()
    await openDemo(page, suite.server.url)
    await chatWithMessages(page)
    const panel = await openEmulatorPanel(page)
    await panel.getByRole('button', { name: 'End session of screens-e2e' }).waitFor()
    await screenshot(page, 'chat-with-panel')

    const chat = (await page.getByRole('region', { name: 'Chat', exact: true }).boundingBox())!
    const drawer = (await panel.boundingBox())!
    expect(drawer.x).toBeGreaterThanOrEqual(chat.x + chat.width)
    expect(await seriousViolations(page)).toEqual([])
  })
})
