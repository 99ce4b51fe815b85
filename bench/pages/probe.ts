/**
 * The benchmarks' instruments inside a page: the runner adds this module to the app's page
 * (and to the naive control's) as an inline script, so it must import nothing. It exposes
 * `window.benchProbe`; every time it returns is epoch milliseconds (`performance.timeOrigin`
 * plus `performance.now()`), so that two tabs' times compare.
 */

/** The slice of the in-page emulator (`window.ivschatEmulator`) the benchmarks drive. */
interface PageEmulator {
  chat: {
    injectMessage(roomArn: string, sender: { userId: string; attributes?: Record<string, string> }, content: string): string
    dropConnection(connectionId: string): boolean
  }
  sessions(): { id: string; userId: string; roomArn: string }[]
}

const DEMO_ROOM_ARN = 'arn:aws:ivschat:us-west-2:123456789012:room/DemoChatRoom'
/** The message list of the app (and of the naive control, which copies its markup). */
const LIST_SELECTOR = '[role="log"][aria-label="Messages"]'
/** Every benchmark message carries its number as `[m<n>]`, so a paint can be matched to it. */
const TAG = /\[m(\d+)\]/g

const SENDERS: { userId: string; attributes: Record<string, string> }[] = [
  { userId: 'sim-ada', attributes: { displayName: 'Ada', color: '#1f77b4', badges: 'moderator' } },
  { userId: 'sim-noa', attributes: { displayName: 'נועה', color: '#d62728' } },
  { userId: 'sim-omar', attributes: { displayName: 'عمر', color: '#2ca02c', badges: 'vip' } },
  { userId: 'sim-li', attributes: { displayName: 'Li 🌟', color: '#9467bd' } },
  { userId: 'sim-sam', attributes: { displayName: 'Sam' } },
  { userId: 'sim-eve', attributes: { displayName: 'Eve', color: '#8c564b', badges: 'subscriber' } },
]
const WORDS = ['hello', 'stream', 'that', 'was', 'amazing', 'שלום', 'מה', 'נשמע', 'مرحبا', 'كيف', 'الحال', '🎉', '🔥', 'gg', 'again', 'please', 'look', 'at', 'this', 'play', 'wow', 'نعم', 'כן', '😂']

/** Message `n`: 3–19 words of mixed scripts (rows of varying height), tagged with its number. */
export function contentOf(n: number): string {
  let seed = (n * 2654435761) >>> 0
  const next = () => {
    seed = (seed * 1103515245 + 12345) >>> 0
    return seed >>> 8
  }
  const words = 3 + (next() % 17)
  const text: string[] = []
  for (let i = 0; i < words; i++) text.push(WORDS[next() % WORDS.length]!)
  return `[m${n}] ${text.join(' ')}`
}

/** The app's chat state, read through `window.ivschatChat()` (src/mocking.tsx). */
function chatLines(): { content: string }[] {
  const read = (window as unknown as { ivschatChat?: () => { lines: { content: string }[] } }).ivschatChat
  if (!read) throw new Error('window.ivschatChat is not there')
  return read().lines
}

function emulator(): PageEmulator {
  const handle = (window as unknown as { ivschatEmulator?: PageEmulator }).ivschatEmulator
  if (!handle) throw new Error('window.ivschatEmulator is not there: the in-page emulator has not started')
  return handle
}

function epochNow(): number {
  return performance.timeOrigin + performance.now()
}

/**
 * One channel for every `afterPaint`, its callbacks in order: a channel per call would leave
 * a pair of ports per call to the garbage collector, and the memory figure counts the heap.
 */
const paintChannel = new MessageChannel()
const afterPaintQueue: (() => void)[] = []
paintChannel.port1.addEventListener('message', () => afterPaintQueue.shift()?.())
paintChannel.port1.start()

/** Resolves just after the next frame is painted: a rAF callback runs before paint, a task posted from it after. */
function afterPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      afterPaintQueue.push(() => resolve(epochNow()))
      paintChannel.port2.postMessage(null)
    })
  })
}

/**
 * Whether the page is inside a frame, between its first rAF callback and its paint. The
 * probe's own rAF loop marks the start, and a task it posts from there, which runs after the
 * paint, the end. The loop also keeps frames coming at the display's rate, as on a screen:
 * an idle headless page otherwise draws a frame as soon as one is asked for.
 */
let inFrame = false
let trackingFrames = false
function trackFrames(): void {
  if (trackingFrames) return
  trackingFrames = true
  const loop = () => {
    inFrame = true
    afterPaintQueue.push(() => {
      inFrame = false
    })
    paintChannel.port2.postMessage(null)
    requestAnimationFrame(loop)
  }
  requestAnimationFrame(loop)
}

/**
 * When a DOM change made just now reaches the screen, measured as the project's reference
 * measurements do: the start of the first frame that renders it (its rAF callback). A change made
 * inside a frame (the app's store flushes in a rAF callback when the room is busy) is in that
 * frame: now. The frame's own style, layout and paint (1-3 ms here) come on top of either.
 */
function changeOnScreen(): Promise<number> {
  if (inFrame) return Promise.resolve(epochNow())
  return new Promise((resolve) => requestAnimationFrame(() => resolve(epochNow())))
}

/** Sends message `n` into the room from a simulated sender, past the rate limit (a server-side control). */
function inject(n: number): void {
  emulator().chat.injectMessage(DEMO_ROOM_ARN, SENDERS[n % SENDERS.length]!, contentOf(n))
}

const injectedAt = new Map<number, number>()

/**
 * Records when each tagged message first appears in the message list and is painted: a
 * MutationObserver sees the rows added by a commit, the time is taken after the next paint.
 */
class PaintWatcher {
  readonly painted = new Map<number, number>()
  #pending: number[] = []
  #waiters = new Map<number, ((time: number) => void)[]>()
  readonly #observer: MutationObserver

  constructor(list: Element) {
    this.#observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          for (const match of (node.textContent ?? '').matchAll(TAG)) {
            const n = Number(match[1])
            if (!this.painted.has(n)) this.#pending.push(n)
          }
        }
      }
      if (this.#pending.length === 0) return
      const tags = this.#pending
      this.#pending = []
      void changeOnScreen().then((time) => {
        for (const n of tags) {
          if (this.painted.has(n)) continue
          this.painted.set(n, time)
          for (const resolve of this.#waiters.get(n) ?? []) resolve(time)
          this.#waiters.delete(n)
        }
      })
    })
    this.#observer.observe(list, { childList: true, subtree: true })
  }

  /** When message `n` was painted; undefined if it was not within `timeoutMs`. */
  whenPainted(n: number, timeoutMs: number): Promise<number | undefined> {
    const known = this.painted.get(n)
    if (known !== undefined) return Promise.resolve(known)
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs)
      const waiters = this.#waiters.get(n) ?? []
      waiters.push((time) => {
        clearTimeout(timer)
        resolve(time)
      })
      this.#waiters.set(n, waiters)
    })
  }

  stop(): void {
    this.#observer.disconnect()
  }
}

let watcher: PaintWatcher | undefined

function messageList(): Element {
  const element = document.querySelector(LIST_SELECTOR)
  if (!element) throw new Error(`No message list (${LIST_SELECTOR}) in the page`)
  return element
}

/** rAF-to-rAF intervals, from `start` until the returned function is called. */
function recordFrames(): () => number[] {
  const deltas: number[] = []
  let last: number | undefined
  let running = true
  const loop = (time: number) => {
    if (last !== undefined) deltas.push(time - last)
    last = time
    if (running) requestAnimationFrame(loop)
  }
  requestAnimationFrame(loop)
  return () => {
    running = false
    return deltas
  }
}

/** Durations of the long tasks (over 50 ms, as the Long Tasks API defines them) until stopped. */
function recordLongTasks(): () => number[] {
  const durations: number[] = []
  const observer = new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) durations.push(entry.duration)
  })
  observer.observe({ type: 'longtask' })
  return () => {
    for (const entry of observer.takeRecords()) durations.push(entry.duration)
    observer.disconnect()
    return durations
  }
}

let stopFrames: (() => number[]) | undefined
let stopLongTasks: (() => number[]) | undefined
let lastEnter = Number.NaN

const probe = {
  contentOf,
  afterPaint,
  /** Starts recording paints of tagged messages in the message list (again from scratch). */
  watch(): void {
    trackFrames()
    watcher?.stop()
    watcher = new PaintWatcher(messageList())
  },
  whenPainted(n: number, timeoutMs = 10_000): Promise<number | undefined> {
    if (!watcher) throw new Error('watch() first')
    return watcher.whenPainted(n, timeoutMs)
  },
  /** How many of messages `from`..`from + count - 1` were painted. */
  paintedCount(from: number, count: number): number {
    let painted = 0
    for (let n = from; n < from + count; n++) if (watcher?.painted.has(n)) painted++
    return painted
  },
  /** How many of messages `from`..`from + count - 1` the app's store holds. */
  storedCount(from: number, count: number): number {
    let stored = 0
    for (const line of chatLines()) {
      const n = Number(/^\[m(\d+)\]/.exec(line.content)?.[1] ?? Number.NaN)
      if (n >= from && n < from + count) stored++
    }
    return stored
  },
  /** inject → paint time of each painted message of the range (those injected through `injectAtRate`). */
  injectToPaint(from: number, count: number): number[] {
    const latencies: number[] = []
    for (let n = from; n < from + count; n++) {
      const painted = watcher?.painted.get(n)
      const sent = injectedAt.get(n)
      if (painted !== undefined && sent !== undefined) latencies.push(painted - sent)
    }
    return latencies
  },
  startRecording(): void {
    stopFrames = recordFrames()
    stopLongTasks = recordLongTasks()
  },
  stopRecording(): { frames: number[]; longTasks: number[] } {
    const frames = stopFrames?.() ?? []
    const longTasks = stopLongTasks?.() ?? []
    stopFrames = undefined
    stopLongTasks = undefined
    return { frames, longTasks }
  },
  /** Messages `from`..`from + count - 1` in one task (a burst); returns the time before the first. */
  injectBurst(from: number, count: number): number {
    const start = epochNow()
    for (let n = from; n < from + count; n++) inject(n)
    return start
  },
  /** Messages in tasks of `chunk`, a frame apart (history); resolves after the last task. */
  async injectChunked(from: number, count: number, chunk = 1_000): Promise<void> {
    for (let n = from; n < from + count; n += chunk) {
      for (let i = n; i < Math.min(from + count, n + chunk); i++) inject(i)
      await afterPaint()
    }
  },
  /** `count` messages at `perSecond`, spread evenly (late ticks catch up); resolves after the last. */
  injectAtRate(from: number, count: number, perSecond: number): Promise<void> {
    const start = performance.now()
    let sent = 0
    return new Promise((resolve) => {
      const tick = () => {
        const due = Math.min(count, Math.floor(((performance.now() - start) * perSecond) / 1_000) + 1)
        while (sent < due) {
          injectedAt.set(from + sent, epochNow())
          inject(from + sent++)
        }
        if (sent < count) setTimeout(tick, 1)
        else resolve()
      }
      tick()
    })
  },
  /** Notes the time of every Enter key press (the composer sends on Enter). */
  listenForEnter(): void {
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') lastEnter = epochNow()
    }, { capture: true })
  },
  lastEnter(): number {
    return lastEnter
  },
  sessions(): number {
    return emulator().sessions().length
  },
  /**
   * The memory soak's inner loop: `rounds` times, `perRound` messages (one task, then a frame),
   * then a network failure of `userId`'s connection and a wait until the SDK is back with a new
   * one. Resolves with the number of reconnects that did not come back within 5 s.
   */
  async soak(userId: string, from: number, rounds: number, perRound: number): Promise<number> {
    let lost = 0
    let n = from
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < perRound; i++) inject(n++)
      await afterPaint()
      const before = emulator().sessions().find((s) => s.userId === userId)
      if (!before) throw new Error(`${userId} has no session to drop`)
      emulator().chat.dropConnection(before.id)
      const deadline = performance.now() + 5_000
      while (performance.now() < deadline) {
        const now = emulator().sessions().filter((s) => s.userId === userId)
        if (now.length === 1 && now[0]!.id !== before.id) break
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
      if (performance.now() >= deadline) lost++
    }
    return lost
  },
}

export type BenchProbe = typeof probe

Object.assign(window, { benchProbe: probe })
