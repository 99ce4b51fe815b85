import { fireEvent, screen, within } from '@testing-library/react'
import { DeleteMessageRequest } from 'amazon-ivs-chat-messaging'
import { expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { eventually, joinThroughPanel, messageLog, otherParticipant, setupChatUi, type OtherParticipant } from './chat-ui-helpers'

setupChatUi()

const ROW_PX = 60
const VIEWPORT_PX = 300

/**
 * jsdom has no layout: give the log a viewport and a content height that grows with its rows,
 * and a scrollTop that stays within them, as a browser would.
 */
function layOut(log: HTMLElement): { scrollTo: (top: number) => void } {
  const rows = () => within(log).queryAllByRole('listitem').length
  const height = () => Math.max(VIEWPORT_PX, rows() * ROW_PX)
  let top = 0
  Object.defineProperty(log, 'clientHeight', { configurable: true, get: () => VIEWPORT_PX })
  Object.defineProperty(log, 'scrollHeight', { configurable: true, get: height })
  Object.defineProperty(log, 'scrollTop', {
    configurable: true,
    get: () => top,
    set: (value: number) => {
      top = Math.max(0, Math.min(value, height() - VIEWPORT_PX))
    },
  })
  return {
    // The user moves the scrollbar: the browser sets scrollTop, then fires `scroll`.
    scrollTo: (value) => {
      log.scrollTop = value
      fireEvent.scroll(log)
    },
  }
}

const atBottom = (log: HTMLElement) => log.scrollTop === log.scrollHeight - log.clientHeight

async function sayAll(grace: OtherParticipant, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n++) {
    // Emulator time between messages keeps Grace under the 10 requests a second a connection may make.
    emulator.advanceTime(150)
    await grace.say(`message ${n}`)
  }
  await eventually(() => expect(messageLog().textContent).toContain(`message ${to}`))
}

it('follows new messages at the bottom; scrolled up, it offers "N new messages", which scrolls to the end', async () => {
  const user = await joinThroughPanel({ userId: 'reader', displayName: 'Reader' })
  const grace = await otherParticipant({ userId: 'grace', attributes: { displayName: 'Grace' } })
  const log = messageLog()
  const scroll = layOut(log)

  await sayAll(grace, 1, 10)
  expect(within(log).getAllByRole('listitem')).toHaveLength(10)
  expect(atBottom(log)).toBe(true)
  expect(screen.queryByRole('button', { name: /new message/ })).toBeNull()

  scroll.scrollTo(120)
  await sayAll(grace, 11, 13)

  // Every line is still there, the reader's position is kept, and the button counts what arrived.
  expect(within(log).getAllByRole('listitem')).toHaveLength(13)
  expect(log.scrollTop).toBe(120)
  expect(screen.getByRole('button', { name: '3 new messages' })).toBeTruthy()
  await sayAll(grace, 14, 14)
  expect(screen.getByRole('button', { name: '4 new messages' })).toBeTruthy()

  await user.click(screen.getByRole('button', { name: '4 new messages' }))

  expect(atBottom(log)).toBe(true)
  expect(document.activeElement).toBe(log)
  expect(screen.queryByRole('button', { name: /new message/ })).toBeNull()
  await sayAll(grace, 15, 15)
  expect(atBottom(log)).toBe(true)
  expect(screen.queryByRole('button', { name: /new message/ })).toBeNull()
})

it('hides the button when the reader scrolls back to the bottom by hand, and says "1 new message" for one', async () => {
  await joinThroughPanel({ userId: 'reader', displayName: 'Reader' })
  const grace = await otherParticipant({ userId: 'grace', attributes: { displayName: 'Grace' } })
  const log = messageLog()
  const scroll = layOut(log)
  await sayAll(grace, 1, 10)

  scroll.scrollTo(0)
  await sayAll(grace, 11, 11)
  expect(screen.getByRole('button', { name: '1 new message' })).toBeTruthy()

  scroll.scrollTo(log.scrollHeight)

  expect(screen.queryByRole('button', { name: /new message/ })).toBeNull()
})

it('keeps counting only the new messages when a moderator deletes the last one the reader saw', async () => {
  await joinThroughPanel({ userId: 'reader', displayName: 'Reader' })
  const grace = await otherParticipant({ userId: 'grace', attributes: { displayName: 'Grace' }, capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE'] })
  const log = messageLog()
  const scroll = layOut(log)
  await sayAll(grace, 1, 10)
  scroll.scrollTo(0)
  await sayAll(grace, 11, 12)
  expect(screen.getByRole('button', { name: '2 new messages' })).toBeTruthy()

  const lastSeen = grace.messages.find((m) => m.content === 'message 10')!
  await grace.room.deleteMessage(new DeleteMessageRequest(lastSeen.id, 'oops'))

  await eventually(() => expect(log.textContent).not.toContain('message 10'))
  expect(screen.getByRole('button', { name: '2 new messages' })).toBeTruthy()
})

it("brings the reader back to the bottom when their own message arrives", async () => {
  const user = await joinThroughPanel({ userId: 'reader', displayName: 'Reader' })
  const grace = await otherParticipant({ userId: 'grace', attributes: { displayName: 'Grace' } })
  const log = messageLog()
  const scroll = layOut(log)
  await sayAll(grace, 1, 10)
  scroll.scrollTo(0)
  await sayAll(grace, 11, 11)
  expect(screen.getByRole('button', { name: '1 new message' })).toBeTruthy()

  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'my own line{Enter}')

  await eventually(() => expect(log.textContent).toContain('my own line'))
  expect(atBottom(log)).toBe(true)
  expect(screen.queryByRole('button', { name: /new message/ })).toBeNull()
})
