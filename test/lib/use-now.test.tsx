import { act, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatRemaining, useNow } from '../../src/lib/use-now'

describe('formatRemaining', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0)

  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [1_000, '0:01'],
    [59_999, '0:59'],
    [60_000, '1:00'],
    [65_000, '1:05'],
    [3_599_999, '59:59'],
    [3_600_000, '1:00:00'],
    [3_909_000, '1:05:09'],
    [180 * 60_000, '3:00:00'],
  ])('%i ms left reads %s', (left, text) => {
    expect(formatRemaining(now + left, now)).toBe(text)
  })

  it('reads 0:00 once the time has passed, never a negative time', () => {
    expect(formatRemaining(now - 1, now)).toBe('0:00')
    expect(formatRemaining(now - 3_600_000, now)).toBe('0:00')
  })
})

describe('useNow', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('gives the time to the second and ticks every second while mounted', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 28, 12, 0, 0, 400) })
    const { result, unmount } = renderHook(() => useNow())
    const start = Date.UTC(2026, 10, 28, 12, 0, 0)
    expect(result.current).toBe(start)

    act(() => vi.advanceTimersByTime(1_000))
    expect(result.current).toBe(start + 1_000)
    act(() => vi.advanceTimersByTime(5_000))
    expect(result.current).toBe(start + 6_000)

    unmount()
    expect(vi.getTimerCount()).toBe(0)
  })
})
