/**
 * The emulator's sense of time. Every expiry (token, session, rate window) reads `now()` and
 * every timer goes through `at()`, so tests and the demo's panel can move time forward
 * (`advance`) without waiting and without faking the page's own timers.
 *
 * It follows the global `Date.now` and `setTimeout`, so Vitest's fake timers drive it as well.
 */
export interface Clock {
  /** Milliseconds since the epoch, emulator time. */
  now(): number
  /** Runs `callback` once emulator time reaches `time`; returns a function that cancels it. */
  at(time: number, callback: () => void): () => void
}

interface PendingTimer {
  time: number
  callback: () => void
  handle: ReturnType<typeof setTimeout> | undefined
}

export class EmulatorClock implements Clock {
  #offset = 0
  /** The latest time `now()` has answered: emulator time never runs backwards. */
  #latest = Number.NEGATIVE_INFINITY
  readonly #timers = new Set<PendingTimer>()

  /**
   * Milliseconds since the epoch, emulator time: the wall clock plus every `advance`, never
   * running backwards.
   * @example
   * ```ts
   * const expiresAt = emulator.clock.now() + 60_000
   * ```
   */
  now(): number {
    const now = Date.now() + this.#offset
    if (now >= this.#latest) {
      this.#latest = now
      return now
    }
    // The wall clock stepped back (NTP, a changed system time). Emulator time does not: the
    // step joins the offset, so an expired token stays expired and rate windows keep moving.
    this.#offset += this.#latest - now
    return this.#latest
  }

  /**
   * Runs `callback` once emulator time reaches `time`, whether the wall clock or `advance` gets it
   * there; returns a function that cancels it.
   * @example
   * ```ts
   * const cancel = emulator.clock.at(emulator.clock.now() + 5_000, () => console.info('five seconds on'))
   * cancel()
   * ```
   */
  at(time: number, callback: () => void): () => void {
    const timer: PendingTimer = { time, callback, handle: undefined }
    this.#timers.add(timer)
    this.#arm(timer)
    return () => this.#cancel(timer)
  }

  /**
   * Moves emulator time forward by `ms` and runs every timer that falls due, in time order.
   * `emulator.advanceTime(ms)` does this and also refreshes the panel.
   * @throws RangeError for a negative duration.
   * @example
   * ```ts
   * emulator.clock.advance(30_000)
   * ```
   */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance() takes a non-negative duration, got ${ms}`)
    this.#offset += ms
    const due = [...this.#timers].filter((t) => t.time <= this.now()).sort((a, b) => a.time - b.time)
    for (const timer of due) this.#fire(timer)
    for (const timer of this.#timers) this.#arm(timer)
  }

  /**
   * How far emulator time is ahead of the wall clock, in ms.
   * @example
   * ```ts
   * expect(emulator.clock.offset).toBe(0)
   * ```
   */
  get offset(): number {
    return this.#offset
  }

  /**
   * Forgets the offset and cancels every timer (`emulator.reset()` calls it).
   * @internal
   */
  reset(): void {
    for (const timer of this.#timers) this.#cancel(timer)
    this.#offset = 0
    this.#latest = Number.NEGATIVE_INFINITY
  }

  /**
   * Timers still pending: after every socket is closed and the chatters stopped, none should be.
   * @example
   * ```ts
   * expect(emulator.clock.pendingTimers).toBe(0)
   * ```
   */
  get pendingTimers(): number {
    return this.#timers.size
  }

  #arm(timer: PendingTimer): void {
    if (timer.handle !== undefined) clearTimeout(timer.handle)
    // Browsers clamp delays above 2^31-1 ms to 0; a long session re-arms itself instead.
    const delay = Math.min(Math.max(0, timer.time - this.now()), 2_147_483_647)
    timer.handle = setTimeout(() => {
      timer.handle = undefined
      if (timer.time <= this.now()) this.#fire(timer)
      else this.#arm(timer)
    }, delay)
  }

  #fire(timer: PendingTimer): void {
    if (!this.#timers.has(timer)) return
    this.#cancel(timer)
    timer.callback()
  }

  #cancel(timer: PendingTimer): void {
    if (timer.handle !== undefined) clearTimeout(timer.handle)
    timer.handle = undefined
    this.#timers.delete(timer)
  }
}
