import { act, screen } from '@testing-library/react'
import { expect, it, vi } from 'vitest'
import { emulator } from '../../mocks/node'
import type { ConnectionStatus } from '../../src/chat/chat-store'
import { appChat, descriptionOf, eventually, joinThroughPanel, setupChatUi, useAdvancingFakeTimers } from './chat-ui-helpers'

setupChatUi()

const tokenTimer = () => screen.getByRole('timer', { name: 'Token expires in' })
const sessionTimer = () => screen.getByRole('timer', { name: 'Session expires in' })

/** `1:05:09` → 3909, `4:09` → 249. */
function seconds(timer: HTMLElement): number {
  const parts = (timer.textContent ?? '').split(':').map(Number)
  if (parts.length < 2 || parts.some((n) => !Number.isInteger(n))) throw new Error(`Not a countdown: ${timer.textContent}`)
  return parts.reduce((total, n) => total * 60 + n, 0)
}

/**
 * Every connection status from now on, as the store went through them (React may render two
 * quick changes at once, so the DOM alone cannot show a short "Reconnecting…").
 */
function recordStatuses(): ConnectionStatus[] {
  const seen: ConnectionStatus[] = []
  appChat().client.store.subscribe((state) => {
    if (seen.at(-1) !== state.status) seen.push(state.status)
  })
  return seen
}

it('counts down to the token and session expiry from the CreateChatToken response, every second', async () => {
  const timers = useAdvancingFakeTimers()
  await joinThroughPanel({ duration: '2' }, timers)

  // Whole seconds left, never more than the lifetime: a 60-minute token starts at 1:00:00.
  // (The lower bounds leave room for the real time the join took on a busy machine.)
  const token = seconds(tokenTimer())
  const session = seconds(sessionTimer())
  expect(token).toBeGreaterThanOrEqual(3_590)
  expect(token).toBeLessThanOrEqual(3_600)
  expect(session).toBeGreaterThanOrEqual(110)
  expect(session).toBeLessThanOrEqual(120)
  expect(descriptionOf(tokenTimer())).toMatch(/next connection requests a new token/)
  expect(descriptionOf(sessionTimer())).toMatch(/service ends the session and the client renews it with a fresh token/)

  act(() => vi.advanceTimersByTime(5_000))

  // Five seconds of fake time, plus whatever real time went by meanwhile (well under a second).
  expect(token - seconds(tokenTimer())).toBeGreaterThanOrEqual(5)
  expect(token - seconds(tokenTimer())).toBeLessThanOrEqual(6)
  expect(session - seconds(sessionTimer())).toBeGreaterThanOrEqual(5)
  expect(session - seconds(sessionTimer())).toBeLessThanOrEqual(6)
  expect(sessionTimer().textContent).toMatch(/^1:5\d$/)
})

it('renews the session at its expiry: reconnecting, then connected, and the session countdown restarts', async () => {
  const timers = useAdvancingFakeTimers()
  await joinThroughPanel({ duration: '1' }, timers)
  const firstSession = emulator.sessions()[0]!.id
  act(() => vi.advanceTimersByTime(30_000))
  expect(seconds(sessionTimer())).toBeLessThanOrEqual(30)
  const statuses = recordStatuses()

  // Up to just before the expiry; real time (which the fake clock follows) does the rest, so the
  // emulator's ERROR 401 reaches the socket before its close, as on the wire.
  act(() => vi.advanceTimersByTime(29_900))
  await eventually(() => expect(emulator.sessions().map((s) => s.id)).not.toContain(firstSession))

  await eventually(() => expect(statuses).toEqual(['reconnecting', 'connected']))
  expect(screen.getByRole('status').textContent).toBe('Connected')
  expect(emulator.sessions()).toHaveLength(1)
  // Restarted from the new session's full minute (it read at most 0:30 before).
  expect(seconds(sessionTimer())).toBeGreaterThanOrEqual(50)
  expect(seconds(sessionTimer())).toBeLessThanOrEqual(60)
  expect(descriptionOf(sessionTimer())).toMatch(/Renewed 1 time\./)
})

it('renews when the emulator ends the session early (the panel\'s "End session now")', async () => {
  const timers = useAdvancingFakeTimers()
  await joinThroughPanel({ duration: '5' }, timers)
  act(() => vi.advanceTimersByTime(90_000))
  expect(seconds(sessionTimer())).toBeLessThanOrEqual(210)
  const statuses = recordStatuses()

  expect(emulator.chat.endSession(emulator.sessions()[0]!.id)).toBe(true)

  await eventually(() => expect(statuses).toEqual(['reconnecting', 'connected']))
  expect(screen.getByRole('status').textContent).toBe('Connected')
  // The new session's five minutes (it read 3:30 at most before).
  expect(seconds(sessionTimer())).toBeGreaterThanOrEqual(290)
  expect(seconds(sessionTimer())).toBeLessThanOrEqual(300)
  expect(descriptionOf(sessionTimer())).toMatch(/Renewed 1 time\./)
})

it('renews on its own when the service only closes the socket at the session expiry', async () => {
  const timers = useAdvancingFakeTimers()
  emulator.configure({ sessionEnd: 'close' })
  await joinThroughPanel({ duration: '1' }, timers)
  const statuses = recordStatuses()

  // One jump past the expiry: the close comes with no ERROR 401 before it.
  act(() => vi.advanceTimersByTime(60_000))

  await eventually(() => expect(statuses).toEqual(['disconnected', 'reconnecting', 'connected']))
  expect(screen.getByRole('status').textContent).toBe('Connected')
  expect(emulator.sessions()).toHaveLength(1)
  expect(seconds(sessionTimer())).toBeGreaterThanOrEqual(50)
  expect(descriptionOf(sessionTimer())).toMatch(/Renewed 1 time\./)
})
