import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EmulatorClock } from '../../mocks/emulator/clock'

/**
 * The emulator's clock: wall time plus an offset that `advance()` moves, with timers that fire
 * when either the wall clock (here Vitest's fake timers) or `advance()` reaches them.
 */

const START = Date.UTC(2026, 10, 28, 12, 0, 0)

beforeEach(() => {
  vi.useFakeTimers({ now: START })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('now and advance', () => {
  it('reads the wall clock plus the time advanced', () => {
    const clock = new EmulatorClock()
    clock.advance(5_000)
    vi.advanceTimersByTime(1_000)

    expect(clock.now()).toBe(START + 6_000)
    expect(clock.offset).toBe(5_000)
  })

  it.each([-1, Number.NaN])('refuses to move by %d', (ms) => {
    expect(() => new EmulatorClock().advance(ms)).toThrow(RangeError)
  })
})

describe('timers', () => {
  it('advance fires every due timer once, in time order, whatever order they were set in', () => {
    const clock = new EmulatorClock()
    const fired: string[] = []
    clock.at(START + 300, () => fired.push('c'))
    clock.at(START + 100, () => fired.push('a'))
    clock.at(START + 200, () => fired.push('b'))
    clock.at(START + 400, () => fired.push('d'))

    clock.advance(300)
    expect(fired).toEqual(['a', 'b', 'c'])
    expect(clock.pendingTimers).toBe(1)

    clock.advance(100)
    expect(fired).toEqual(['a', 'b', 'c', 'd'])
    expect(clock.pendingTimers).toBe(0)
  })

  it('fires a timer exactly when its time is reached, not a millisecond before', () => {
    const clock = new EmulatorClock()
    const callback = vi.fn<() => void>()
    clock.at(START + 1_000, callback)

    clock.advance(999)
    expect(callback).not.toHaveBeenCalled()
    clock.advance(1)
    expect(callback).toHaveBeenCalledOnce()
  })

  it('fires on the wall clock too, through the global setTimeout', () => {
    const clock = new EmulatorClock()
    const callback = vi.fn<() => void>()
    clock.at(START + 1_000, callback)

    vi.advanceTimersByTime(999)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(callback).toHaveBeenCalledOnce()
    expect(clock.pendingTimers).toBe(0)
  })

  it('re-arms what is left after advance, so the wall clock fires it on the new schedule', () => {
    const clock = new EmulatorClock()
    const callback = vi.fn<() => void>()
    clock.at(START + 1_000, callback)

    clock.advance(600)
    vi.advanceTimersByTime(399)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(callback).toHaveBeenCalledOnce()
  })

  it('a timer cancelled by an earlier one in the same advance does not fire', () => {
    const clock = new EmulatorClock()
    const late = vi.fn<() => void>()
    const cancelLate = clock.at(START + 200, late)
    clock.at(START + 100, () => cancelLate())

    clock.advance(500)
    expect(late).not.toHaveBeenCalled()
    expect(clock.pendingTimers).toBe(0)
  })

  it('cancel stops a timer for good, and cancelling twice is harmless', () => {
    const clock = new EmulatorClock()
    const callback = vi.fn<() => void>()
    const cancel = clock.at(START + 100, callback)

    cancel()
    cancel()
    clock.advance(1_000)
    vi.advanceTimersByTime(1_000)
    expect(callback).not.toHaveBeenCalled()
    expect(clock.pendingTimers).toBe(0)
  })

  it('a timer already due when set fires on the next tick', () => {
    const clock = new EmulatorClock()
    const callback = vi.fn<() => void>()
    clock.at(START - 1, callback)

    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(0)
    expect(callback).toHaveBeenCalledOnce()
  })

  it('keeps a timer beyond the 2^31-1 ms setTimeout limit pending instead of firing it at once', () => {
    const clock = new EmulatorClock()
    const callback = vi.fn<() => void>()
    const thirtyDays = 30 * 24 * 60 * 60_000
    clock.at(START + thirtyDays, callback)

    vi.advanceTimersByTime(2_147_483_647)
    expect(callback).not.toHaveBeenCalled()
    clock.advance(thirtyDays - 2_147_483_647)
    expect(callback).toHaveBeenCalledOnce()
  })
})

describe('reset', () => {
  it('cancels every timer and forgets the offset', () => {
    const clock = new EmulatorClock()
    const callback = vi.fn<() => void>()
    clock.at(START + 100, callback)
    clock.at(START + 10_000, callback)
    clock.advance(50)

    clock.reset()
    expect(clock.pendingTimers).toBe(0)
    expect(clock.offset).toBe(0)
    expect(clock.now()).toBe(START)
    vi.advanceTimersByTime(20_000)
    expect(callback).not.toHaveBeenCalled()
    expect(vi.getTimerCount()).toBe(0)
  })
})
