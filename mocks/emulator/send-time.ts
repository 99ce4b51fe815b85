/**
 * `SendTime` as IVS Chat writes it: RFC 3339 in UTC with nanoseconds
 * (`2022-12-02T08:21:20.754555595Z`). The sub-millisecond digits count up within one
 * millisecond, so frames sent in one millisecond still sort in the order they were sent.
 */
export class SendTimes {
  #lastMs = 0
  #counter = 0

  next(nowMs: number): string {
    if (nowMs === this.#lastMs) this.#counter++
    else {
      this.#lastMs = nowMs
      this.#counter = 0
    }
    const iso = new Date(nowMs).toISOString() // 2022-12-02T08:21:20.754Z
    return `${iso.slice(0, -1)}${String(Math.min(this.#counter, 999_999)).padStart(6, '0')}Z`
  }
}
