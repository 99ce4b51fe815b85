import { screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { followServiceClock } from '../../src/chat/follow-service-clock'
import { appChat, eventually, joinThroughPanel, messageLog, setupChatUi } from './chat-ui-helpers'

/** Issue 11.2: every failure on the way back is visible, and what happens next. */
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

const FAST = { client: { backoff: { baseMs: 40, capMs: 200, maxAttempts: 2 } } }

it('names each of three refused token requests during a reconnect, with the next attempt, then notes the reconnect in the timeline', async () => {
  await joinThroughPanel({}, FAST)
  const texts = recordStatusTexts()
  // Three: all within the SDK's own retries, which used to hide them ("Reconnecting…", then "Connected").
  emulator.faults.failNextTokenRequests(3, 'AccessDeniedException')

  emulator.chat.dropConnection(emulator.sessions()[0]!.id)

  await eventually(() => expect(texts.slice(1).at(-1)).toBe('Connected'))
  const refused = texts.filter((text) => text.includes('(AccessDeniedException)'))
  // One line per refusal, each with the try that comes next (the first try was attempt 1; a line
  // may show twice, as "in 1 s" and then "now").
  expect([...new Set(refused.map((text) => /attempt (\d+)/.exec(text)?.[1]))]).toEqual(['2', '3', '4'])
  for (const text of refused) expect(text).toMatch(/^The token request failed \(AccessDeniedException\)\. Reconnecting \(attempt \d\) (in \d+ s|now)…$/)
  await eventually(() => within(messageLog()).getByText(/^Reconnected after 3 failed tries, the last: AccessDeniedException\./))
})

it('gives up with a readable final state, how many tries it made, and Join again, which works', async () => {
  const user = await joinThroughPanel({}, FAST)
  emulator.faults.failNextTokenRequests(100, 'AccessDeniedException')

  emulator.chat.dropConnection(emulator.sessions()[0]!.id)

  // The SDK's four tries, then two more rounds of four after the client's backoff (maxAttempts 2).
  await eventually(() => expect(screen.getByRole('status').textContent).toMatch(/^Disconnected: /), 8_000)
  const tries = 100 - emulator.faults.pending().tokenFaults.length
  expect(tries).toBe(12)
  expect(screen.getByRole('status').textContent).toBe(`Disconnected: the token request failed (AccessDeniedException). Gave up after ${tries} tries; use Join again.`)
  expect(screen.getByRole('textbox', { name: 'Message' }).hasAttribute('disabled')).toBe(true)
  expect(screen.getAllByRole('timer').map((timer) => timer.textContent)).toEqual(['Ended', 'Ended'])
  emulator.faults.clear()

  await user.click(screen.getByRole('button', { name: 'Join again' }))

  await eventually(() => expect(screen.getByRole('status').textContent).toBe('Connected'))
  expect(emulator.sessions()).toHaveLength(1)
})

it('notes a session renewal in the timeline', async () => {
  await joinThroughPanel({ duration: '1' })
  // As in the demo page: the client hears of the emulator's clock (src/mocking.tsx).
  const stop = followServiceClock(emulator, appChat().client)

  emulator.advanceTime(60_000)

  await eventually(() => within(messageLog()).getByText(/^Session renewed with a new token\./))
  expect(screen.getByRole('status').textContent).toBe('Connected')
  stop()
})
