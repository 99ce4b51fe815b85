import { act, screen, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { DEMO_ROOM_ARN, emulator } from '../../mocks/node'
import type { ReviewResponse } from '../../mocks/emulator/review'
import {
  createRoom,
  descriptionOf,
  eventually,
  joinThroughPanel,
  messageLog,
  roomOption,
  rowWith,
  setupChatUi,
  updateRoom,
  useAdvancingFakeTimers,
} from './chat-ui-helpers'

setupChatUi()

const messageBox = () => screen.getByRole('textbox', { name: 'Message' })
const sendButton = () => screen.getByRole('button', { name: 'Send' })
const unconfirmed = () => screen.getByRole('list', { name: 'Unconfirmed messages' })

async function send(user: UserEvent, text: string): Promise<void> {
  await user.type(messageBox(), `${text}{Enter}`)
}

/** The composer's alert, once it appears. */
async function composerAlert(): Promise<string> {
  const alert = await screen.findByRole('alert')
  return alert.textContent ?? ''
}

/** The failed message waits in the unconfirmed list, with Retry. */
function failedSend(content: string): HTMLElement {
  const item = within(unconfirmed())
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes(content))
  if (!item) throw new Error(`No unconfirmed message ${JSON.stringify(content)}`)
  within(item).getByRole('button', { name: 'Retry' })
  return item
}

describe('403: not allowed to send', () => {
  it('disables the composer and says why when the token lacks SEND_MESSAGE', async () => {
    await joinThroughPanel({ capabilities: { 'Send messages': false } })

    expect((messageBox() as HTMLTextAreaElement).disabled).toBe(true)
    expect(descriptionOf(messageBox())).toMatch(/does not include the SEND_MESSAGE capability/)
    expect(descriptionOf(messageBox())).toMatch(/“Send messages” checked/)
    expect((sendButton() as HTMLButtonElement).disabled).toBe(true)
  })

  it('explains a 403 from the server and offers Retry, which sends it', async () => {
    const user = await joinThroughPanel()
    emulator.faults.failNextSends(1, 403)

    await send(user, 'Am I allowed?')

    // Said once, on the message's line (issue 11: no second copy under the composer).
    expect(await composerAlert()).toBe('Not sent. Not allowed: Forbidden (injected by the emulator). Join again with the capability.')
    expect(within(failedSend('Am I allowed?')).getByRole('alert')).toBeTruthy()
    expect(descriptionOf(messageBox())).toContain('Not allowed')
    await user.click(within(failedSend('Am I allowed?')).getByRole('button', { name: 'Retry' }))
    await eventually(() => rowWith('Am I allowed?'))
    expect(screen.queryByRole('list', { name: 'Unconfirmed messages' })).toBeNull()
    // The alert was about that message: once it is sent, nothing is wrong any more.
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('400: too long', () => {
  it("counts code points against the room's maximumMessageLength from GetRoom and blocks Send past it", async () => {
    const room = await createRoom({ name: 'short-room', maximumMessageLength: 10 })
    const user = await joinThroughPanel({ room: roomOption(room) })
    await eventually(() => expect(descriptionOf(messageBox())).toBe('0 / 10'))

    // Ten code points, twelve UTF-16 units: exactly at the limit.
    await user.type(messageBox(), 'ok 😀😀 1234')
    expect(descriptionOf(messageBox())).toBe('10 / 10')
    expect((sendButton() as HTMLButtonElement).disabled).toBe(false)

    await user.type(messageBox(), '5')
    expect(descriptionOf(messageBox())).toBe('11 / 10 characters: too long')
    expect(messageBox().getAttribute('aria-invalid')).toBe('true')
    expect((sendButton() as HTMLButtonElement).disabled).toBe(true)
    await user.type(messageBox(), '{Enter}')
    expect((messageBox() as HTMLTextAreaElement).value).toBe('ok 😀😀 12345')
    expect(emulator.frameLog.entries().filter((e) => e.direction === 'in')).toHaveLength(0)
  })

  it("explains the server's 400 when the room's limit shrank after joining, and takes the new limit", async () => {
    const room = await createRoom({ name: 'shrinking-room', maximumMessageLength: 20 })
    const user = await joinThroughPanel({ room: roomOption(room) })
    await eventually(() => expect(descriptionOf(messageBox())).toBe('0 / 20'))
    await updateRoom({ identifier: room.arn, maximumMessageLength: 5 })

    await send(user, 'twelve chars')

    await composerAlert()
    await eventually(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Not sent. The server refused the message as invalid: Message content is 12 characters; this room allows at most 5.',
      ),
    )
    failedSend('twelve chars')
    await user.type(messageBox(), '123456')
    expect(descriptionOf(messageBox())).toMatch(/^6 \/ 5 characters: too long/)
  })
})

it("406: shows the review handler's reason and offers Retry", async () => {
  const user = await joinThroughPanel()
  emulator.setReviewHandler(DEMO_ROOM_ARN, (request): ReviewResponse =>
    request.Content.includes('buy')
      ? { ReviewResult: 'DENY', Attributes: { Reason: 'No advertising in this room' } }
      : { ReviewResult: 'ALLOW' },
  )

  await send(user, 'buy my stuff')

  expect(await composerAlert()).toBe("Not sent. Rejected by the room's message review: No advertising in this room")
  expect(within(failedSend('buy my stuff')).getByText(/Not sent\. Rejected by the room's message review/)).toBeTruthy()
  expect(within(messageLog()).queryAllByRole('listitem')).toHaveLength(0)
})

it('429: explains the rate limit, cools Send down for a second, then Retry goes through', async () => {
  const timers = useAdvancingFakeTimers()
  const room = await createRoom({ name: 'slow-room', maximumMessageRatePerSecond: 1 })
  const user = await joinThroughPanel({ room: roomOption(room) }, timers)

  // Both in one go: well within the room's one-second window, however busy the machine.
  await user.type(messageBox(), 'first{Enter}second{Enter}')

  expect(await composerAlert()).toBe('Not sent. Too fast for this room. Rate limit exceeded: this room accepts 1 messages per second. Wait a second, then retry.')
  // Once: the line says it, nothing else on the page repeats it.
  expect(screen.getAllByText(/Too fast for this room/)).toHaveLength(1)
  failedSend('second')
  await eventually(() => rowWith('first'))
  await user.type(messageBox(), 'third')
  expect((sendButton() as HTMLButtonElement).disabled).toBe(true)
  await user.type(messageBox(), '{Enter}')
  expect((messageBox() as HTMLTextAreaElement).value).toBe('third')

  act(() => vi.advanceTimersByTime(1_000))

  expect((sendButton() as HTMLButtonElement).disabled).toBe(false)
  await user.click(within(failedSend('second')).getByRole('button', { name: 'Retry' }))
  await eventually(() => rowWith('second'))
  expect(screen.queryByRole('alert')).toBeNull()
})

it('timeout: says the message may not have arrived and offers Retry; a late echo still confirms it', async () => {
  const timers = useAdvancingFakeTimers()
  const user = await joinThroughPanel({}, timers)
  // A review that answers only when the test says so: the server stays silent meanwhile.
  let release!: (response: ReviewResponse) => void
  const answer = new Promise<ReviewResponse>((resolve) => (release = resolve))
  emulator.configure({ reviewTimeoutMs: 60_000 })
  emulator.setReviewHandler(DEMO_ROOM_ARN, () => answer)

  await send(user, 'Anyone there?')
  expect(within(unconfirmed()).getByText('Sending…')).toBeTruthy()
  act(() => vi.advanceTimersByTime(10_000))

  // It went out and no answer came: it may have arrived, so it is "not confirmed", not "not sent".
  expect(await composerAlert()).toBe('Not confirmed: it may have arrived. No answer from the chat server within 10 s.')
  expect(descriptionOf(within(failedSend('Anyone there?')).getByRole('button', { name: 'Retry' }))).toBe('Retry may post it twice.')

  release({ ReviewResult: 'ALLOW' })
  await eventually(() => rowWith('Anyone there?'))
  expect(screen.queryByRole('list', { name: 'Unconfirmed messages' })).toBeNull()
  expect(screen.queryByRole('alert')).toBeNull()
})
