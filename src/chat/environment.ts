/**
 * What a chat client needs from its surroundings: time, timers, whether the browser is online,
 * and when the next frame is painted. Injected (as TanStack Query injects `onlineManager` and
 * `timeoutManager`) so that two clients in one page share nothing, and a test can hand one a
 * clock that is minutes off, an offline browser, or frames that never come.
 *
 * The defaults read the globals when called, not when created, so Vitest's fake timers and a
 * spied `navigator.onLine` still reach a client made before they were installed.
 */
export interface ChatEnvironment {
  /** The page's wall clock, in milliseconds since the epoch. */
  now(): number
  /** Runs `callback` after `ms`; returns a function that cancels it. */
  setTimeout(callback: () => void, ms: number): () => void
  online: OnlineStatus
  frames: FrameScheduler
  /** In [0, 1): the reconnect backoff's jitter. */
  random(): number
}

export interface OnlineStatus {
  isOnline(): boolean
  /** Calls `listener` when the browser comes back online; returns a function that stops it. */
  onOnline(listener: () => void): () => void
}

export interface FrameScheduler {
  /** Whether a frame will be painted soon (a visible page): otherwise nothing waits for one. */
  framesComing(): boolean
  /** Runs `callback` before the next paint; returns a function that cancels it. */
  requestFrame(callback: () => void): () => void
  /** A monotonic clock for measuring intervals between frames (`performance.now()`). */
  monotonicNow(): number
}

export const browserOnlineStatus: OnlineStatus = {
  isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  onOnline(listener) {
    if (typeof window === 'undefined') return () => {}
    window.addEventListener('online', listener)
    return () => window.removeEventListener('online', listener)
  },
}

export const browserFrames: FrameScheduler = {
  framesComing: () => typeof document !== 'undefined' && document.visibilityState === 'visible' && typeof requestAnimationFrame === 'function',
  requestFrame(callback) {
    const frame = requestAnimationFrame(() => callback())
    return () => cancelAnimationFrame(frame)
  },
  monotonicNow: () => performance.now(),
}

export const browserEnvironment: ChatEnvironment = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms)
    return () => clearTimeout(timer)
  },
  online: browserOnlineStatus,
  frames: browserFrames,
  random: () => Math.random(),
}

/** The browser's environment with some parts replaced. */
export function chatEnvironment(overrides: Partial<ChatEnvironment> = {}): ChatEnvironment {
  return { ...browserEnvironment, ...overrides }
}
