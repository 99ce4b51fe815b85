import { useSyncExternalStore } from 'react'

/** Whether a media query matches now, re-rendering when that changes; false where there is no `matchMedia` (jsdom). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      if (typeof matchMedia !== 'function') return () => {}
      const list = matchMedia(query)
      list.addEventListener('change', notify)
      return () => list.removeEventListener('change', notify)
    },
    () => typeof matchMedia === 'function' && matchMedia(query).matches,
    () => false,
  )
}

/**
 * A screen with no hover (a phone, a tablet): actions that appear on hover elsewhere must be
 * reachable another way there.
 */
export const TOUCH_SCREEN_QUERY = '(hover: none), (pointer: coarse)'
