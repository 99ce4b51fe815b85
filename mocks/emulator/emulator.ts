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
  readonly clock: EmulatorClock
  readonly settings: EmulatorSettings
  readonly rooms: RoomStore
  readonly loggingConfigurations: LoggingConfigurationStore
  readonly tokens: TokenAuthority
  readonly faults: Faults
  readonly frameLog: FrameLog
  /** Functions standing in for review Lambdas by ARN; configuration, so `reset()` keeps them. */
  readonly reviewLambdas: ReviewLambdas
  readonly chat: ChatService
  /** Chat logging: the records each logging configuration's destination has received. */
  readonly chatLogs: ChatLogs
  /** Other participants the emulator can run in a room; off until `chatters.start(...)`. */
  readonly chatters: SimulatedChatters
  readonly #rejections: RejectionLog
  readonly #listeners = new Set<() => void>()

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
      activeLoggingConfigurationsOf: (roomArn) =>
        [...new Set(rooms.find(roomArn)?.loggingConfigurationIdentifiers)]
          .map((arn) => loggingConfigurations.find(arn))
          .filter((configuration): configuration is LoggingConfigurationRecord => configuration?.state === 'ACTIVE'),
    })
    chat.onFanOut((delivery) => this.chatLogs.record(delivery))
    this.configure(settings)
    this.#seed()
  }

  configure(settings: Partial<EmulatorSettings>): void {
    Object.assign(this.settings, settings)
    this.frameLog.setLimit(this.settings.frameLogLimit)
    this.#notify()
  }

  /** Back to a fresh emulator: the seeded room only, no logging configurations, chat logs, sessions, tokens, faults or time shift. */
  reset(): void {
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
    this.#notify()
  }

  /**
   * Sets (or with `undefined`, removes) the function that reviews every message in a room. A
   * room that already names a Lambda keeps its URI (the function stands in for that Lambda in
   * this room); a room without one gets the emulator's own Lambda ARN.
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

  /** Live sessions, across rooms. */
  sessions(): ConnectionInfo[] {
    return this.chat.connections()
  }

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

  /** Refused connections, newest last (bounded). */
  rejections(): Rejection[] {
    return this.#rejections.list()
  }

  /** Moves emulator time forward: tokens and sessions expire as if that time had passed. */
  advanceTime(ms: number): void {
    this.clock.advance(ms)
    this.#notify()
  }

  /** Called on every change of state the panel shows. */
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
    this.#notify()
  }

  #notify(): void {
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
