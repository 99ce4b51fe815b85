import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ChatTokenCapability } from '../../mocks/contract/constraints'
import type { RestFailure } from '../ivschat/rest-client'
import type { ChatLine } from './chat-line'
import type { ChatActionError } from './action-errors'

/** Messages kept in memory; older ones fall off. Virtualized rendering keeps this many smooth. */
export const HISTORY_LIMIT = 10_000

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected'

/** Why the chat is disconnected, in terms the UI can explain. */
export type DisconnectCause =
  | { kind: 'left' }
  | { kind: 'kicked'; reason?: string }
  | { kind: 'session-ended' }
  | { kind: 'token-failed'; failure: RestFailure }
  | { kind: 'network'; message: string }
  /** The socket closed before it opened: the server refused the handshake, or was unreachable. */
  | { kind: 'socket-refused' }
  | { kind: 'server-closed' }

/**
 * The room is gone, or the service refuses the join request as it stands: joining again with the
 * same request fails the same way, so the way on is to leave and choose another room or request.
 */
export function rejoinWouldFail(cause: DisconnectCause): boolean {
  return cause.kind === 'token-failed' && (cause.failure.kind === 'ResourceNotFoundException' || cause.failure.kind === 'ValidationException')
}

export interface Participant {
  userId: string
  roomArn: string
  capabilities: ChatTokenCapability[]
  attributes: Record<string, string>
}

/**
 * A message the user sent that the server has not echoed yet. `failed`: it was not sent (the
 * server refused it, or there was no connection to send it on). `unconfirmed`: it went out but
 * no answer came (a timeout, or the connection closed first), so it may well have arrived.
 */
export interface PendingSend {
  requestId: string
  content: string
  attributes?: Record<string, string>
  state: 'sending' | 'failed' | 'unconfirmed'
  /** Why, while it still applies: a rate limit or a lost connection stops mattering after a later send or a reconnect. */
  error?: ChatActionError
}

/**
 * What the UI shows of one chat client: a projection that the client writes (see
 * chat-client.ts) and components only read. The client never reads it back to decide anything.
 */
export interface ChatState {
  status: ConnectionStatus
  /** Why the last join did not get a token; the join panel shows it next to the field at fault. */
  joinError?: RestFailure
  cause?: DisconnectCause
  /**
   * What the client is doing about a lost connection, for the status line: the next try is
   * connection try number `attempt` since the connection was lost, at page time `at`.
   */
  retry?: { attempt: number; at: number; offline: boolean }
  /** Set when the client stopped trying to reconnect: how many tries it made. */
  gaveUpAfter?: number
  me?: Participant
  tokenExpiresAt?: Date
  sessionExpiresAt?: Date
  /** How many times a session ended and a new token opened another one. */
  renewals: number
  lines: ChatLine[]
  knownIds: Set<string>
  pending: PendingSend[]
  /** Users a moderator removed since the join (until they write again): not offered for removal again. */
  removedUserIds: ReadonlySet<string>
  /** How far the chat service's clock is ahead of the page's: countdowns count in the service's time. */
  clockOffsetMs: number
  /** Custom events from SendEvent, newest last (bounded). */
  events: { id: string; eventName: string; attributes: Record<string, string>; sendTime: Date }[]
}

export type ChatStore = StoreApi<ChatState>

/** The state before any join. A function: every store gets its own `Set`. */
export function initialChatState(): ChatState {
  return { status: 'idle', renewals: 0, clockOffsetMs: 0, lines: [], knownIds: new Set(), pending: [], events: [], removedUserIds: new Set() }
}

/** A store of its own for one chat client (zustand's vanilla store: no React needed). */
export function createChatStore(): ChatStore {
  return createStore<ChatState>()(() => initialChatState())
}
