import { ChatLogs } from './chat-logging.ts'
import { ChatService } from './chat-service.ts'
import { EmulatorClock } from './clock.ts'
import { Faults } from './faults.ts'
import { FrameLog } from './frame-log.ts'
import { LoggingConfigurationStore, type LoggingConfigurationRecord } from './logging-configurations.ts'
import { emulatedReviewHandlerUri, type ReviewFunction } from './review.ts'
import { ReviewLambdas } from './review-lambdas.ts'
import { RoomStore, type RoomRecord } from './room-store.ts'
import { SimulatedChatters } from './simulated-chatters.ts'
import { DEFAULT_SETTINGS, type EmulatorSettings } from './settings.ts'
import { TokenAuthority, type IssuedToken, type TokenState } from './tokens.ts'
import { RejectionLog, type Rejection } from './rejections.ts'
import type { ConnectionInfo } from './connection.ts'

/** The room every emulator starts with, so the demo and a new user's code work on first run. */
export const DEMO_ROOM_ID = 'DemoChatRoom'
export const DEMO_ROOM_ARN = `arn:aws:ivschat:${DEFAULT_SETTINGS.defaultRegion}:${DEFAULT_SETTINGS.accountId}:room/${DEMO_ROOM_ID}`
export const DEMO_ROOM_NAME = 'demo-room'

const NO_CONFIGURATIONS: readonly LoggingConfigurationRecord[] = Object.freeze([])

export interface IssuedTokenInfo {
  userId: string
  roomArn: string
  capabilities: string[]
  attributes: Record<string, string>
  issuedAt: number
  tokenExpiresAt: number
  sessionExpiresAt: number
  state: TokenState
}

/**
 * One emulated IVS Chat account: rooms, tokens, live sessions and the controls the demo's
 * panel and tests use. Plain TypeScript: the MSW handlers and the Node server are adapters.
 *
 * It is the composition root and nothing more: the constructor builds each part and hands it
 * what it uses (the clock, the rooms, the settings, an `onChange` callback...), never the
 * emulator itself, so no part depends on this class (docs/decisions/005-narrow-emulator-parts.md).
 */
export class Emulator {
  /**
   * The emulator's time: every token and session expiry and every emulator timer reads it. It
   * follows `Date.now` and `setTimeout`, so Vitest's fake timers drive it; `advanceTime` moves it
   * ahead of the page's own clock.
   * @example
   * ```ts
   * const inOneMinute = emulator.clock.now() + 60_000
   * const cancel = emulator.clock.at(inOneMinute, () => console.info('one minute of emulator time'))
   * cancel()
   * ```
   */
  readonly clock: EmulatorClock
  /**
   * The current settings (each field is documented on {@link EmulatorSettings}). Read them here;
   * change them with `configure`, which also trims the frame log and tells subscribers.
   * @example
   * ```ts
   * const { accountId, defaultRegion } = emulator.settings
   * const arn = `arn:aws:ivschat:${defaultRegion}:${accountId}:room/MyRoom`
   * ```
   */
  readonly settings: EmulatorSettings
  /**
   * The account's rooms, by ARN; the seeded one is `DEMO_ROOM_ARN`. What changes here is what the
   * REST API and the sockets see at once, and deleting a room ends its sessions as DeleteRoom does.
   * @example
   * ```ts
   * const room = emulator.rooms.create({ region: 'us-west-2', accountId: emulator.settings.accountId, name: 'lobby' })
   * emulator.rooms.update(room.arn, { maximumMessageRatePerSecond: 5 })
   * emulator.rooms.delete(room.arn)
   * ```
   */
  readonly rooms: RoomStore
  /**
   * The account's logging configurations (CreateLoggingConfiguration and the rest), by ARN.
   * @example
   * ```ts
   * const found = emulator.loggingConfigurations.find('arn:aws:ivschat:us-west-2:123456789012:logging-configuration/abc')
   * ```
   */
  readonly loggingConfigurations: LoggingConfigurationStore
  /**
   * The token authority: mints chat tokens under a key only this emulator has and checks them at
   * connect (each opens one connection). CreateChatToken goes through it; a test may mint directly.
   * @example
   * ```ts
   * const now = emulator.clock.now()
   * const token = await emulator.tokens.mint({
   *   roomArn: DEMO_ROOM_ARN,
   *   userId: 'alice',
   *   capabilities: ['SEND_MESSAGE'],
   *   attributes: { displayName: 'Alice' },
   *   issuedAt: now,
   *   tokenExpiresAt: now + 60_000,
   *   sessionExpiresAt: now + 60 * 60_000,
   * })
   * expect(emulator.tokens.check(token).ok).toBe(true)
   * ```
   */
  readonly tokens: TokenAuthority
  /**
   * Failures a local emulator would otherwise never produce, queued for what comes next:
   * CreateChatToken errors, ERROR frames for sends, duplicated and reordered frames.
   * @example
   * ```ts
   * emulator.faults.failNextTokenRequests(1, 'AccessDeniedException')
   * emulator.faults.failNextSends(2, 429)
   * ```
   */
  readonly faults: Faults
  /**
   * Every frame in and out of the emulated sockets and every connection event (connected,
   * refused, closed), oldest first, the newest `settings.frameLogLimit` kept.
   * @example
   * ```ts
   * const received = emulator.frameLog.entries().filter((entry) => entry.direction === 'in')
   * const stop = emulator.frameLog.subscribe((entry) => console.info(entry.direction, entry.text))
   * stop()
   * ```
   */
  readonly frameLog: FrameLog
  /**
   * Functions standing in for review Lambdas by ARN, in every room whose `messageReviewHandler.uri`
   * names one; configuration, so `reset()` keeps them.
   * @example
   * ```ts
   * const lambdaArn = 'arn:aws:lambda:us-west-2:123456789012:function:moderate'
   * emulator.reviewLambdas.bind(lambdaArn, () => ({ ReviewResult: 'ALLOW' }))
   * emulator.rooms.update(DEMO_ROOM_ARN, { messageReviewHandler: { uri: lambdaArn, fallbackResult: 'DENY' } })
   * ```
   */
  readonly reviewLambdas: ReviewLambdas
  /**
   * The data plane: the live connections, and the controls a test uses on them: `endSession`,
   * `dropConnection` and `injectMessage` (the adapters use the rest).
   * @example
   * ```ts
   * for (const session of emulator.sessions()) emulator.chat.endSession(session.id)
   * ```
   */
  readonly chat: ChatService
  /**
   * Chat logging: the records each logging configuration's destination has received.
   * @example
   * ```ts
   * const stop = emulator.chatLogs.subscribe((entry) => console.info(entry))
   * stop()
   * ```
   */
  readonly chatLogs: ChatLogs
  /**
   * Other participants the emulator runs in a room, so a chat is alive with one person in it.
   * Off until `chatters.start(...)`; their messages take the room's limits and review like anyone's.
   * @example
   * ```ts
   * emulator.chatters.start({ roomArn: DEMO_ROOM_ARN, count: 3, messagesPerMinute: 30 })
   * emulator.chatters.stop()
   * ```
   */
  readonly chatters: SimulatedChatters
  readonly #rejections: RejectionLog
  readonly #listeners = new Set<() => void>()
  /** While `reset` runs: each part it clears reports a change, subscribers hear of the reset once. */
  #resetting = false

  /**
   * A fresh account with the seeded demo room. `createEmulator(settings)` from the package does the same.
   * @param settings the settings that differ from {@link DEFAULT_SETTINGS}.
   * @example
   * ```ts
   * const other = new Emulator({ latencyMs: 25, tokenLifetimeMs: 60_000 })
   * ```
   */
  constructor(settings: Partial<EmulatorSettings> = {}) {
    const onChange = () => this.#notify()
    const clock = new EmulatorClock()
    const now = () => clock.now()
    this.clock = clock
    this.settings = { ...DEFAULT_SETTINGS }
    this.rooms = new RoomStore(now, { onChange, onDelete: (roomArn) => chat.roomDeleted(roomArn) })
    const loggingConfigurations = new LoggingConfigurationStore(now, onChange)
    this.loggingConfigurations = loggingConfigurations
    this.tokens = new TokenAuthority(now, onChange)
    this.faults = new Faults(onChange)
    this.frameLog = new FrameLog(DEFAULT_SETTINGS.frameLogLimit, onChange)
    this.#rejections = new RejectionLog(now, onChange)
    this.reviewLambdas = new ReviewLambdas(onChange)
    const chat = new ChatService({
      clock,
      settings: this.settings,
      rooms: this.rooms,
      tokens: this.tokens,
      faults: this.faults,
      reviewLambdas: this.reviewLambdas,
      frameLog: this.frameLog,
      onChange,
      onRejection: (reason) => this.#rejections.record(reason),
    })
    this.chat = chat
    this.chatters = new SimulatedChatters({ clock, settings: this.settings, rooms: this.rooms, chat, onChange })
    const rooms = this.rooms
    this.chatLogs = new ChatLogs({
      activeLoggingConfigurationsOf: (roomArn) => {
        const identifiers = rooms.find(roomArn)?.loggingConfigurationIdentifiers
        // Asked for every frame a room fans out; most rooms log nothing, so they cost no allocation.
        if (!identifiers?.length) return NO_CONFIGURATIONS
        return [...new Set(identifiers)]
          .map((arn) => loggingConfigurations.find(arn))
          .filter((configuration): configuration is LoggingConfigurationRecord => configuration?.state === 'ACTIVE')
      },
    })
    chat.onFanOut((delivery) => this.chatLogs.record(delivery))
    this.configure(settings)
    this.#seed()
  }

  /**
   * Changes some settings (the others stay) and tells subscribers. Each takes effect from the next
   * use: the next token gets the new lifetime, the next frame the new latency.
   * @example
   * ```ts
   * emulator.configure({ latencyMs: 100, sessionEnd: 'close' })
   * ```
   */
  configure(settings: Partial<EmulatorSettings>): void {
    Object.assign(this.settings, settings)
    this.frameLog.setLimit(this.settings.frameLogLimit)
    this.#notify()
  }

  /**
   * Back to a fresh emulator: the seeded demo room only, no logging configurations, chat logs,
   * sessions (each is closed), tokens, faults, rejections, frames, chatters or time shift, default settings. The token key stays, so
   * tokens minted before the reset are refused after it. Between tests when one emulator serves a
   * whole file (as `emulator` from `ivschat-emulator/node` does).
   * @example
   * ```ts
   * afterEach(() => emulator.reset())
   * ```
   */
  reset(): void {
    // Subscribers would otherwise hear of every part cleared on the way, the half-reset states
    // included: the server's state file wrote the account with no room, then again seeded.
    this.#resetting = true
    try {
      this.chatters.reset()
      this.chat.closeAll('Emulator reset')
      this.rooms.clear()
      this.loggingConfigurations.clear()
      this.chatLogs.clear()
      this.tokens.clear()
      this.faults.clear()
      this.frameLog.clear()
      this.clock.reset()
      this.#rejections.clear()
      Object.assign(this.settings, DEFAULT_SETTINGS)
      this.#seed()
    } finally {
      this.#resetting = false
    }
    this.#notify()
  }

  /**
   * Sets (or with `undefined`, removes) the function that reviews every message in a room. It
   * stands in for the room's review Lambda: a room that already names one keeps its URI, a room
   * without one gets the emulator's own Lambda ARN. It gets the payload AWS sends that Lambda and
   * answers as the Lambda does: ALLOW, optionally with new content or attributes, or DENY (a
   * `Reason` attribute reaches the sender). When it throws, answers something malformed or takes
   * longer than `settings.reviewTimeoutMs`, the room's `fallbackResult` applies.
   * @param fallbackResult what a message gets when the function fails (default ALLOW).
   * @returns the updated room.
   * @example
   * ```ts
   * emulator.setReviewHandler(DEMO_ROOM_ARN, ({ Content }) =>
   *   Content.includes('spam') ? { ReviewResult: 'DENY', Attributes: { Reason: 'No spam here' } } : { ReviewResult: 'ALLOW' },
   * )
   * emulator.setReviewHandler(DEMO_ROOM_ARN, () => ({ ReviewResult: 'ALLOW', Content: '***' }), 'DENY')
   * emulator.setReviewHandler(DEMO_ROOM_ARN, undefined)
   * ```
   */
  setReviewHandler(roomArn: string, review: ReviewFunction | undefined, fallbackResult: 'ALLOW' | 'DENY' = 'ALLOW'): RoomRecord {
    const room = this.rooms.get(roomArn)
    const region = room.arn.split(':')[3]!
    const uri = room.messageReviewHandler?.uri || emulatedReviewHandlerUri(region, this.settings.accountId)
    return this.rooms.update(roomArn, {
      review,
      messageReviewHandler: review ? { uri, fallbackResult } : { uri: '' },
    })
  }

  /**
   * The live sessions, across rooms (simulated chatters included, marked `simulated`).
   * @example
   * ```ts
   * const alice = emulator.sessions().find((session) => session.userId === 'alice')
   * expect(alice?.capabilities).toContain('SEND_MESSAGE')
   * ```
   */
  sessions(): ConnectionInfo[] {
    return this.chat.connections()
  }

  /**
   * Every token issued and still remembered, newest first, with its claims and whether it is
   * unused, used or expired.
   * @example
   * ```ts
   * expect(emulator.issuedTokens()[0]).toMatchObject({ userId: 'alice', state: 'used' })
   * ```
   */
  issuedTokens(): IssuedTokenInfo[] {
    return this.tokens.issued().map((token: IssuedToken) => ({
      userId: token.claims.userId,
      roomArn: token.claims.roomArn,
      capabilities: token.claims.capabilities,
      attributes: token.claims.attributes,
      issuedAt: token.claims.issuedAt,
      tokenExpiresAt: token.claims.tokenExpiresAt,
      sessionExpiresAt: token.claims.sessionExpiresAt,
      state: this.tokens.stateOf(token),
    }))
  }

  /**
   * Refused connections, newest last (the last 100), each with its reason: a client sees a refused
   * handshake only as a socket error.
   * @example
   * ```ts
   * expect(emulator.rejections().at(-1)?.reason).toBe('already-used')
   * ```
   */
  rejections(): Rejection[] {
    return this.#rejections.list()
  }

  /**
   * Moves emulator time forward by `ms`: tokens and sessions expire as if that time had passed,
   * and the emulator timers that fall due run, in time order. The page's own clock does not move.
   * @throws RangeError for a negative duration.
   * @example
   * ```ts
   * emulator.advanceTime(61 * 60_000) // past a token's default lifetime and a session's default length
   * ```
   */
  advanceTime(ms: number): void {
    this.clock.advance(ms)
    this.#notify()
  }

  /**
   * Calls `listener` after every change of what the panel shows: rooms, tokens, sessions, faults,
   * settings, chatters, rejections, time (new frames go to `frameLog.subscribe`).
   * @returns the function that unsubscribes.
   * @example
   * ```ts
   * const unsubscribe = emulator.subscribe(() => console.info(emulator.sessions().length, 'sessions'))
   * unsubscribe()
   * ```
   */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * Tells subscribers that the state changed. Every part reports its own changes, so this is
   * needed only after editing a record in place (a room's `tags` object, say).
   * @internal
   */
  changed(): void {
    this.rooms.touch()
    this.#notify()
  }

  #notify(): void {
    if (this.#resetting) return
    for (const listener of this.#listeners) listener()
  }

  #seed(): void {
    this.rooms.create({
      id: DEMO_ROOM_ID,
      name: DEMO_ROOM_NAME,
      region: DEFAULT_SETTINGS.defaultRegion,
      accountId: DEFAULT_SETTINGS.accountId,
      tags: { purpose: 'demo' },
    })
  }
}
