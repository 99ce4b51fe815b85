import { act, screen, within } from '@testing-library/react'
import { expect, it, vi } from 'vitest'
import { createRoom, eventually, joinThroughPanel, roomOption, rowWith, setupChatUi, useAdvancingFakeTimers } from './chat-ui-helpers'

/** Issue 11.5: errors once, fresh, in plain words. */
setupChatUi()

const messageBox = () => screen.getByRole('textbox', { name: 'Message' })
const unconfirmedLine = (content: string) =>
  within(screen.getByRole('list', { name: 'Unconfirmed messages' }))
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes(content))!

it('shows a 429 once, without nested parentheses, and drops it after a later send goes through', async () => {
  const timers = useAdvancingFakeTimers()
  const room = await createRoom({ name: 'slow-room', maximumMessageRatePerSecond: 1 })
  const user = await joinThroughPanel({ room: roomOption(room) }, timers)

  await user.type(messageBox(), 'first{Enter}second{Enter}')

  const alert = await screen.findByRole('alert')
  expect(screen.getAllByText(/Too fast for this room/)).toHaveLength(1)
  expect(alert.textContent).not.toMatch(/\([^)]*\(/)
  await eventually(() => rowWith('first'))

  act(() => vi.advanceTimersByTime(1_000))
  await user.type(messageBox(), 'third{Enter}')
  await eventually(() => rowWith('third'))

  // "second" still waits for Retry or Discard, but the rate limit no longer applies: it says so no more.
  await eventually(() => expect(unconfirmedLine('second').textContent).not.toMatch(/Too fast/))
  expect(within(unconfirmedLine('second')).getByRole('alert').textContent).toBe('Not sent.')
  expect(screen.queryAllByText(/Too fast for this room/)).toHaveLength(0)
})
