import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { describeStatus } from '../../src/features/chat/ConnectionStatus'
import { createRoom, deleteRoom, eventually, joinThroughPanel, roomOption, setupChatUi } from './chat-ui-helpers'

setupChatUi()

/** Every text the status line showed from now on, in order. */
function recordStatusTexts(): string[] {
  const status = screen.getByRole('status')
  const seen = [status.textContent ?? '']
  new MutationObserver(() => {
    const text = status.textContent ?? ''
    if (seen.at(-1) !== text) seen.push(text)
  }).observe(status, { subtree: true, childList: true, characterData: true })
  return seen
}

it('reconnects after a network drop, with a fresh token, and says so meanwhile', async () => {
  await joinThroughPanel()
  const first = emulator.sessions()[0]!.id
  const texts = recordStatusTexts()

  expect(emulator.chat.dropConnection(first)).toBe(true)

  await eventually(() => expect(texts.slice(1).at(-1)).toBe('Connected'))
  expect(texts.slice(1, -1)).toContain('Reconnecting…')
  expect(emulator.sessions()).toHaveLength(1)
  expect(emulator.sessions()[0]!.id).not.toBe(first)
})

it('explains a token request that fails while reconnecting, naming the exception, with the attempt and the next try, then recovers', async () => {
  await joinThroughPanel()
  const texts = recordStatusTexts()
  // The SDK asks four times (one try and three retries) before the app's own backoff takes over.
  emulator.faults.failNextTokenRequests(4, 'AccessDeniedException')

  emulator.chat.dropConnection(emulator.sessions()[0]!.id)

  // The tries now wait their backoff (up to 0.5, 1 and 2 s): a longer wait than the default.
  await eventually(() => expect(texts.slice(1).at(-1)).toBe('Connected'), 10_000)
  const explained = texts.filter((text) => text.startsWith('The token request failed'))
  expect(explained.length).toBeGreaterThan(0)
  for (const text of explained) {
    expect(text).toMatch(/^The token request failed \(AccessDeniedException\)\. Reconnecting \(attempt \d+\) (in \d+ s|now)…$/)
  }
})

it('says the server closed the connection when the room is deleted, and why Join again then fails', async () => {
  const room = await createRoom({ name: 'short-lived' })
  const user = await joinThroughPanel({ room: roomOption(room) })

  await deleteRoom(room.arn)

  await eventually(() => expect(screen.getByRole('status').textContent).toBe('Disconnected: the chat server closed the connection.'))
  expect(screen.getByText('You are disconnected from the room.')).toBeTruthy()

  await user.click(screen.getByRole('button', { name: 'Join again' }))

  await eventually(() => expect(screen.getByRole('status').textContent).toMatch(/^Disconnected: the token request failed \(.+\)\.$/))
  expect(emulator.sessions()).toHaveLength(0)
})

describe('describeStatus', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0)

  it.each([
    [undefined, undefined, 'Reconnecting…'],
    [{ kind: 'network', message: 'socket closed' }, { attempt: 2, at: now + 1_500, offline: false }, 'The network connection was lost (socket closed). Reconnecting (attempt 2) in 1 s…'],
    [{ kind: 'session-ended' }, { attempt: 1, at: now + 400, offline: false }, 'The session ended. Reconnecting (attempt 1) now…'],
    [{ kind: 'network', message: 'offline' }, { attempt: 1, at: Number.NaN, offline: true }, 'The network connection was lost (offline). You are offline; reconnecting when the network is back.'],
  ] as const)('reconnecting because of %j', (cause, retry, text) => {
    expect(describeStatus('reconnecting', cause, retry, now)).toBe(text)
  })

  it.each([
    [{ kind: 'kicked', reason: 'spam' }, 'Disconnected: you were removed from the room by a moderator (“spam”).'],
    [{ kind: 'kicked' }, 'Disconnected: you were removed from the room by a moderator.'],
    [{ kind: 'server-closed' }, 'Disconnected: the chat server closed the connection.'],
    [{ kind: 'left' }, 'Disconnected: you left the room.'],
  ] as const)('disconnected because of %j', (cause, text) => {
    expect(describeStatus('disconnected', cause, undefined, now)).toBe(text)
  })
})
