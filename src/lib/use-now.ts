import { useSyncExternalStore } from 'react'

/**
 * The current time by `clock` (the page's by default), rounded down to `intervalMs` and
 * re-rendering that often while mounted (for countdowns).
 */
export function useNow(intervalMs = 1_000, clock: () => number = Date.now): number {
  return useSyncExternalStore(
    (notify) => {
      const timer = setInterval(notify, intervalMs)
      return () => clearInterval(timer)
    },
    () => Math.floor(clock() / intervalMs) * intervalMs,
  )
}

/**
 * `1:05:09`, `4:09`, `0:00`: whole seconds left until `target`. Rounded down: `now` from
 * `useNow` is already rounded down to the second, and rounding up as well showed a fresh
 * 60-minute token as `1:00:01`.
 */
export function formatRemaining(target: number, now: number): string {
  const total = Math.max(0, Math.floor((target - now) / 1_000))
  const hours = Math.floor(total / 3_600)
  const minutes = Math.floor((total % 3_600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}
