import type { TokenRejection } from './tokens.ts'

/** A refused connection, as `emulator.rejections()` lists it. */
export interface Rejection {
  /** Emulator time of the refusal (ms since the epoch). */
  time: number
  reason: TokenRejection
}

/** Refusals kept; older ones are dropped so a long-running demo stays bounded. */
const REJECTIONS_KEPT = 100

/**
 * The connections the chat service refused, newest last, for the panel and for tests
 * (a refused handshake reaches the SDK only as a socket error, without the reason).
 */
export class RejectionLog {
  readonly #entries: Rejection[] = []
  readonly #now: () => number
  readonly #onChange: () => void

  constructor(now: () => number, onChange: () => void = () => {}) {
    this.#now = now
    this.#onChange = onChange
  }

  record(reason: TokenRejection): void {
    this.#entries.push({ time: this.#now(), reason })
    if (this.#entries.length > REJECTIONS_KEPT) this.#entries.shift()
    this.#onChange()
  }

  list(): Rejection[] {
    return [...this.#entries]
  }

  clear(): void {
    this.#entries.length = 0
  }
}
