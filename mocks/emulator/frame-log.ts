/** One frame through the emulated socket, or a connection event, for the panel and for tests. */
export interface FrameLogEntry {
  seq: number
  time: number
  direction: 'in' | 'out' | 'event'
  connectionId: string
  userId: string
  roomArn: string
  /** The frame's text, or for `event` a short description (connected, refused: expired, closed 1000). */
  text: string
}

/** A ring of the newest frames: long sessions never grow it past its limit. */
export class FrameLog {
  #entries: FrameLogEntry[] = []
  #seq = 0
  #limit: number
  readonly #listeners = new Set<(entry: FrameLogEntry) => void>()
  readonly #onChange: () => void

  /**
   * @param onChange told when the log is cleared; new entries reach
   * `subscribe` listeners instead, so a busy room does not refresh the whole panel per frame.
   */
  constructor(limit: number, onChange: () => void = () => {}) {
    this.#limit = limit
    this.#onChange = onChange
  }

  /**
   * Appends an entry (the chat service logs every frame and connection event).
   * @internal
   */
  add(entry: Omit<FrameLogEntry, 'seq'>): void {
    const full = { ...entry, seq: ++this.#seq }
    this.#entries.push(full)
    // Trim in batches so a busy room does not shift the array on every frame.
    if (this.#entries.length > this.#limit * 1.25) this.#entries = this.#entries.slice(-this.#limit)
    for (const listener of this.#listeners) listener(full)
  }

  /**
   * The kept entries, oldest first.
   * @example
   * ```ts
   * const refused = emulator.frameLog.entries().filter((entry) => entry.text.startsWith('connection refused'))
   * ```
   */
  entries(): FrameLogEntry[] {
    return this.#entries.slice(-this.#limit)
  }

  /**
   * How many entries are kept; `emulator.configure({ frameLogLimit })` sets it.
   * @internal
   */
  setLimit(limit: number): void {
    this.#limit = limit
    this.#entries = this.#entries.slice(-limit)
  }

  /**
   * Forgets every entry.
   * @example
   * ```ts
   * emulator.frameLog.clear()
   * ```
   */
  clear(): void {
    this.#entries = []
    this.#onChange()
  }

  /**
   * Calls `listener` with each new entry as it is logged.
   * @returns the function that unsubscribes.
   * @example
   * ```ts
   * const texts: string[] = []
   * const stop = emulator.frameLog.subscribe((entry) => texts.push(entry.text))
   * stop()
   * ```
   */
  subscribe(listener: (entry: FrameLogEntry) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
