import { render, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { App } from '../../src/app/App'
import { createDemoChat } from '../../src/app/demo-chat'
import type { ChatContextValue } from '../../src/chat/react'
import { config } from '../../src/config'
import { eventually, setupChatUi } from './chat-ui-helpers'

/**
 * Two chats in one page, each its own client, store and clock: what one does never shows in
 * the other, and nothing is reset between tests because nothing is shared.
 */
setupChatUi()

const chats: ChatContextValue[] = []
afterEach(() => {
  for (const chat of chats.splice(0)) chat.client.leave()
})

/** A chat for one App; `clockOffsetMs` makes its page clock that far off the real one. */
function newChat(clockOffsetMs = 0): ChatContextValue {
  const chat = createDemoChat(config, clockOffsetMs === 0 ? {} : { environment: { now: () => Date.now() + clockOffsetMs } })
  chats.push(chat)
  return chat
}

/** Renders an App for `chat` in a container of its own and joins as `userId`. */
async function joinIn(chat: ChatContextValue, userId: string) {
  const user = userEvent.setup()
  const { container } = render(<App chat={chat} />)
  const page = within(container)
  await page.findByRole('combobox', { name: 'Room' })
  await user.clear(page.getByRole('textbox', { name: 'User ID' }))
  await user.type(page.getByRole('textbox', { name: 'User ID' }), userId)
  await user.click(page.getByRole('button', { name: 'Join' }))
  await eventually(() => expect(page.getByRole('status').textContent).toBe('Connected'))
  return { user, page }
}

it('runs two independent chat clients in one page: each its own participant, state and status', async () => {
  const ada = newChat()
  const bob = newChat()
  const adaPage = await joinIn(ada, 'ada-1')
  const bobPage = await joinIn(bob, 'bob-2')

  expect(ada.client.store).not.toBe(bob.client.store)
  expect(ada.client.store.getState().me?.userId).toBe('ada-1')
  expect(bob.client.store.getState().me?.userId).toBe('bob-2')
  expect(emulator.sessions().map((s) => s.userId).sort()).toEqual(['ada-1', 'bob-2'])

  // Ada's message reaches Bob's view through the room, and is pending only in Ada's store.
  await adaPage.user.type(adaPage.page.getByRole('textbox', { name: 'Message' }), 'hello bob{Enter}')
  await eventually(() => expect(bobPage.page.getByRole('log', { name: 'Messages' }).textContent).toContain('hello bob'))
  expect(bob.client.store.getState().pending).toEqual([])

  // Bob leaves: his view goes back to the join panel, Ada's stays connected.
  await bobPage.user.click(bobPage.page.getByRole('button', { name: 'Leave' }))
  await eventually(() => expect(bobPage.page.getByRole('form', { name: 'Join a chat room' })).toBeTruthy())
  expect(adaPage.page.getByRole('status').textContent).toBe('Connected')
  expect(ada.client.store.getState().status).toBe('connected')
  expect(bob.client.store.getState().status).toBe('idle')
  await eventually(() => expect(emulator.sessions().map((s) => s.userId)).toEqual(['ada-1']))
})

it('starts the next test with fresh chats: no state from the last one, no reset', async () => {
  const chat = newChat()
  expect(chat.client.store.getState()).toMatchObject({ status: 'idle', lines: [], pending: [], renewals: 0 })
  const { page } = await joinIn(chat, 'ada-1')
  expect(page.getByRole('log', { name: 'Messages' }).textContent).not.toContain('hello bob')
})

it('counts down in the service\'s time: a page clock 5 minutes off shows the same countdowns', async () => {
  const right = newChat()
  const off = newChat(-5 * 60_000)
  const rightPage = await joinIn(right, 'ada-1')
  const offPage = await joinIn(off, 'bob-2')

  const read = (page: typeof rightPage.page) => page.getByRole('timer', { name: 'Session expires in' }).textContent
  // Both 60-minute sessions, started within a second or two of each other.
  expect(read(rightPage.page)).toMatch(/^(1:00:00|59:\d\d)$/)
  expect(read(offPage.page)).toMatch(/^(1:00:00|59:\d\d)$/)
  expect(Math.abs(off.client.clock.offset - 5 * 60_000)).toBeLessThan(1_000)
  expect(Math.abs(right.client.clock.offset)).toBeLessThan(1_000)
})
