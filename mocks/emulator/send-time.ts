/**
 * `SendTime` as IVS Chat writes it: RFC 3339 in UTC with nanoseconds
 * (`2022-12-02T08:21:20.754555595Z`).
 *
 * AWS's chat SDK keeps only milliseconds (`new Date(SendTime)`), so two frames sent in the same
 * millisecond would be indistinguishable to a client that orders by send time. The emulator
 * therefore gives every frame its own millisecond, strictly increasing: a burst of N frames
 * spreads over N ms (see FIDELITY.md).
 */
export class SendTimes {
  #lastMs = 0

  next(nowMs: number): string {
    const ms = Math.max(nowMs, this.#lastMs + 1)
    this.#lastMs = ms
    const iso = new Date(ms).toISOString() // 2022-12-02T08:21:20.754Z
    return `${iso.slice(0, -1)}000000Z`
  }
}
