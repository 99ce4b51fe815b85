import { act, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { followServiceClock } from '../../src/chat/follow-service-clock'
import { appChat, descriptionOf, eventually, joinThroughPanel, setupChatUi } from './chat-ui-helpers'

/**
 * Issue 11.1: the countdowns follow the service's clock, not the page's. The emulator's clock
 * here is the service's; `followServiceClock` is the demo page's glue (src/mocking.tsx, src/chat/follow-service-clock.ts).
 */
setupChatUi()

const MINUTE = 60_000
const tokenTimer = () => screen.getByRole('timer', { name: 'Token expires in' })
const sessionTimer = () => screen.getByRole('timer', { name: 'Session expires in' })

/** `1:05:09` → 3909, `4:09` → 249. */
function seconds(timer: HTMLElement): number {
  const parts = (timer.textContent ?? '').split(':').map(Number)
  if (parts.length < 2 || parts.some((n) => !Number.isInteger(n))) throw new Error(`Not a countdown: ${timer.textContent}`)
  return parts.reduce((total, n) => total * 60 + n, 0)
}

it('after Advance time by 30 minutes, both countdowns read 30 minutes less at once', async () => {
  await joinThroughPanel({ duration: '60' })
  const stop = followServiceClock(emulator, appChat().client)
  try {
    const before = { session: seconds(sessionTimer()), token: seconds(tokenTimer()) }
    expect(before.session).toBeGreaterThan(59 * 60)

    act(() => emulator.advanceTime(30 * MINUTE))

    // No waiting for the next tick: the store's clock offset changed, the countdowns re-render.
    expect(before.session - seconds(sessionTimer())).toBeGreaterThanOrEqual(30 * 60)
    expect(before.session - seconds(sessionTimer())).toBeLessThanOrEqual(30 * 60 + 1)
    expect(before.token - seconds(tokenTimer())).toBeGreaterThanOrEqual(30 * 60)
    expect(before.token - seconds(tokenTimer())).toBeLessThanOrEqual(30 * 60 + 1)
  } finally {
    stop()
  }
})

it('after the session ends on a clock moved ahead, the renewed session counts down from its full length (not 2:00 for a 1-minute session)', async () => {
  // No glue: the client learns the service's time from the new token alone.
  await joinThroughPanel({ duration: '1' })

  act(() => emulator.advanceTime(MINUTE))

  await eventually(() => expect(descriptionOf(sessionTimer())).toMatch(/Renewed 1 time\./))
  expect(seconds(sessionTimer())).toBeGreaterThanOrEqual(55)
  expect(seconds(sessionTimer())).toBeLessThanOrEqual(60)
  expect(seconds(tokenTimer())).toBeLessThanOrEqual(60 * 60)
  expect(screen.getByRole('status').textContent).toBe('Connected')
})

it('in a page whose clock is 5 minutes behind, shows the same countdowns, ends the session at zero and renews it', async () => {
  await joinThroughPanel({ duration: '1' }, { client: { environment: { now: () => Date.now() - 5 * MINUTE } } })
  const stop = followServiceClock(emulator, appChat().client)
  try {
    // Not 6:00: the service's minute, whatever the page's clock says.
    expect(seconds(sessionTimer())).toBeGreaterThanOrEqual(55)
    expect(seconds(sessionTimer())).toBeLessThanOrEqual(60)
    expect(seconds(tokenTimer())).toBeLessThanOrEqual(60 * 60)
    expect(seconds(tokenTimer())).toBeGreaterThanOrEqual(59 * 60)

    act(() => emulator.advanceTime(MINUTE - 1_000))
    expect(seconds(sessionTimer())).toBeLessThanOrEqual(1)

    act(() => emulator.advanceTime(1_000))

    await eventually(() => expect(descriptionOf(sessionTimer())).toMatch(/Renewed 1 time\./))
    expect(seconds(sessionTimer())).toBeGreaterThanOrEqual(55)
    expect(seconds(sessionTimer())).toBeLessThanOrEqual(60)
    expect(screen.getByRole('status').textContent).toBe('Connected')
  } finally {
    stop()
  }
})
