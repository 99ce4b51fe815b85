/**
 * The chat service's time as this page can tell it: the page's clock plus an offset learned from
 * what the service says. Countdowns and the session-end check read it, so that a page whose own
 * clock is minutes off, or an emulator whose time was moved forward, still counts down to the
 * times the service put in its tokens.
 *
 * Readings come from the CreateChatToken response (its session expiry minus the duration asked
 * for), from frames' `SendTime` (late by their delivery time, so they only ever move the
 * estimate forward, and only by more than `FRAME_TOLERANCE_MS`), and, with the in-page
 * emulator, straight from its clock (src/mocking.tsx).
 */
export class ServiceClock {
  readonly #pageNow: () => number
  #offset = 0

  constructor(pageNow: () => number) {
    this.#pageNow = pageNow
  }

  /** The service's time now, in milliseconds since the epoch. */
  readonly now = (): number => this.#pageNow() + this.#offset

  /** The page's own time now (as the client was given it): for delays the page itself runs. */
  readonly pageNow = (): number => this.#pageNow()

  /** How far the service's time is ahead of the page's (negative: behind). */
  get offset(): number {
    return this.#offset
  }

  /** The service's time is `serviceTime` right now. Returns whether the estimate moved. */
  observe(serviceTime: number): boolean {
    if (!Number.isFinite(serviceTime)) return false
    const offset = serviceTime - this.#pageNow()
    if (Math.abs(offset - this.#offset) < SAME_MS) return false
    this.#offset = offset
    return true
  }

  /** The service stamped something `sendTime` and it arrived now: it is at least that late there. */
  observeSendTime(sendTime: number): boolean {
    return sendTime - this.now() > FRAME_TOLERANCE_MS && this.observe(sendTime)
  }
}

/** Readings closer than this to the estimate do not move it (a request's own round trip). */
const SAME_MS = 250
/** A frame's `SendTime` ahead of the estimate by more than this means the service's clock moved. */
const FRAME_TOLERANCE_MS = 1_000
