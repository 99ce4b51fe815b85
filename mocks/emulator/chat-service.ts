import { codePointLength, attributesByteLength } from '../contract/text.ts'
import { ATTRIBUTES_MAX_BYTES } from '../contract/constraints.ts'
import {
  CHAT_ERROR_CODES,
  SYSTEM_EVENTS,
  type ChatErrorCode,
  type DeleteMessageAction,
  type DisconnectUserAction,
  type EventFrame,
  type SendMessageAction,
  type ServerFrame,
} from '../contract/frames.ts'
import { readClientFrame } from './client-frame.ts'
import type { Clock } from './clock.ts'
import { ChatConnection, type ConnectionInfo } from './connection.ts'
import { roomNotFound } from './errors.ts'
import type { Faults } from './faults.ts'
import type { FrameLog } from './frame-log.ts'
import { newId } from './ids.ts'
import { RateWindow } from './rate-limiter.ts'
import { regionOfArn } from './regions.ts'
import { RoomBroadcast, type Delivery } from './room-broadcast.ts'
import { reviewerOf, reviewMessage } from './review.ts'
import type { ReviewLambdas } from './review-lambdas.ts'
import type { RoomStore } from './room-store.ts'
import { SendTimes } from './send-time.ts'
import type { EmulatorSettings } from './settings.ts'
import type { TokenAuthority, TokenClaims, TokenRejection } from './tokens.ts'
import type { SocketTransport } from './transport.ts'

/** "Messaging requests per connection: 10/s" (AWS quotas; not adjustable). */
const REQUESTS_PER_CONNECTION_PER_SECOND = 10
/**
 * A socket closed in the same task as a frame is sent to it loses the frame in MSW, so
 * closes wait this long (ms); the SDK has its event by then.
 */
const CLOSE_AFTER_MS = 20

export type ConnectResult = { ok: true; connection: ChatConnection } | { ok: false; reason: TokenRejection }

export type { Delivery } from './room-broadcast.ts'

/** What the chat service uses of the emulator: each part by itself, never the emulator. */
export interface ChatServiceParts {
  clock: Clock
  /** Read at each use: `configure` changes them in place. */
  settings: Readonly<Pick<EmulatorSettings, 'latencyMs' | 'reviewTimeoutMs' | 'sessionEnd'>>
  rooms: Pick<RoomStore, 'find'>
  tokens: Pick<TokenAuthority, 'check' | 'redeem'>
  faults: Pick<Faults, 'takeSendFault' | 'takeDuplicate' | 'takeReorder'>
  /** Stand-ins for review Lambdas, by ARN (a room naming an unbound one gets its fallback). */
  reviewLambdas: Pick<ReviewLambdas, 'get'>
  frameLog: Pick<FrameLog, 'add'>
  /** A connection opened or closed: what the panel shows changed. */
  onChange: () => void
  /** A connection was refused, and why. */
  onRejection: (reason: TokenRejection) => void
}

/**
 * The data plane: live connections per room, the three socket actions with their
 * capabilities and limits, and broadcasts (from sockets and from the REST API).
 */
export class ChatService {
  readonly #clock: Clock
  readonly #settings: ChatServiceParts['settings']
  readonly #roomStore: ChatServiceParts['rooms']
  readonly #tokens: ChatServiceParts['tokens']
  readonly #faults: ChatServiceParts['faults']
  readonly #reviewLambdas: ChatServiceParts['reviewLambdas']
  readonly #frameLog: ChatServiceParts['frameLog']
  readonly #onChange: () => void
  readonly #onRejection: (reason: TokenRejection) => void
  readonly #rooms: RoomBroadcast
  readonly #roomRates = new Map<string, RateWindow>()
  readonly #sendTimes = new SendTimes()

  constructor(parts: ChatServiceParts) {
    this.#clock = parts.clock
    this.#settings = parts.settings
    this.#roomStore = parts.rooms
    this.#tokens = parts.tokens
    this.#faults = parts.faults
    this.#reviewLambdas = parts.reviewLambdas
    this.#frameLog = parts.frameLog
    this.#onChange = parts.onChange
    this.#onRejection = parts.onRejection
    const settings = parts.settings
    this.#rooms = new RoomBroadcast(parts.faults, () => settings.latencyMs)
  }

  /**
   * Opens a connection for `token`, synchronously: a refusal must be decided before the
   * socket reports open, so the SDK sees a failed handshake and not a connect. `region` is
   * the region of the socket's endpoint when it names one: it serves rooms of that region only.
   */
  connect(token: string | undefined, transport: SocketTransport, region?: string): ConnectResult {
    const check = this.#tokens.check(token)
    if (!check.ok) return this.#refuse(check.reason)
    if (!this.#roomStore.find(check.claims.roomArn)) return this.#refuse('room-deleted')
    if (region !== undefined && regionOfArn(check.claims.roomArn) !== region) return this.#refuse('other-region')
    this.#tokens.redeem(token)
    return { ok: true, connection: this.#admit(check.claims, transport, false) }
  }

  /**
   * Opens a connection for a participant the emulator runs itself (simulated chatters): no
   * token to mint or redeem, but the same membership, session expiry, limits and review as a
   * socket, so it shows in `sessions()` and obeys the room. `undefined` if the room is gone.
   */
  connectSimulated(claims: Omit<TokenClaims, 'jti'>, transport: SocketTransport): ChatConnection | undefined {
    if (!this.#roomStore.find(claims.roomArn)) return undefined
    return this.#admit({ jti: newId(), ...claims }, transport, true)
  }

  #admit(claims: TokenClaims, transport: SocketTransport, simulated: boolean): ChatConnection {
    const now = this.#clock.now()
    const connection = new ChatConnection(newId(), claims, now, transport, (c, text) => this.#log('out', c, text), simulated)
    this.#rooms.join(connection)
    connection.setSessionTimer(
      this.#clock.at(connection.info.sessionExpiresAt, () => this.endSession(connection.info.id, 'Session expired')),
    )
    this.#log('event', connection, 'connected')
    this.#onChange()
    return connection
  }

  /** A frame from the client. Never throws: every problem is an ERROR frame to that client. */
  receive(connection: ChatConnection, data: string | ArrayBuffer | Blob | ArrayBufferView): Promise<void> {
    return connection.enqueue(() => this.#handle(connection, data))
  }

  /** The socket is gone (closed by either side or failed): forget it at once. */
  disconnected(connection: ChatConnection, detail: string): void {
    if (!connection.open) return
    connection.forget()
    if (this.#rooms.leave(connection)) {
      this.#roomRates.delete(connection.info.roomArn)
    }
    this.#log('event', connection, detail)
    this.#onChange()
  }

  /**
   * The live connections (`emulator.sessions()` is the same list).
   * @example
   * ```ts
   * expect(emulator.chat.connections()).toHaveLength(emulator.sessions().length)
   * ```
   */
  connections(): ConnectionInfo[] {
    return [...this.#rooms.everyone()].map((connection) => connection.info)
  }

  /**
   * Ends a session as its expiry does: with `sessionEnd: 'error-then-close'` (the default) an
   * ERROR 401, on which the SDK renews its token and reconnects, then a close. Returns `false`
   * when no connection has that id.
   * @example
   * ```ts
   * const [session] = emulator.sessions()
   * if (session) emulator.chat.endSession(session.id, 'Signed out by the test')
   * ```
   */
  endSession(connectionId: string, reason = 'Session ended by the emulator'): boolean {
    const connection = this.#find(connectionId)
    if (!connection) return false
    if (this.#settings.sessionEnd === 'error-then-close') {
      this.#sendError(connection, '', CHAT_ERROR_CODES.unauthorized, reason)
    }
    this.#closeLater(connection, 1000, reason)
    return true
  }

  /**
   * Breaks a connection as a network failure would (no close handshake); the SDK reconnects with a
   * new token. Returns `false` when no connection has that id.
   * @example
   * ```ts
   * const bob = emulator.sessions().find((session) => session.userId === 'bob')
   * if (bob) emulator.chat.dropConnection(bob.id)
   * ```
   */
  dropConnection(connectionId: string): boolean {
    const connection = this.#find(connectionId)
    if (!connection) return false
    this.#log('event', connection, 'dropped by the emulator (network failure)')
    connection.fail()
    return true
  }

  /**
   * Broadcasts an event to a room as SendEvent does; returns its id.
   * @example
   * ```ts
   * emulator.chat.sendEvent(DEMO_ROOM_ARN, 'app:poll-opened', { question: 'Tea or coffee?' })
   * ```
   */
  sendEvent(roomArn: string, eventName: string, attributes: Record<string, string>): string {
    const id = newId()
    this.#rooms.deliver({ roomArn, frame: this.#eventFrame(id, '', eventName, attributes) })
    return id
  }

  /**
   * A test and benchmark control, not an IVS behaviour: delivers a MESSAGE from a simulated
   * sender as if it had been sent and accepted. It skips what belongs to a sender (token,
   * capability, the per-connection and room rate limits, send faults, review), so a benchmark
   * can push more than a room's 100 messages/s; the frame takes the same delivery faults,
   * validation and fan-out as every message. Returns the message id.
   * @throws IvsChatError (ResourceNotFoundException) when the room does not exist.
   * @example
   * ```ts
   * const messageId = emulator.chat.injectMessage(
   *   DEMO_ROOM_ARN,
   *   { userId: 'sim-ada', attributes: { displayName: 'Ada' } },
   *   'Hello from the emulator',
   *   { topic: 'greeting' },
   * )
   * ```
   */
  injectMessage(roomArn: string, sender: { userId: string; attributes?: Record<string, string> }, content: string, attributes?: Record<string, string>): string {
    if (!this.#roomStore.find(roomArn)) throw roomNotFound(roomArn)
    const id = newId()
    this.#rooms.deliver({
      roomArn,
      frame: {
        Type: 'MESSAGE',
        Id: id,
        RequestId: '',
        Content: content,
        Attributes: attributes && Object.keys(attributes).length > 0 ? attributes : null,
        SendTime: this.#sendTimes.next(this.#clock.now()),
        Sender: { UserId: sender.userId, Attributes: sender.attributes ?? {} },
      },
    })
    return id
  }

  /**
   * Tells a room to delete a message (`aws:DELETE_MESSAGE`), as DeleteMessage does; returns the event's id.
   * @example
   * ```ts
   * emulator.chat.deleteMessage(DEMO_ROOM_ARN, 'some-message-id', 'Off topic')
   * ```
   */
  deleteMessage(roomArn: string, messageId: string, reason: string | undefined, requestId = ''): string {
    const id = newId()
    const attributes = { MessageId: messageId, MessageID: messageId, ...(reason !== undefined ? { Reason: reason } : {}) }
    this.#rooms.deliver({ roomArn, frame: this.#eventFrame(id, requestId, SYSTEM_EVENTS.deleteMessage, attributes) })
    return id
  }

  /**
   * Tells the room (`aws:DISCONNECT_USER`), then closes every connection of `userId` once they
   * have the event, as DisconnectUser does; returns the event's id.
   * @example
   * ```ts
   * emulator.chat.disconnectUser(DEMO_ROOM_ARN, 'mallory', 'Spamming')
   * ```
   */
  disconnectUser(roomArn: string, userId: string, reason: string | undefined, requestId = ''): string {
    const id = newId()
    const attributes = { UserId: userId, ...(reason !== undefined ? { Reason: reason } : {}) }
    this.#rooms.deliver({ roomArn, frame: this.#eventFrame(id, requestId, SYSTEM_EVENTS.disconnectUser, attributes) })
    this.#closeUser(roomArn, userId, reason)
    return id
  }

  /**
   * Calls `listener` with every frame this emulator sends to a room, as it goes out (after
   * latency and the duplicate and reorder faults), whether or not the room has members here:
   * the hook of the browser's cross-tab relay (mocks/cross-tab-relay.ts).
   */
  onFanOut(listener: (delivery: Delivery) => void): () => void {
    return this.#rooms.onFanOut(listener)
  }

  /**
   * A frame that another emulator sent to a room (another tab's, through the relay): to this
   * emulator's members of that room as it is, and a moderator's DISCONNECT_USER also closes
   * that user's connections here. `onFanOut` listeners do not see it, so relays never echo.
   */
  receiveRelayed(delivery: Delivery): void {
    this.#rooms.sendToMembers(delivery)
    const { roomArn, frame } = delivery
    if (frame.Type === 'EVENT' && frame.EventName === SYSTEM_EVENTS.disconnectUser && frame.Attributes.UserId) {
      this.#closeUser(roomArn, frame.Attributes.UserId, frame.Attributes.Reason)
    }
  }

  /** A deleted room ends its sessions: ERROR 404 to each, then a close. */
  roomDeleted(roomArn: string): void {
    for (const connection of this.#rooms.membersOf(roomArn)) {
      this.#sendError(connection, '', CHAT_ERROR_CODES.notFound, 'The room was deleted')
      this.#closeLater(connection, 1000, 'Room deleted')
    }
  }

  /** Closes every connection (emulator reset). */
  closeAll(reason: string): void {
    for (const connection of this.#rooms.everyone()) {
      connection.close(1000, reason)
      this.disconnected(connection, `closed: ${reason}`)
    }
    this.#roomRates.clear()
    this.#rooms.clear()
  }

  async #handle(connection: ChatConnection, data: unknown): Promise<void> {
    if (!connection.open) return
    const frame = readClientFrame(data)
    this.#log('in', connection, frame.logText)
    if (!frame.ok) return this.#sendError(connection, frame.requestId, frame.errorCode, frame.errorMessage)
    const { action, requestId } = frame
    if (!connection.requests.tryTake(this.#clock.now(), REQUESTS_PER_CONNECTION_PER_SECOND)) {
      return this.#sendError(connection, requestId, CHAT_ERROR_CODES.tooManyRequests, 'Too many requests on this connection (10 per second)')
    }
    switch (action.Action) {
      case 'SEND_MESSAGE':
        return this.#sendMessage(connection, action, requestId)
      case 'DELETE_MESSAGE':
        return this.#deleteMessageAction(connection, action, requestId)
      case 'DISCONNECT_USER':
        return this.#disconnectUserAction(connection, action, requestId)
    }
  }

  async #sendMessage(connection: ChatConnection, action: SendMessageAction, requestId: string): Promise<void> {
    if (!connection.can('SEND_MESSAGE')) {
      return this.#sendError(connection, requestId, CHAT_ERROR_CODES.forbidden, 'The token does not grant SEND_MESSAGE')
    }
    const room = this.#roomStore.find(connection.info.roomArn)
    if (!room) return this.#sendError(connection, requestId, CHAT_ERROR_CODES.notFound, 'The room cannot be found')
    const length = codePointLength(action.Content)
    if (length === 0) return this.#sendError(connection, requestId, CHAT_ERROR_CODES.badRequest, 'Content must not be empty')
    if (length > room.maximumMessageLength) {
      return this.#sendError(
        connection,
        requestId,
        CHAT_ERROR_CODES.badRequest,
        `Message content is ${length} characters; this room allows at most ${room.maximumMessageLength}`,
      )
    }
    const attributes = action.Attributes ?? {}
    if (attributesByteLength(attributes) > ATTRIBUTES_MAX_BYTES) {
      return this.#sendError(connection, requestId, CHAT_ERROR_CODES.payloadTooLarge, `Message attributes exceed ${ATTRIBUTES_MAX_BYTES} bytes`)
    }
    // A queued fault is meant for the next send of a person (or test), not of a simulated chatter.
    const fault = connection.info.simulated ? undefined : this.#faults.takeSendFault()
    if (fault) return this.#sendError(connection, requestId, fault.errorCode, fault.errorMessage)
    const roomRate = this.#roomRates.get(room.arn) ?? new RateWindow()
    this.#roomRates.set(room.arn, roomRate)
    if (!roomRate.tryTake(this.#clock.now(), room.maximumMessageRatePerSecond)) {
      return this.#sendError(
        connection,
        requestId,
        CHAT_ERROR_CODES.tooManyRequests,
        `Rate limit exceeded: this room accepts ${room.maximumMessageRatePerSecond} messages per second`,
      )
    }
    const messageId = newId()
    const review = await reviewMessage(
      room,
      reviewerOf(room, this.#reviewLambdas),
      {
        Content: action.Content,
        MessageId: messageId,
        RoomArn: room.arn,
        Attributes: attributes,
        Sender: { UserId: connection.info.userId, Attributes: connection.info.attributes, Ip: '127.0.0.1' },
      },
      this.#settings.reviewTimeoutMs,
    )
    if (review.result === 'DENY') return this.#sendError(connection, requestId, CHAT_ERROR_CODES.notAcceptable, review.reason)
    this.#rooms.deliver({
      roomArn: room.arn,
      frame: {
        Type: 'MESSAGE',
        Id: messageId,
        RequestId: requestId,
        Content: review.content,
        Attributes: Object.keys(review.attributes).length > 0 ? review.attributes : null,
        SendTime: this.#sendTimes.next(this.#clock.now()),
        Sender: { UserId: connection.info.userId, Attributes: connection.info.attributes },
      },
    })
  }

  #deleteMessageAction(connection: ChatConnection, action: DeleteMessageAction, requestId: string): void {
    if (!connection.can('DELETE_MESSAGE')) {
      return this.#sendError(connection, requestId, CHAT_ERROR_CODES.forbidden, 'The token does not grant DELETE_MESSAGE')
    }
    this.deleteMessage(connection.info.roomArn, action.Id, action.Reason, requestId)
  }

  #disconnectUserAction(connection: ChatConnection, action: DisconnectUserAction, requestId: string): void {
    if (!connection.can('DISCONNECT_USER')) {
      return this.#sendError(connection, requestId, CHAT_ERROR_CODES.forbidden, 'The token does not grant DISCONNECT_USER')
    }
    this.disconnectUser(connection.info.roomArn, action.UserId, action.Reason, requestId)
  }

  #eventFrame(id: string, requestId: string, eventName: string, attributes: Record<string, string>): EventFrame {
    return {
      Type: 'EVENT',
      Id: id,
      RequestId: requestId,
      EventName: eventName,
      Attributes: attributes,
      SendTime: this.#sendTimes.next(this.#clock.now()),
    }
  }

  #sendError(connection: ChatConnection, requestId: string, errorCode: ChatErrorCode, errorMessage: string): void {
    const frame: ServerFrame = { Type: 'ERROR', Id: newId(), RequestId: requestId, ErrorCode: errorCode, ErrorMessage: errorMessage }
    this.#rooms.later(() => connection.send(frame))
  }

  #closeUser(roomArn: string, userId: string, reason: string | undefined): void {
    for (const connection of this.#rooms.membersOf(roomArn)) {
      if (connection.info.userId === userId) this.#closeLater(connection, 1000, reason ?? 'Disconnected by moderator')
    }
  }

  #closeLater(connection: ChatConnection, code: number, reason: string): void {
    setTimeout(() => {
      if (!connection.open) return
      connection.close(code, reason)
      this.disconnected(connection, `closed by the server: ${code} ${reason}`)
    }, this.#settings.latencyMs + CLOSE_AFTER_MS)
  }

  #find(connectionId: string): ChatConnection | undefined {
    for (const connection of this.#rooms.everyone()) if (connection.info.id === connectionId) return connection
    return undefined
  }

  #refuse(reason: TokenRejection): ConnectResult {
    this.#frameLog.add({
      time: this.#clock.now(),
      direction: 'event',
      connectionId: '',
      userId: '',
      roomArn: '',
      text: `connection refused: ${reason}`,
    })
    this.#onRejection(reason)
    return { ok: false, reason }
  }

  #log(direction: 'in' | 'out' | 'event', connection: ChatConnection, text: string): void {
    this.#frameLog.add({
      time: this.#clock.now(),
      direction,
      connectionId: connection.info.id,
      userId: connection.info.userId,
      roomArn: connection.info.roomArn,
      text,
    })
  }
}
