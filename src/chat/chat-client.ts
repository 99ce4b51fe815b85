import type { ChatLogger, ChatRoom, ChatToken as SdkChatToken, DisconnectReason } from 'amazon-ivs-chat-messaging'
import type { CreateChatTokenRequest } from '../../mocks/contract/chat-token'
import { SESSION_DURATION_MINUTES } from '../../mocks/contract/constraints'
import { requestChatToken } from '../ivschat/request-chat-token'
import { RestCallError, type RestFailure } from '../ivschat/rest-client'
import { NotConnectedError, runAction, toActionError, type ChatActionError } from './action-errors'
import { noticeLine, toChatLine, type ChatLine, type TimelineNotice } from './chat-line'
import { createChatStore, initialChatState, type ChatState, type ChatStore, type DisconnectCause, type PendingSend } from './chat-store'
import { chatEnvironment, type ChatEnvironment } from './environment'
import { MessageInbox } from './message-inbox'
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './reconnect-policy'
import { ServiceClock } from './service-clock'

export interface ChatClientOptions {
  /** `ChatRoom`'s `regionOrUrl`: a region, or a `wss://`/`ws://` URL. */
  regionOrUrl: string
  /** Where CreateChatToken bodies are POSTed. */
  tokenEndpoint: string
  fetch?: typeof fetch
  backoff?: BackoffOptions
  /** Log the SDK's debug output to the console. */
  debug?: boolean
  /**
   * How long send, delete and disconnect wait for the server's answer before failing with
   * code `'timeout'` (the SDK itself never gives up on them). Defaults to `ACTION_TIMEOUT_MS`.
   */
  actionTimeoutMs?: number
  /** Time, timers, online status and frames; the browser's by default (see environment.ts). */
  environment?: Partial<ChatEnvironment>
  /** Where the client writes what the UI shows; a new one by default. */
  store?: ChatStore
}

/** Failures that a retry cannot fix: the request itself must change. */
const PERMANENT_TOKEN_FAILURES: ReadonlySet<RestFailure['kind']> = new Set(['ValidationException', 'ResourceNotFoundException', 'Aborted'])

/** How close to its expiry a bare close counts as the session's end. */
const SESSION_END_SLACK_MS = 2_000

/** Errors that stop mattering once a later send went through or the connection is back. */
const TRANSIENT_ERRORS: ReadonlySet<ChatActionError['code']> = new Set([429, 500, 'timeout', 'not-connected'])

/** The name of what refused a token: the exception's, as the service sent it. */
function failureName(failure: RestFailure): string {
  return failure.kind === 'ServiceError' ? failure.type : failure.kind
}

/** A display name for a user id, from the newest line they sent (what the room last saw of them). */
function nameOf(lines: readonly ChatLine[], userId: string): string {
  for (let i = lines.length - 1; i >= 0; i--) {
    const sender = lines[i]!.sender
    if (sender.userId === userId) return sender.attributes.displayName || userId
  }
  return userId
}

/**
 * Where this client's session stands. The client decides from this alone (never from its
 * store, which is only what it shows): a moderator's removal is never retried, a lost
 * connection is, and a connection after one was lost is a reconnect.
 */
type Session =
  | { phase: 'idle' }
  | { phase: 'joining' }
  | { phase: 'connected' }
  | { phase: 'reconnecting'; cause: DisconnectCause | undefined }
  /** Removed by a moderator; `closed` once the SDK has reported the connection's end. */
  | { phase: 'kicked'; cause: Extract<DisconnectCause, { kind: 'kicked' }>; closed: boolean }
  | { phase: 'ended'; cause: DisconnectCause }

/**
 * The one owner of a `ChatRoom` (AWS's chat SDK). It fetches a fresh token for every connection
 * (tokens are single-use), runs the session's state machine, writes what the UI shows to its
 * own `store`, wraps the actions with a timeout, and takes over reconnecting where the SDK
 * gives up. Every client is independent: two in one page share no state.
 */
/**
 * AWS's chat SDK, fetched by the first join rather than with the page: nothing of it is needed
 * to render the join panel, and keeping it off the first render's critical path is part of that
 * path's size budget (README, Performance).
 */
type ChatSdk = typeof import('amazon-ivs-chat-messaging')
const loadChatSdk = (): Promise<ChatSdk> => import('amazon-ivs-chat-messaging')

export class ChatClient {
  /** What the UI shows of this client; components read it, only the client writes it. */
  readonly store: ChatStore
  /** The chat service's time as this client estimates it. */
  readonly clock: ServiceClock
  readonly #options: ChatClientOptions
  readonly #env: ChatEnvironment
  readonly #inbox: MessageInbox
  #session: Session = { phase: 'idle' }
  #room: ChatRoom | undefined
  /** The SDK's module, once a join has loaded it; a room exists only after that. */
  #sdk: ChatSdk | undefined
  #request: CreateChatTokenRequest | undefined
  #sessionExpiresAt: number | undefined
  #connects = 0
  #lastTokenFailure: RestFailure | undefined
  #attempt = 0
  #cancelRetry: (() => void) | undefined
  #leaving = false
  #joins = 0
  /** The token `join` fetched, handed to the SDK for its first connection only. */
  #prefetched: SdkChatToken | undefined
  #stopListening: (() => void)[] = []
  /** Connection tries since the connection was lost, and how many of them failed. */
  #tries = 0
  #failedTries = 0
  #lastFailure: string | undefined
  /** A token was issued for the current try and its socket has not opened yet. */
  #awaitingOpen = false
  /** How long the next token request waits: the SDK retries at once, which would hammer a refusing service. */
  #nextTryDelay = 0
  #cancelTryDelay: (() => void) | undefined
  /** The connection was lost at the session's end: the reconnect is a renewal. */
  #renewing = false
  /** Deletes and disconnects this client asked for, so that their notices confirm them as yours. */
  readonly #myDeletes = new Set<string>()
  readonly #myDisconnects = new Set<string>()
  #notices = 0
  /** The order sends started in, by request id: a send that goes through makes earlier failures stale. */
  readonly #sendOrder = new Map<string, number>()
  #sends = 0

  constructor(options: ChatClientOptions) {
    this.#options = options
    this.#env = chatEnvironment(options.environment)
    this.store = options.store ?? createChatStore()
    this.clock = new ServiceClock(() => this.#env.now())
    this.#inbox = new MessageInbox(this.store, this.#env.frames, (callback, ms) => this.#env.setTimeout(callback, ms))
  }

  /**
   * Joins a room as described by `request` (what CreateChatToken gets each time). The first
   * token is requested here, before the SDK is involved, so a bad request is reported at
   * once (and next to its field) instead of after the SDK's silent retries. Resolves to
   * whether the token was issued.
   */
  async join(request: CreateChatTokenRequest): Promise<boolean> {
    this.leave()
    this.#replaceState({
      status: 'connecting',
      me: { userId: request.userId, roomArn: request.roomIdentifier, capabilities: [...(request.capabilities ?? [])], attributes: { ...request.attributes } },
    })
    this.#session = { phase: 'joining' }
    this.#request = request
    this.#sessionExpiresAt = undefined
    this.#connects = 0
    this.#attempt = 0
    this.#leaving = false
    const joinId = ++this.#joins
    // The SDK's code downloads while the token is requested, not after.
    const sdkLoaded = this.#sdk ? Promise.resolve(this.#sdk) : loadChatSdk()
    sdkLoaded.catch(() => {}) // a failed download is reported below, once the token has come
    let first: SdkChatToken
    try {
      first = await this.#fetchToken()
    } catch {
      if (joinId === this.#joins) {
        this.#session = { phase: 'idle' }
        this.#replaceState({ joinError: this.#lastTokenFailure! })
      }
      return false
    }
    try {
      this.#sdk = await sdkLoaded
    } catch (error) {
      if (joinId === this.#joins) {
        this.#session = { phase: 'idle' }
        const detail = error instanceof Error ? error.message : String(error)
        this.#replaceState({ joinError: { kind: 'NetworkError', message: `Could not load the chat client's code (${detail}). Check your connection and reload the page.` } })
      }
      return false
    }
    // Another join or a leave happened while the token (or the SDK) was on its way.
    if (joinId !== this.#joins || this.#request !== request) return false
    this.#prefetched = first
    this.#room = this.#createRoom()
    this.#room.connect()
    return true
  }

  /** Leaves the room (or a join still waiting for its token); pending sends are marked failed. */
  leave(): void {
    this.#joins++
    this.#prefetched = undefined
    this.#stopRetry()
    this.#cancelTryDelay?.()
    this.#cancelTryDelay = undefined
    this.#nextTryDelay = 0
    this.#tries = 0
    this.#failedTries = 0
    this.#awaitingOpen = false
    const room = this.#room
    this.#room = undefined
    if (room) {
      this.#leaving = true
      for (const stop of this.#stopListening) stop()
      this.#stopListening = []
      if (room.state !== 'disconnected') room.disconnect()
    }
    const session = this.#session
    const open = session.phase === 'joining' || session.phase === 'connected' || session.phase === 'reconnecting' || (session.phase === 'kicked' && !session.closed)
    if (open) this.#disconnected({ kind: 'left' })
  }

  /** Leaves and forgets the room: the state before any join (the join panel comes back). */
  reset(): void {
    this.leave()
    this.#request = undefined
    this.#session = { phase: 'idle' }
    this.#sendOrder.clear()
    this.#inbox.clear()
    this.#replaceState({})
  }

  /** Sends a message; it shows as pending until the server echoes it. Rejects with `ChatActionFailed`. */
  async sendMessage(content: string, attributes?: Record<string, string>): Promise<void> {
    // Without the SDK there is no room yet: the send fails as not connected, under an id of its own.
    const request = this.#sdk ? new this.#sdk.SendMessageRequest(content, attributes) : undefined
    const requestId = request?.requestId ?? crypto.randomUUID()
    this.#sendOrder.set(requestId, ++this.#sends)
    this.#update((state) => ({
      pending: [...state.pending.filter((p) => p.requestId !== requestId), { requestId, content, ...(attributes ? { attributes } : {}), state: 'sending' }],
    }))
    try {
      const message = await runAction(() => this.#inRoom((room) => room.sendMessage(request!)), this.#options.actionTimeoutMs)
      this.#sendConfirmed(requestId)
      this.#messageReceived(toChatLine(message))
    } catch (error) {
      const detail = toActionError(error)
      // Without an answer it may have arrived; a refusal or no connection means it did not.
      const state: PendingSend['state'] = detail.code === 'timeout' ? 'unconfirmed' : 'failed'
      this.#update((current) => ({ pending: current.pending.map((p) => (p.requestId === requestId ? { ...p, state, error: detail } : p)) }))
      throw error
    }
  }

  /**
   * Sends a failed or unconfirmed message again, as a new request (an unconfirmed one may then
   * appear twice). Never one whose echo has arrived since: that one is only taken off the list.
   */
  retrySend(requestId: string): Promise<void> {
    const state = this.store.getState()
    const pending = state.pending.find((p) => p.requestId === requestId)
    if (!pending) return Promise.resolve()
    this.discardSend(requestId)
    if (state.lines.some((line) => line.requestId === requestId)) return Promise.resolve()
    return this.sendMessage(pending.content, pending.attributes)
  }

  discardSend(requestId: string): void {
    this.#sendOrder.delete(requestId)
    this.#update((state) => ({ pending: state.pending.filter((p) => p.requestId !== requestId) }))
  }

  /** Deletes a message for everyone; the room's notice of it confirms it to you. */
  deleteMessage(messageId: string, reason?: string): Promise<void> {
    return this.#moderate(this.#myDeletes, messageId, (room, sdk) => room.deleteMessage(new sdk.DeleteMessageRequest(messageId, reason)))
  }

  /** Removes a user from the room; the room's notice of it confirms it to you. */
  disconnectUser(userId: string, reason?: string): Promise<void> {
    return this.#moderate(this.#myDisconnects, userId, (room, sdk) => room.disconnectUser(new sdk.DisconnectUserRequest(userId, reason)))
  }

  /** A moderator's action, remembered in `mine` under `target` until the room's notice confirms it (or it fails). */
  async #moderate(mine: Set<string>, target: string, action: (room: ChatRoom, sdk: ChatSdk) => Promise<unknown>): Promise<void> {
    mine.add(target)
    try {
      await runAction(() => this.#inRoom((room) => action(room, this.#sdk!)), this.#options.actionTimeoutMs)
    } catch (error) {
      mine.delete(target)
      throw error
    }
  }

  /** Tries to connect now instead of waiting for the next scheduled retry. */
  reconnectNow(): void {
    if (!this.#request) return
    this.#stopRetry()
    this.#attempt = 0
    this.#reopen()
  }

  /**
   * The chat service's clock reads `serviceTime` now (the in-page emulator says so when its
   * time is moved); the countdowns follow.
   */
  observeServiceTime(serviceTime: number): void {
    if (this.clock.observe(serviceTime)) this.#clockMoved()
  }

  /** Asks the room, which must be connected: the SDK would throw a bare `Error` otherwise. */
  #inRoom<T>(action: (room: ChatRoom) => Promise<T>): Promise<T> {
    const room = this.#room
    if (!room || room.state !== 'connected') throw new NotConnectedError()
    return action(room)
  }

  #createRoom(): ChatRoom {
    const room = new this.#sdk!.ChatRoom({
      regionOrUrl: this.#options.regionOrUrl,
      tokenProvider: () => {
        const prefetched = this.#prefetched
        this.#prefetched = undefined
        return prefetched ? Promise.resolve(prefetched) : this.#nextTry()
      },
    })
    room.logger = this.#logger()
    room.logLevel = this.#options.debug ? 'debug' : 'error'
    this.#stopListening = [
      room.addListener('connecting', () => this.#onConnecting()),
      room.addListener('connect', () => this.#onConnect()),
      room.addListener('disconnect', (reason) => this.#onDisconnect(reason)),
      room.addListener('message', (message) => this.#messageReceived(toChatLine(message))),
      room.addListener('messageDelete', (event) => this.#messageDeleted(event.messageId, event.reason)),
      room.addListener('userDisconnect', (event) => this.#userDisconnected(event.userId, event.reason)),
      room.addListener('event', (event) => {
        this.#observeSendTime(event.sendTime)
        this.#update((state) => ({ events: [...state.events.slice(-49), { id: event.id, eventName: event.eventName, attributes: { ...event.attributes }, sendTime: event.sendTime }] }))
      }),
    ]
    return room
  }

  /**
   * One try to connect again: the SDK asks for a token for each. A try that got a token and is
   * asked for another without having connected was refused at the socket; a try that follows a
   * failure waits its backoff first (the SDK itself retries at once, three times).
   */
  async #nextTry(): Promise<SdkChatToken> {
    const reconnecting = this.#session.phase === 'reconnecting'
    if (this.#awaitingOpen && reconnecting) this.#tryFailed({ kind: 'socket-refused' })
    this.#awaitingOpen = false
    const delay = this.#nextTryDelay
    this.#nextTryDelay = 0
    if (delay > 0) {
      await new Promise<void>((resolve, reject) => {
        const cancel = this.#env.setTimeout(resolve, delay)
        this.#cancelTryDelay = () => {
          cancel()
          reject(new Error('Left the room'))
        }
      })
      this.#cancelTryDelay = undefined
    }
    if (reconnecting) this.#tries++
    const token = await this.#fetchToken()
    this.#awaitingOpen = true
    return token
  }

  /** A try to reconnect failed: say why, and when the next one is. */
  #tryFailed(cause: DisconnectCause): void {
    this.#failedTries++
    this.#lastFailure = cause.kind === 'token-failed' ? failureName(cause.failure) : cause.kind === 'socket-refused' ? 'the socket was refused' : undefined
    const backoff = this.#options.backoff ?? DEFAULT_BACKOFF
    // A failure no retry can fix (a deleted room) is not worth waiting for: the SDK's last tries go at once, then the client stops.
    const permanent = cause.kind === 'token-failed' && PERMANENT_TOKEN_FAILURES.has(cause.failure.kind)
    this.#nextTryDelay = permanent ? 0 : backoffDelay(this.#failedTries - 1, backoff, () => this.#env.random())
    this.#session = { phase: 'reconnecting', cause }
    this.#update({ status: 'reconnecting', cause, retry: { attempt: this.#tries + 1, at: this.#env.now() + this.#nextTryDelay, offline: false } })
  }

  /** Called for every connection: a token is good for one connection only. */
  async #fetchToken(): Promise<SdkChatToken> {
    const request = this.#request
    if (!request) throw new Error('Not joined')
    try {
      const token = await requestChatToken(request, { endpoint: this.#options.tokenEndpoint, ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}) })
      this.#lastTokenFailure = undefined
      // The service's time at issue: the session's end minus the duration asked for.
      const minutes = request.sessionDurationInMinutes ?? SESSION_DURATION_MINUTES.default
      const clockMoved = this.clock.observe(token.sessionExpirationTime.getTime() - minutes * 60_000)
      this.#sessionExpiresAt = token.sessionExpirationTime.getTime()
      this.#update({ tokenExpiresAt: token.tokenExpirationTime, sessionExpiresAt: token.sessionExpirationTime, ...(clockMoved ? { clockOffsetMs: this.clock.offset } : {}) })
      // Not `tokenExpirationTime`: with it the SDK opens a second connection a minute before
      // the token expires, yet a token is only needed to connect and an open connection lasts
      // until its session ends. amazon-ivs-chat-messaging 1.1.1 also leaves that refresh timer
      // behind on every reconnect after a network drop (N drops, N refreshes an hour later).
      return { token: token.token, sessionExpirationTime: token.sessionExpirationTime }
    } catch (error) {
      const failure: RestFailure =
        error instanceof RestCallError ? error.failure : { kind: 'NetworkError', message: error instanceof Error ? error.message : String(error) }
      this.#lastTokenFailure = failure
      if (this.#session.phase === 'reconnecting') this.#tryFailed({ kind: 'token-failed', failure })
      throw error
    }
  }

  #onConnecting(): void {
    const session = this.#session
    // A connection after one was lost (not after leaving or being removed) is a reconnect.
    const reconnect =
      session.phase === 'connected' || session.phase === 'reconnecting' || (session.phase === 'ended' && session.cause.kind !== 'left' && session.cause.kind !== 'kicked')
    if (reconnect && session.phase !== 'reconnecting') {
      this.#session = { phase: 'reconnecting', cause: session.phase === 'ended' ? session.cause : undefined }
      this.#renewing = (session.phase === 'ended' && session.cause.kind === 'session-ended') || this.#sessionOver()
    }
    if (!reconnect) this.#session = { phase: 'joining' }
    this.#update({ status: reconnect ? 'reconnecting' : 'connecting' })
  }

  #onConnect(): void {
    this.#attempt = 0
    this.#awaitingOpen = false
    this.#session = { phase: 'connected' }
    const renewed = this.#connects++ > 0
    if (renewed) {
      const failedTries = this.#failedTries
      this.#addNotice(
        this.#renewing && failedTries === 0
          ? { kind: 'renewed' }
          : { kind: 'reconnected', failedTries, ...(failedTries > 0 && this.#lastFailure ? { lastFailure: this.#lastFailure } : {}) },
      )
    }
    this.#tries = 0
    this.#failedTries = 0
    this.#lastFailure = undefined
    this.#renewing = false
    this.#update((state) => ({
      status: 'connected',
      cause: undefined,
      retry: undefined,
      gaveUpAfter: undefined,
      renewals: state.renewals + (renewed ? 1 : 0),
      // The connection is back: "not connected" and "no answer" no longer say anything true.
      pending: clearErrors(state.pending, (p) => p.error?.code === 'not-connected' || p.error?.code === 'timeout'),
    }))
  }

  #sessionOver(): boolean {
    return this.#sessionExpiresAt !== undefined && this.clock.now() >= this.#sessionExpiresAt - SESSION_END_SLACK_MS
  }

  /** A send went through: what made earlier ones fail (a rate limit, no connection) no longer holds. */
  #sendConfirmed(requestId: string): void {
    const order = this.#sendOrder.get(requestId) ?? 0
    this.#sendOrder.delete(requestId)
    const earlier = (p: PendingSend) => (this.#sendOrder.get(p.requestId) ?? Number.POSITIVE_INFINITY) < order
    this.#update((state) => ({ pending: clearErrors(state.pending, (p) => p.error !== undefined && TRANSIENT_ERRORS.has(p.error.code) && earlier(p)) }))
  }

  #onDisconnect(reason: DisconnectReason): void {
    if (this.#leaving || reason === 'clientDisconnect') return
    const session = this.#session
    if (session.phase === 'kicked') {
      // A moderator's decision: never retried.
      this.#disconnected(session.cause)
      return
    }
    if (reason === 'serverDisconnect') {
      if (this.#sessionOver()) {
        // The service ended the session without asking for a renewal: start a new one. Not from
        // inside this listener: the SDK disposes its connections right after dispatching
        // `disconnect`, which would drop the one a synchronous connect() just opened.
        this.#disconnected({ kind: 'session-ended' })
        queueMicrotask(() => this.#reopen())
      } else {
        this.#disconnected({ kind: 'server-closed' })
      }
      return
    }
    if (reason === 'fetchTokenError') {
      const failure = this.#lastTokenFailure ?? { kind: 'NetworkError', message: 'The token request failed' }
      if (PERMANENT_TOKEN_FAILURES.has(failure.kind)) {
        this.#disconnected({ kind: 'token-failed', failure })
        return
      }
      return this.#scheduleRetry({ kind: 'token-failed', failure })
    }
    // `socketError`: the socket failed before it opened (the SDK reconnects on its own after a drop).
    if (this.#env.online.isOnline()) return this.#scheduleRetry({ kind: 'socket-refused' })
    this.#scheduleRetry({ kind: 'network', message: 'The connection to the chat server failed' })
  }

  /** Full-jitter backoff; waits for `online` when the browser says it is offline. */
  #scheduleRetry(cause: DisconnectCause): void {
    const backoff = this.#options.backoff ?? DEFAULT_BACKOFF
    // This client waits for its next try itself: no token request waits as well.
    this.#nextTryDelay = 0
    this.#awaitingOpen = false
    if (this.#attempt >= backoff.maxAttempts) {
      this.#disconnected(cause)
      this.#update({ gaveUpAfter: Math.max(this.#tries, 1) })
      return
    }
    this.#stopRetry()
    this.#attempt++
    const attempt = this.#tries + 1
    this.#disconnected(cause)
    this.#session = { phase: 'reconnecting', cause }
    if (!this.#env.online.isOnline()) {
      this.#update({ status: 'reconnecting', retry: { attempt, at: Number.NaN, offline: true } })
      const stop = this.#env.online.onOnline(() => this.#reopen())
      this.#cancelRetry = stop
      return
    }
    const delay = backoffDelay(this.#attempt - 1, backoff, () => this.#env.random())
    this.#update({ status: 'reconnecting', retry: { attempt, at: this.#env.now() + delay, offline: false } })
    this.#cancelRetry = this.#env.setTimeout(() => this.#reopen(), delay)
  }

  #stopRetry(): void {
    this.#cancelRetry?.()
    this.#cancelRetry = undefined
  }

  /** Connects the existing room again; never a second room, never a second socket. */
  #reopen(): void {
    this.#stopRetry()
    const room = this.#room
    if (!room || room.state !== 'disconnected') return
    room.connect()
  }

  // What the UI shows: the projection of the session onto the store.

  /** Replaces the whole state. zustand merges by default, and a merge keeps every optional field it does not name. */
  #replaceState(state: Partial<ChatState>): void {
    this.store.setState({ ...initialChatState(), clockOffsetMs: this.clock.offset, ...state }, true)
  }

  #update(change: Partial<ChatState> | ((state: ChatState) => Partial<ChatState>)): void {
    this.store.setState(change)
  }

  #disconnected(cause: DisconnectCause): void {
    this.#session = cause.kind === 'kicked' ? { phase: 'kicked', cause, closed: true } : { phase: 'ended', cause }
    this.#update((state) => ({
      status: 'disconnected',
      cause,
      retry: undefined,
      // Nothing in flight can be confirmed any more; it may still have arrived. The user decides.
      pending: state.pending.map((p): PendingSend =>
        p.state === 'sending' ? { ...p, state: 'unconfirmed', error: { code: 'not-connected', message: 'The connection closed before the server confirmed it' } } : p,
      ),
    }))
  }

  #messageReceived(line: ChatLine): void {
    this.#observeSendTime(line.sendTime)
    // Someone removed earlier who writes again has come back: they may be removed again.
    if (this.store.getState().removedUserIds.has(line.sender.userId)) {
      this.#update((state) => {
        const removedUserIds = new Set(state.removedUserIds)
        removedUserIds.delete(line.sender.userId)
        return { removedUserIds }
      })
    }
    this.#inbox.received(line)
  }

  /** A quiet line in the timeline, at the service's time. */
  #addNotice(notice: TimelineNotice): void {
    this.#inbox.received(noticeLine(`notice:${++this.#notices}`, new Date(this.clock.now()), notice))
  }

  #observeSendTime(sendTime: Date): void {
    if (this.clock.observeSendTime(sendTime.getTime())) this.#clockMoved()
  }

  #clockMoved(): void {
    this.#update({ clockOffsetMs: this.clock.offset })
  }

  #messageDeleted(messageId: string, reason?: string): void {
    this.#inbox.flush()
    const byMe = this.#myDeletes.delete(messageId)
    const deleted = this.store.getState().lines.find((line) => line.id === messageId)
    // Your own message keeps its placeholder, which says what happened; anyone else's leaves a notice.
    if (deleted && deleted.sender.userId !== this.#request?.userId) {
      this.#addNotice({ kind: 'message-deleted', senderName: deleted.sender.attributes.displayName || deleted.sender.userId, byMe, ...(reason !== undefined ? { reason } : {}) })
    }
    this.#update((state) => {
      const myId = state.me?.userId
      const lines = state.lines.flatMap((line) => {
        if (line.id !== messageId) return [line]
        // The author sees what happened to their message; everyone else sees it disappear.
        return line.sender.userId === myId ? [{ ...line, deleted: reason !== undefined ? { reason } : {} }] : []
      })
      return { lines }
    })
  }

  #userDisconnected(userId: string, reason?: string): void {
    if (userId !== this.#request?.userId) {
      const byMe = this.#myDisconnects.delete(userId)
      this.#addNotice({ kind: 'user-removed', userName: nameOf(this.store.getState().lines, userId), byMe, ...(reason !== undefined ? { reason } : {}) })
      this.#update((state) => ({ removedUserIds: new Set(state.removedUserIds).add(userId) }))
      return
    }
    const cause = { kind: 'kicked' as const, ...(reason !== undefined ? { reason } : {}) }
    this.#session = { phase: 'kicked', cause, closed: false }
    this.#update({ cause })
  }

  #logger(): ChatLogger {
    const debug = this.#options.debug ?? false
    return {
      debug: (message, ...args) => {
        if (debug) console.info(`[chat] ${message}`, ...args)
      },
      info: (message, ...args) => {
        if (debug) console.info(`[chat] ${message}`, ...args)
      },
      // The SDK reports every ERROR frame here, including the 401 that renews a session; the
      // app already handles each one, so only debugging shows them.
      error: (message, ...args) => {
        if (debug) console.warn(`[chat] ${message}`, ...args)
      },
    }
  }
}

/** `pending` with the error dropped from each entry `stale` picks (the entry itself stays). */
function clearErrors(pending: PendingSend[], stale: (p: PendingSend) => boolean): PendingSend[] {
  if (!pending.some(stale)) return pending
  return pending.map((p) => {
    if (!stale(p)) return p
    const { error: _error, ...rest } = p
    return rest
  })
}
