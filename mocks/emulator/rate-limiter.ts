/**
 * A sliding one-second window: at most `limit` events in any 1,000 ms. AWS documents the limits
 * (room: `maximumMessageRatePerSecond`, all senders together; connection: 10 requests/s)
 * but not the window algorithm (UNCONFIRMED; see FIDELITY.md).
 */
export class RateWindow {
  readonly #times: number[] = []

  /** Records an event at `now` if the window has room and says whether it did. */
  tryTake(now: number, limit: number): boolean {
    while (this.#times.length > 0 && this.#times[0]! <= now - 1_000) this.#times.shift()
    if (this.#times.length >= limit) return false
    this.#times.push(now)
    return true
  }
}
