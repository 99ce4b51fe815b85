import { mergeLines, type ChatLine } from './chat-line'
import { HISTORY_LIMIT, type ChatStore } from './chat-store'
import type { FrameScheduler } from './environment'

/** A frame at 60 Hz: messages merged less than this apart mean a busy room. */
const FRAME_MS = 16
/** More messages than this in one task is a burst. */
const BURST = 50
/**
 * How long queued messages wait for a frame before they are merged anyway: a tab hidden after
 * the frame was requested gets none (and its timers run at most once a second).
 */
const FRAME_WAIT_MS = 100

/**
 * Where one client's incoming messages wait to be merged into its store. In a quiet room the
 * messages of one task are merged at once; in a busy one (the last merge was less than a frame
 * ago), and for a burst (many in one task), everything that arrives before the next frame is
 * merged in one update, in that frame.
 *
 * Why: zustand updates React through `useSyncExternalStore`, which renders synchronously on
 * every store change, and a socket delivers each frame in a task of its own. Merging per task
 * rendered the list once per message (200 renders a second in a busy room, long tasks on a
 * 2-core machine); merging per frame renders it at most once per paint, in the frame's
 * `requestAnimationFrame` callback, so the message is still painted in that frame, and a
 * burst's render is not added to the task that received it. A quiet room skips the wait: a
 * message rendered when it arrives is on screen at the next paint without that paint also
 * waiting for its render. Where there are no frames (Node, a hidden page), the messages of
 * one task are merged.
 */
export class MessageInbox {
  readonly #store: ChatStore
  readonly #frames: FrameScheduler
  readonly #setTimeout: (callback: () => void, ms: number) => () => void
  #queued: ChatLine[] = []
  #cancelScheduledFlush: (() => void) | undefined
  #lastFlush = Number.NEGATIVE_INFINITY

  constructor(store: ChatStore, frames: FrameScheduler, setTimeout: (callback: () => void, ms: number) => () => void) {
    this.#store = store
    this.#frames = frames
    this.#setTimeout = setTimeout
  }

  received(line: ChatLine): void {
    if (this.#queued.length === 0) this.#scheduleFlush()
    this.#queued.push(line)
  }

  /** Merges what is queued now (before a change that must see every message, such as a delete). */
  flush(): void {
    this.#cancelScheduledFlush?.()
    this.#cancelScheduledFlush = undefined
    const incoming = this.#queued
    this.#queued = []
    if (incoming.length === 0) return
    this.#lastFlush = this.#frames.monotonicNow()
    this.#store.setState((state) => {
      const { lines, known } = mergeLines(state.lines, state.knownIds, incoming, HISTORY_LIMIT)
      const confirmed = new Set(incoming.map((line) => line.requestId).filter(Boolean))
      return { lines, knownIds: known, pending: confirmed.size > 0 ? state.pending.filter((p) => !confirmed.has(p.requestId)) : state.pending }
    })
  }

  /** Forgets what is queued (leaving the room). */
  clear(): void {
    this.#cancelScheduledFlush?.()
    this.#cancelScheduledFlush = undefined
    this.#queued = []
  }

  #scheduleFlush(): void {
    if (!this.#frames.framesComing()) queueMicrotask(() => this.flush())
    else if (this.#frames.monotonicNow() - this.#lastFlush < FRAME_MS) this.#flushAtNextFrame()
    else queueMicrotask(() => (this.#queued.length > BURST ? this.#flushAtNextFrame() : this.flush()))
  }

  #flushAtNextFrame(): void {
    const cancelFrame = this.#frames.requestFrame(() => this.flush())
    const cancelTimer = this.#setTimeout(() => this.flush(), FRAME_WAIT_MS)
    this.#cancelScheduledFlush = () => {
      cancelFrame()
      cancelTimer()
    }
  }
}
