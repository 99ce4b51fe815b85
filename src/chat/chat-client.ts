import {
  ChatRoom,
  DeleteMessageRequest,
  DisconnectUserRequest,
  SendMessageRequest,
  type ChatLogger,
  type ChatToken as SdkChatToken,
  type DisconnectReason,
} from 'amazon-ivs-chat-messaging'
import type { CreateChatTokenRequest } from '../../mocks/contract/chat-token'
import { createChatToken } from '../ivschat/create-chat-token'
import { RestCallError, type RestFailure } from '../ivschat/rest-client'
import { runAction, toActionError } from './action-errors'
import { toChatLine } from './chat-line'
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './reconnect-policy'
import * as chat from './chat-store'

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
}

/** Failures that a retry cannot fix: the request itself must change. */
const PERMANENT_TOKEN_FAILURES: ReadonlySet<RestFailure['kind']> = new Set(['ValidationException', 'ResourceNotFoundException', 'Aborted'])

/**
 * The one owner of the app's `ChatRoom` (AWS's chat SDK). It fetches a fresh token for every
 * connection (tokens are single-use), feeds the SDK's events into the chat store, wraps the
 * actions with a timeout, and takes over reconnecting where the SDK gives up.
 */
export class ChatClient {
  readonly #options: ChatClientOptions
  #room: ChatRoom | undefined
  #request: CreateChatTokenRequest | undefined
  #connects = 0
  #lastTokenFailure: RestFailure | undefined
  #attempt = 0
  #retryTimer: ReturnType<typeof setTimeout> | undefined
  #leaving = false
  #joins = 0
  /** The token `join` fetched, handed to the SDK for its first connection only. */
  #prefetched: SdkChatToken | undefined
  #stopListening: (() => void)[] = []

  constructor(options: ChatClientOptions) {
    this.#options = options
  }

  /**
   * Joins a room as described by `request` (what CreateChatToken gets each time). The first
   * token is requested here, before the SDK is involved, so a bad request is reported at
   * once (and next to its field) instead of after the SDK's silent retries. Resolves to
   * whether the token was issued.
   */
  async join(request: CreateChatTokenRequest): Promise<boolean> {
    this.leave()
    chat.joinRequested({
      userId: request.userId,
      roomArn: request.roomIdentifier,
      capabilities: [...(request.capabilities ?? [])],
      attributes: { ...request.attributes },
    })
    this.#request = request
    this.#connects = 0
    this.#attempt = 0
    this.#leaving = false
    const joinId = ++this.#joins
    let first: SdkChatToken
    try {
      first = await this.#fetchToken()
    } catch {
      if (joinId === this.#joins) chat.joinFailed(this.#lastTokenFailure!)
      return false
    }
    // Another join or a leave happened while the token was on its way.
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
    this.#cancelRetry()
    const room = this.#room
    this.#room = undefined
    if (room) {
      this.#leaving = true
      for (const stop of this.#stopListening) stop()
      this.#stopListening = []
      if (room.state !== 'disconnected') room.disconnect()
    }
    const status = chat.chatState().status
    if (status !== 'idle' && status !== 'disconnected') chat.disconnected({ kind: 'left' })
  }

  /** Sends a message; it shows as pending until the server echoes it. Rejects with `ChatActionFailed`. */
  async sendMessage(content: string, attributes?: Record<string, string>): Promise<void> {
    const request = new SendMessageRequest(content, attributes)
    chat.sendStarted({ requestId: request.requestId, content, ...(attributes ? { attributes } : {}) })
    try {
      const message = await runAction(() => this.#connectedRoom().sendMessage(request), this.#options.actionTimeoutMs)
      chat.messageReceived(toChatLine(message))
    } catch (error) {
      chat.sendFailed(request.requestId, toActionError(error))
      throw error
    }
  }

  /** Sends a failed message again, as a new request. */
  retrySend(requestId: string): Promise<void> {
    const pending = chat.chatState().pending.find((p) => p.requestId === requestId)
    if (!pending) return Promise.resolve()
    chat.sendDiscarded(requestId)
    return this.sendMessage(pending.content, pending.attributes)
  }

  discardSend(requestId: string): void {
    chat.sendDiscarded(requestId)
  }

  async deleteMessage(messageId: string, reason?: string): Promise<void> {
    await runAction(() => this.#connectedRoom().deleteMessage(new DeleteMessageRequest(messageId, reason)), this.#options.actionTimeoutMs)
  }

  async disconnectUser(userId: string, reason?: string): Promise<void> {
    await runAction(() => this.#connectedRoom().disconnectUser(new DisconnectUserRequest(userId, reason)), this.#options.actionTimeoutMs)
  }

  /** Tries to connect now instead of waiting for the next scheduled retry. */
  reconnectNow(): void {
    if (!this.#request) return
    this.#cancelRetry()
    this.#attempt = 0
    this.#reopen()
  }

  #connectedRoom(): ChatRoom {
    const room = this.#room
    if (!room || room.state !== 'connected') throw new Error('Room is not connected')
    return room
  }

  #createRoom(): ChatRoom {
    const room = new ChatRoom({
      regionOrUrl: this.#options.regionOrUrl,
      tokenProvider: () => {
        const prefetched = this.#prefetched
        this.#prefetched = undefined
        return prefetched ? Promise.resolve(prefetched) : this.#fetchToken()
      },
    })
    room.logger = this.#logger()
    room.logLevel = this.#options.debug ? 'debug' : 'error'
    this.#stopListening = [
      room.addListener('connecting', () => chat.connecting()),
      room.addListener('connect', () => {
        this.#attempt = 0
        chat.connected(this.#connects++ > 0)
      }),
      room.addListener('disconnect', (reason) => this.#onDisconnect(reason)),
      room.addListener('message', (message) => chat.messageReceived(toChatLine(message))),
      room.addListener('messageDelete', (event) => chat.messageDeleted(event.messageId, event.reason)),
      room.addListener('userDisconnect', (event) => chat.userDisconnected(event.userId, event.reason)),
      room.addListener('event', (event) =>
        chat.eventReceived({ id: event.id, eventName: event.eventName, attributes: { ...event.attributes }, sendTime: event.sendTime }),
      ),
    ]
    return room
  }

  /** Called by the SDK for every connection: a token is good for one connection only. */
  async #fetchToken(): Promise<SdkChatToken> {
    const request = this.#request
    if (!request) throw new Error('Not joined')
    try {
      const token = await createChatToken(request, { endpoint: this.#options.tokenEndpoint, ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}) })
      this.#lastTokenFailure = undefined
      chat.tokenIssued(token.tokenExpirationTime, token.sessionExpirationTime)
      // Not `tokenExpirationTime`: with it the SDK opens a second connection a minute before
      // the token expires, yet a token is only needed to connect and an open connection lasts
      // until its session ends. amazon-ivs-chat-messaging 1.1.1 also leaves that refresh timer
      // behind on every reconnect after a network drop (N drops, N refreshes an hour later).
      return { token: token.token, sessionExpirationTime: token.sessionExpirationTime }
    } catch (error) {
      this.#lastTokenFailure =
        error instanceof RestCallError ? error.failure : { kind: 'NetworkError', message: error instanceof Error ? error.message : String(error) }
      throw error
    }
  }

  #onDisconnect(reason: DisconnectReason): void {
    if (this.#leaving || reason === 'clientDisconnect') return
    const state = chat.chatState()
    if (state.cause?.kind === 'kicked') {
      // A moderator's decision: never retried.
      chat.disconnected(state.cause)
      return
    }
    if (reason === 'serverDisconnect') {
      const sessionOver = state.sessionExpiresAt !== undefined && Date.now() >= state.sessionExpiresAt.getTime() - 2_000
      if (sessionOver) {
        // The service ended the session without asking for a renewal: start a new one. Not from
        // inside this listener: the SDK disposes its connections right after dispatching
        // `disconnect`, which would drop the one a synchronous connect() just opened.
        chat.disconnected({ kind: 'session-ended' })
        queueMicrotask(() => this.#reopen())
      } else {
        chat.disconnected({ kind: 'server-closed' })
      }
      return
    }
    if (reason === 'fetchTokenError') {
      const failure = this.#lastTokenFailure ?? { kind: 'NetworkError', message: 'The token request failed' }
      if (PERMANENT_TOKEN_FAILURES.has(failure.kind)) {
        chat.disconnected({ kind: 'token-failed', failure })
        return
      }
      return this.#scheduleRetry({ kind: 'token-failed', failure })
    }
    this.#scheduleRetry({ kind: 'network', message: 'The connection to the chat server failed' })
  }

  /** Full-jitter backoff; waits for `online` when the browser says it is offline. */
  #scheduleRetry(cause: chat.DisconnectCause): void {
    const backoff = this.#options.backoff ?? DEFAULT_BACKOFF
    if (this.#attempt >= backoff.maxAttempts) {
      chat.disconnected(cause)
      return
    }
    this.#cancelRetry()
    const attempt = ++this.#attempt
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      chat.disconnected(cause)
      chat.retryScheduled(attempt, Number.NaN, true)
      const onOnline = () => this.#reopen()
      window.addEventListener('online', onOnline, { once: true })
      this.#retryCleanup = () => window.removeEventListener('online', onOnline)
      return
    }
    const delay = backoffDelay(attempt - 1, backoff)
    chat.disconnected(cause)
    chat.retryScheduled(attempt, Date.now() + delay, false)
    this.#retryTimer = setTimeout(() => this.#reopen(), delay)
  }

  #retryCleanup: (() => void) | undefined

  #cancelRetry(): void {
    clearTimeout(this.#retryTimer)
    this.#retryTimer = undefined
    this.#retryCleanup?.()
    this.#retryCleanup = undefined
  }

  /** Connects the existing room again; never a second room, never a second socket. */
  #reopen(): void {
    this.#cancelRetry()
    const room = this.#room
    if (!room || room.state !== 'disconnected') return
    room.connect()
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
