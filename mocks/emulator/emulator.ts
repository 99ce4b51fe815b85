import { ChatService } from './chat-service.ts'
import { EmulatorClock } from './clock.ts'
import { Faults } from './faults.ts'
import { FrameLog } from './frame-log.ts'
import { emulatedReviewHandlerUri, type ReviewFunction } from './review.ts'
import { RoomStore, type RoomRecord } from './room-store.ts'
import { SimulatedChatters } from './simulated-chatters.ts'
import { DEFAULT_SETTINGS, type EmulatorSettings } from './settings.ts'
import { TokenAuthority, type IssuedToken, type TokenRejection, type TokenState } from './tokens.ts'
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
 */
export class Emulator {
  readonly clock = new EmulatorClock()
  readonly settings: EmulatorSettings = { ...DEFAULT_SETTINGS }
  readonly rooms = new RoomStore(() => this.clock.now())
  readonly tokens = new TokenAuthority(() => this.clock.now())
  readonly faults = new Faults(() => this.changed())
  readonly frameLog = new FrameLog(DEFAULT_SETTINGS.frameLogLimit)
  readonly chat = new ChatService(this)
  /** Other participants the emulator can run in a room; off until `chatters.start(...)`. */
  readonly chatters = new SimulatedChatters(this)
  readonly #rejections: { time: number; reason: TokenRejection }[] = []
  readonly #listeners = new Set<() => void>()

  constructor(settings: Partial<EmulatorSettings> = {}) {
    this.configure(settings)
    this.#seed()
  }

  configure(settings: Partial<EmulatorSettings>): void {
    Object.assign(this.settings, settings)
    this.frameLog.setLimit(this.settings.frameLogLimit)
    this.changed()
  }

  /** Back to a fresh emulator: the seeded room only, no sessions, tokens, faults or time shift. */
  reset(): void {
    this.chatters.reset()
    this.chat.closeAll('Emulator reset')
    this.rooms.clear()
    this.tokens.clear()
    this.faults.clear()
    this.frameLog.clear()
    this.clock.reset()
    this.#rejections.length = 0
    Object.assign(this.settings, DEFAULT_SETTINGS)
    this.#seed()
    this.changed()
  }

  /** Sets (or with `undefined`, removes) the function that reviews every message in a room. */
  setReviewHandler(roomArn: string, review: ReviewFunction | undefined, fallbackResult: 'ALLOW' | 'DENY' = 'ALLOW'): RoomRecord {
    const room = this.rooms.get(roomArn)
    const region = room.arn.split(':')[3]!
    const room2 = this.rooms.update(roomArn, {
      review,
      messageReviewHandler: review ? { uri: emulatedReviewHandlerUri(region, this.settings.accountId), fallbackResult } : { uri: '' },
    })
    this.changed()
    return room2
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
  rejections(): { time: number; reason: TokenRejection }[] {
    return [...this.#rejections]
  }

  recordRejection(reason: TokenRejection): void {
    this.#rejections.push({ time: this.clock.now(), reason })
    if (this.#rejections.length > 100) this.#rejections.shift()
    this.changed()
  }

  roomDeleted(roomArn: string): void {
    this.chat.roomDeleted(roomArn)
    this.changed()
  }

  /** Moves emulator time forward: tokens and sessions expire as if that time had passed. */
  advanceTime(ms: number): void {
    this.clock.advance(ms)
    this.changed()
  }

  /** Called on every change of state the panel shows. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  changed(): void {
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
