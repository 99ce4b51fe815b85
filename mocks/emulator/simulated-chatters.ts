import type { ChatService } from './chat-service.ts'
import type { Clock } from './clock.ts'
import type { ChatConnection } from './connection.ts'
import { roomNotFound } from './errors.ts'
import type { RoomStore } from './room-store.ts'
import type { EmulatorSettings } from './settings.ts'
import { SIMULATED_LINES, SIMULATED_PERSONAS, type SimulatedPersona } from './simulated-personas.ts'
import type { SocketTransport } from './transport.ts'

export interface ChattersSettings {
  /** The room they chat in. */
  roomArn: string
  /** How many chatters are in the room. */
  count: number
  /** Messages per minute from all of them together, on average. */
  messagesPerMinute: number
}

export const CHATTERS_LIMITS = {
  count: { min: 1, max: SIMULATED_PERSONAS.length, default: 3 },
  messagesPerMinute: { min: 1, max: 600, default: 12 },
} as const

/** How long a chatter waits before coming back when its session ended or its connection broke. */
const RECONNECT_AFTER_MS = 1_500
/** The session length a chatter's "token" asks for; it renews at the end, as the SDK does. */
const SESSION_MS = 60 * 60_000

interface Chatter {
  persona: SimulatedPersona
  connection: ChatConnection | undefined
  /** A moderator disconnected it: it stays out until the chatters are started again. */
  kicked: boolean
  cancelReconnect: (() => void) | undefined
}

/** What the chatters use of the emulator: each part by itself, never the emulator. */
export interface SimulatedChattersParts {
  clock: Clock
  /** Read at each join: `configure` changes them in place. */
  settings: Readonly<Pick<EmulatorSettings, 'tokenLifetimeMs'>>
  rooms: Pick<RoomStore, 'find'>
  /** Their way into the room: the same path as every socket's. */
  chat: Pick<ChatService, 'connectSimulated' | 'receive' | 'disconnected'>
  /** Started, stopped or reconfigured: what the panel shows changed. */
  onChange: () => void
}

/** A participant as the panel lists it. */
export interface ChatterInfo {
  userId: string
  displayName: string
  state: 'connected' | 'reconnecting' | 'kicked'
}

/**
 * Other people in a room, run by the emulator so the demo is alive when one person opens it.
 * Each chatter is a connection of the chat service (through `connectSimulated`) and sends
 * SEND_MESSAGE frames through `chat.receive`, the path every socket's frames take: the room's
 * length and rate limits and its review handler apply to them as to anyone. Off until started.
 *
 * Every timer is on the emulator clock, so `advanceTime` and fake timers drive them, and
 * `stop()` (or `emulator.reset()`) leaves none behind.
 */
export class SimulatedChatters {
  readonly #clock: Clock
  readonly #appSettings: SimulatedChattersParts['settings']
  readonly #rooms: SimulatedChattersParts['rooms']
  readonly #chat: SimulatedChattersParts['chat']
  readonly #onChange: () => void
  readonly #random: () => number
  #settings: ChattersSettings = defaultSettings()
  #running = false
  #chatters: Chatter[] = []
  #cancelTick: (() => void) | undefined
  #lastSpeaker: Chatter | undefined
  #lastLine = -1

  /** @param random a source in [0, 1) for timing and choices; tests pass a fixed one. */
  constructor(parts: SimulatedChattersParts, random: () => number = Math.random) {
    this.#clock = parts.clock
    this.#appSettings = parts.settings
    this.#rooms = parts.rooms
    this.#chat = parts.chat
    this.#onChange = parts.onChange
    this.#random = random
  }

  /**
   * Whether the chatters are in their room.
   * @example
   * ```ts
   * if (emulator.chatters.running) emulator.chatters.stop()
   * ```
   */
  get running(): boolean {
    return this.#running
  }

  /**
   * The current settings (the last used ones while stopped).
   * @example
   * ```ts
   * const { roomArn, count, messagesPerMinute } = emulator.chatters.settings
   * ```
   */
  get settings(): Readonly<ChattersSettings> {
    return { ...this.#settings }
  }

  /**
   * The chatters of the running group, each connected, reconnecting or kicked (by a moderator).
   * @example
   * ```ts
   * expect(emulator.chatters.participants().map((chatter) => chatter.state)).not.toContain('kicked')
   * ```
   */
  participants(): ChatterInfo[] {
    return this.#chatters.map(({ persona, connection, kicked }) => ({
      userId: persona.userId,
      displayName: persona.attributes.displayName ?? persona.userId,
      state: kicked ? 'kicked' : connection ? 'connected' : 'reconnecting',
    }))
  }

  /**
   * Puts `count` chatters in `roomArn` (restarting them if they were running); the settings not
   * given stay as they were (3 chatters, 12 messages a minute at first).
   * @throws ResourceNotFoundException if the room does not exist; RangeError for a bad count or rate.
   * @example
   * ```ts
   * emulator.chatters.start({ roomArn: DEMO_ROOM_ARN, count: 5, messagesPerMinute: 120 })
   * ```
   */
  start(settings: Partial<ChattersSettings> & { roomArn: string }): void {
    const next = { ...this.#settings, ...settings }
    validate(next)
    if (!this.#rooms.find(next.roomArn)) throw roomNotFound(next.roomArn)
    this.#halt('simulated chatters restarted')
    this.#settings = next
    this.#running = true
    this.#resize()
    if (this.#running) this.#schedule()
    this.#onChange()
  }

  /**
   * Changes the count or the rate; a running group follows at once.
   * @throws RangeError for a bad count or rate.
   * @example
   * ```ts
   * emulator.chatters.configure({ messagesPerMinute: 600 })
   * ```
   */
  configure(changes: Partial<Pick<ChattersSettings, 'count' | 'messagesPerMinute'>>): void {
    const next = { ...this.#settings, ...changes }
    validate(next)
    const rateChanged = next.messagesPerMinute !== this.#settings.messagesPerMinute
    this.#settings = next
    if (this.#running) {
      this.#resize()
      if (rateChanged && this.#running) this.#schedule()
    }
    this.#onChange()
  }

  /**
   * Every chatter leaves the room; no timer of theirs is left.
   * @example
   * ```ts
   * emulator.chatters.stop()
   * ```
   */
  stop(): void {
    if (!this.#running) return
    this.#halt('simulated chatters stopped')
    this.#onChange()
  }

  /**
   * Stops and forgets the settings (`emulator.reset()` calls it).
   * @internal
   */
  reset(): void {
    this.#halt('emulator reset')
    this.#settings = defaultSettings()
  }

  #halt(reason: string): void {
    this.#running = false
    this.#cancelTick?.()
    this.#cancelTick = undefined
    for (const chatter of this.#chatters) this.#leave(chatter, reason)
    this.#chatters = []
    this.#lastSpeaker = undefined
  }

  /** Adds or removes chatters until there are `count`. */
  #resize(): void {
    while (this.#chatters.length > this.#settings.count) this.#leave(this.#chatters.pop()!, 'simulated chatter left')
    // A chatter that finds the room gone stops the group, which ends this loop too.
    while (this.#running && this.#chatters.length < this.#settings.count) {
      const chatter: Chatter = {
        persona: SIMULATED_PERSONAS[this.#chatters.length]!,
        connection: undefined,
        kicked: false,
        cancelReconnect: undefined,
      }
      this.#chatters.push(chatter)
      this.#join(chatter)
    }
  }

  #join(chatter: Chatter): void {
    const { userId, capabilities, attributes } = chatter.persona
    const now = this.#clock.now()
    let connection: ChatConnection | undefined
    const transport: SocketTransport = {
      send: (text) => {
        if (isKickOf(text, userId)) chatter.kicked = true
      },
      // The server closed it (session end, moderator, deleted room): the chat service forgets it itself.
      close: () => this.#lost(chatter, connection),
      // A simulated network failure: no socket will report the close, so tell the chat service.
      fail: () => {
        if (connection) this.#chat.disconnected(connection, 'closed: connection lost')
        this.#lost(chatter, connection)
      },
    }
    connection = this.#chat.connectSimulated(
      {
        roomArn: this.#settings.roomArn,
        userId,
        capabilities,
        attributes,
        issuedAt: now,
        tokenExpiresAt: now + this.#appSettings.tokenLifetimeMs,
        sessionExpiresAt: now + SESSION_MS,
      },
      transport,
    )
    // The room is gone: nobody can chat in it, so the group ends.
    if (!connection) return this.stop()
    chatter.connection = connection
  }

  /** Its connection ended: come back shortly, as the SDK renews, unless a moderator removed it. */
  #lost(chatter: Chatter, connection: ChatConnection | undefined): void {
    if (!this.#running || chatter.connection !== connection) return
    chatter.connection = undefined
    if (chatter.kicked) return
    const clock = this.#clock
    chatter.cancelReconnect = clock.at(clock.now() + RECONNECT_AFTER_MS, () => {
      chatter.cancelReconnect = undefined
      if (this.#running && this.#chatters.includes(chatter)) this.#join(chatter)
    })
  }

  #leave(chatter: Chatter, reason: string): void {
    chatter.cancelReconnect?.()
    chatter.cancelReconnect = undefined
    const connection = chatter.connection
    // Cleared first, so the close below is not taken for a lost connection to come back from.
    chatter.connection = undefined
    if (!connection?.open) return
    connection.close(1000, reason)
    this.#chat.disconnected(connection, `closed: ${reason}`)
  }

  /** Arms the next message: random gaps (exponential, bounded) that average the configured rate. */
  #schedule(): void {
    this.#cancelTick?.()
    const mean = 60_000 / this.#settings.messagesPerMinute
    const gap = Math.min(Math.max(-Math.log(1 - this.#random()) * mean, mean / 4), mean * 3)
    const clock = this.#clock
    this.#cancelTick = clock.at(clock.now() + gap, () => {
      this.#cancelTick = undefined
      this.#speak()
      this.#schedule()
    })
  }

  #speak(): void {
    const online = this.#chatters.filter((c) => c.connection?.open)
    // Nobody talks twice in a row when someone else could.
    const candidates = online.length > 1 ? online.filter((c) => c !== this.#lastSpeaker) : online
    const speaker = candidates[Math.floor(this.#random() * candidates.length)]
    if (!speaker?.connection) return
    this.#lastSpeaker = speaker
    const frame = JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: crypto.randomUUID(), Content: this.#nextLine() })
    this.#chat.receive(speaker.connection, frame).catch((error: unknown) => {
      console.error('[ivschat emulator] a simulated chatter\'s message failed', error)
    })
  }

  #nextLine(): string {
    let index = Math.floor(this.#random() * SIMULATED_LINES.length)
    if (index === this.#lastLine) index = (index + 1) % SIMULATED_LINES.length
    this.#lastLine = index
    return SIMULATED_LINES[index]!
  }
}

function defaultSettings(): ChattersSettings {
  return { roomArn: '', count: CHATTERS_LIMITS.count.default, messagesPerMinute: CHATTERS_LIMITS.messagesPerMinute.default }
}

function validate({ count, messagesPerMinute }: ChattersSettings): void {
  const { count: c, messagesPerMinute: m } = CHATTERS_LIMITS
  if (!Number.isInteger(count) || count < c.min || count > c.max) {
    throw new RangeError(`count must be an integer from ${c.min} to ${c.max}, got ${count}`)
  }
  if (!Number.isFinite(messagesPerMinute) || messagesPerMinute < m.min || messagesPerMinute > m.max) {
    throw new RangeError(`messagesPerMinute must be from ${m.min} to ${m.max}, got ${messagesPerMinute}`)
  }
}

/** Whether a frame sent to a chatter is the moderator's `aws:DISCONNECT_USER` for it. */
function isKickOf(text: string, userId: string): boolean {
  if (!text.includes('aws:DISCONNECT_USER')) return false
  const frame = JSON.parse(text) as { Type?: unknown; EventName?: unknown; Attributes?: { UserId?: unknown } }
  return frame.Type === 'EVENT' && frame.EventName === 'aws:DISCONNECT_USER' && frame.Attributes?.UserId === userId
}
