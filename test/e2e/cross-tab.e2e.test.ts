import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { LIGHT_BACKGROUND, parseColor, readableOn } from '../../src/lib/sender-attributes'
import type { WatchedContext } from './browser'
import { expectStatus, joinRoom, messageLog, messageRow, openDemo, sendMessage, type JoinOptions } from './demo'
import { setupBrowserSuite } from './suite'

/**
 * Two tabs of the demo in one browser. Each tab runs its own in-page emulator; the
 * cross-tab relay (mocks/cross-tab-relay.ts) puts them in the same rooms.
 */
const suite = setupBrowserSuite()

async function tab(watched: WatchedContext, options: JoinOptions): Promise<Page> {
  const page = await watched.newPage()
  await openDemo(page, suite.server.url)
  await joinRoom(page, options)
  return page
}

describe('two tabs in one room', () => {
  it("shows tab A's message in tab B with A's display name, color and badge, and the other way round", async () => {
    const watched = await suite.context()
    const a = await tab(watched, { userId: 'alice-e2e', displayName: 'Alice in A', color: '#2e86ab', badge: 'founder' })
    const b = await tab(watched, { userId: 'bob-e2e', displayName: 'Bob in B', color: '#9b5de5', badge: 'subscriber' })

    await sendMessage(a, 'Hi from tab A')
    const row = messageRow(b, 'Hi from tab A')
    await row.waitFor()
    const name = row.getByText('Alice in A', { exact: true })
    expect(await name.isVisible()).toBe(true)
    expect(await row.getByText('founder', { exact: true }).isVisible()).toBe(true)
    expect(await name.evaluate((element) => getComputedStyle(element).color)).toBe(readableOn(parseColor('#2e86ab')!, LIGHT_BACKGROUND))

    await sendMessage(b, 'Hi back from tab B')
    const reply = messageRow(a, 'Hi back from tab B')
    await reply.waitFor()
    expect(await reply.getByText('Bob in B', { exact: true }).isVisible()).toBe(true)
    expect(await reply.getByText('subscriber', { exact: true }).isVisible()).toBe(true)
    // Each message once in each tab: the relay does not echo.
    expect(await messageLog(a).getByRole('listitem').count()).toBe(2)
    expect(await messageLog(b).getByRole('listitem').count()).toBe(2)
  })

  it("lets a moderator in tab A delete B's message and disconnect B; tab B shows both", async () => {
    const watched = await suite.context()
    const moderator = await tab(watched, { userId: 'mod-e2e', displayName: 'Moderator' })
    const viewer = await tab(watched, { userId: 'bob-e2e', displayName: 'Bob', capabilities: ['Send messages'] })

    await sendMessage(viewer, 'Please delete me')
    await sendMessage(viewer, 'Still here')
    await messageRow(moderator, 'Still here').waitFor()

    await messageRow(moderator, 'Please delete me').getByRole('button', { name: 'Delete message from Bob' }).click()
    const deleteDialog = moderator.getByRole('dialog', { name: 'Delete message from Bob' })
    await deleteDialog.getByLabel('Reason (optional)').fill('off topic')
    await deleteDialog.getByRole('button', { name: 'Delete message' }).click()

    await viewer.getByText('Your message was deleted by a moderator: “off topic”.').waitFor()
    await expect.poll(() => messageRow(moderator, 'Please delete me').count()).toBe(0)
    expect(await messageRow(viewer, 'Please delete me').count()).toBe(0)

    await messageRow(moderator, 'Still here').getByRole('button', { name: 'Disconnect Bob' }).click()
    const disconnectDialog = moderator.getByRole('dialog', { name: 'Disconnect Bob' })
    await disconnectDialog.getByLabel('Reason (optional)').fill('too loud')
    await disconnectDialog.getByRole('button', { name: 'Disconnect user' }).click()

    await expectStatus(viewer, 'Disconnected: you were removed from the room by a moderator (“too loud”).')
    await viewer.getByText('A moderator removed you from this room: “too loud”. You will not be reconnected automatically.').waitFor()
    expect(await viewer.getByRole('button', { name: 'Join again' }).isVisible()).toBe(true)
    await expectStatus(moderator, 'Connected')
    // Tab B's emulator closed B's socket: its own sessions list is empty.
    expect(await viewer.evaluate(() => (window as unknown as { ivschatEmulator: { sessions(): unknown[] } }).ivschatEmulator.sessions().length)).toBe(0)
  })
})
