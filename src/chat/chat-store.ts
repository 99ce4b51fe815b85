import { create } from 'zustand'
import type { ChatTokenCapability } from '../../mocks/contract/constraints'
import type { RestFailure } from '../ivschat/rest-client'
import { mergeLines, type ChatLine } from './chat-line'
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
  | { kind: 'server-closed' }

export interface Participant {
  userId: string
  roomArn: string
  capabilities: ChatTokenCapability[]
  attributes: Record<string, string>
}

/** A message the user sent that the server has not echoed yet (or refused). */
export interface PendingSend {
  requestId: string
  content: string
  attributes?: Record<string, string>
  state: 'sending' | 'failed'
  error?: ChatActionError
}

export interface ChatState {
  status: ConnectionStatus
  /** Why the last join did not get a token; the join panel shows it next to the field at fault. */
  joinError?: RestFailure
  cause?: DisconnectCause
  /** What the client is doing about a lost connection, for the status line. */
  retry?: { attempt: number; at: number; offline: boolean }
  me?: Participant
  tokenExpiresAt?: Date
  sessionExpiresAt?: Date
  /** How many times a session ended and a new token opened another one. */
  renewals: number
  lines: ChatLine[]
  knownIds: Set<string>
  pending: PendingSend[]
  /** Custom events from SendEvent, newest last (bounded). */
  events: { id: string; eventName: string; attributes: Record<string, string>; sendTime: Date }[]
}

const initialState: ChatState = {
  status: 'idle',
  renewals: 0,
  lines: [],
  knownIds: new Set(),
  pending: [],
  events: [],
}

export const useChatStore = create<ChatState>()(() => initialState)

const set = useChatStore.setState
const get = useChatStore.getState

// Actions are named for what happened; the chat client calls them, components only read.

// `true`: replace the whole state. zustand merges by default, and a merge of `initialState`
// keeps every optional field it does not name (the last token's times, cause, joinError, me).

export function joinRequested(me: Participant): void {
  set({ ...initialState, knownIds: new Set(), status: 'connecting', me }, true)
}

export function joinFailed(failure: RestFailure): void {
  set({ ...initialState, knownIds: new Set(), joinError: failure }, true)
}

export function tokenIssued(tokenExpiresAt: Date, sessionExpiresAt: Date): void {
  set({ tokenExpiresAt, sessionExpiresAt })
}

export function connecting(): void {
  set((state) => ({ status: isReconnect(state) ? 'reconnecting' : 'connecting' }))
}

/** A connection after one was lost (not after leaving or being removed) is a reconnect: the status says why. */
function isReconnect(state: ChatState): boolean {
  if (state.status === 'connected' || state.status === 'reconnecting') return true
  return state.status === 'disconnected' && state.cause !== undefined && state.cause.kind !== 'left' && state.cause.kind !== 'kicked'
}

export function connected(renewed: boolean): void {
  set((state) => ({ status: 'connected', cause: undefined, retry: undefined, renewals: state.renewals + (renewed ? 1 : 0) }))
}

export function retryScheduled(attempt: number, at: number, offline: boolean): void {
  set({ status: 'reconnecting', retry: { attempt, at, offline } })
}

export function disconnected(cause: DisconnectCause): void {
  set((state) => ({
    status: 'disconnected',
    cause,
    retry: undefined,
    // Nothing in flight can be confirmed any more: the user may retry each one.
    pending: state.pending.map((p) => (p.state === 'sending' ? { ...p, state: 'failed', error: { code: 'not-connected', message: 'Not sent: the connection closed first' } } : p)),
  }))
}

let queued: ChatLine[] = []
let cancelScheduledFlush: (() => void) | undefined
let lastFlush = Number.NEGATIVE_INFINITY

/** A frame at 60 Hz: messages merged less than this apart mean a busy room. */
const FRAME_MS = 16
/** More messages than this in one task is a burst. */
const BURST = 50
/**
 * How long queued messages wait for a frame before they are merged anyway: a tab hidden after
 * the frame was requested gets none (and its timers run at most once a second).
 */
const FRAME_WAIT_MS = 100

/**
 * Queues a message. In a quiet room the messages of one task are merged at once; in a busy
 * one (the last merge was less than a frame ago), and for a burst (many in one task),
 * everything that arrives before the next frame is merged in one update, in that frame.
 *
 * Why: zustand updates React through `useSyncExternalStore`, which renders synchronously on
 * every store change, and a socket delivers each frame in a task of its own. Merging per task
 * rendered the list once per message (200 renders a second in a busy room, long tasks on a
 * 2-core machine); merging per frame renders it at most once per paint, in the frame's
 * `requestAnimationFrame` callback, so the message is still painted in that frame, and a
 * burst's render is not added to the task that received it. A quiet room skips the wait: a
 * message rendered when it arrives is on screen at the next paint without that paint also
 * waiting for its render. Where there are no frames (Node, a hidden page), the messages of
 * one task are merged.
 */
export function messageReceived(line: ChatLine): void {
  if (queued.length === 0) scheduleFlush()
  queued.push(line)
}

function scheduleFlush(): void {
  const framesComing = typeof document !== 'undefined' && document.visibilityState === 'visible' && typeof requestAnimationFrame === 'function'
  if (!framesComing) queueMicrotask(flushMessages)
  else if (performance.now() - lastFlush < FRAME_MS) flushAtNextFrame()
  else queueMicrotask(() => (queued.length > BURST ? flushAtNextFrame() : flushMessages()))
}

function flushAtNextFrame(): void {
  const frame = requestAnimationFrame(flushMessages)
  const timer = setTimeout(flushMessages, FRAME_WAIT_MS)
  cancelScheduledFlush = () => {
    cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}

function flushMessages(): void {
  cancelScheduledFlush?.()
  cancelScheduledFlush = undefined
  const incoming = queued
  queued = []
  if (incoming.length === 0) return
  lastFlush = performance.now()
  set((state) => {
    const { lines, known } = mergeLines(state.lines, state.knownIds, incoming, HISTORY_LIMIT)
    const confirmed = new Set(incoming.map((line) => line.requestId).filter(Boolean))
    return { lines, knownIds: known, pending: confirmed.size > 0 ? state.pending.filter((p) => !confirmed.has(p.requestId)) : state.pending }
  })
}

export function messageDeleted(messageId: string, reason?: string): void {
  flushMessages()
  set((state) => {
    const myId = state.me?.userId
    const lines = state.lines.flatMap((line) => {
      if (line.id !== messageId) return [line]
      // The author sees what happened to their message; everyone else sees it disappear.
      return line.sender.userId === myId ? [{ ...line, deleted: reason !== undefined ? { reason } : {} }] : []
    })
    return { lines }
  })
}

export function userDisconnected(userId: string, reason?: string): void {
  set((state) => (state.me?.userId === userId ? { cause: { kind: 'kicked', ...(reason !== undefined ? { reason } : {}) } } : {}))
}

export function eventReceived(event: ChatState['events'][number]): void {
  set((state) => ({ events: [...state.events.slice(-49), event] }))
}

export function sendStarted(pending: Omit<PendingSend, 'state'>): void {
  set((state) => ({ pending: [...state.pending.filter((p) => p.requestId !== pending.requestId), { ...pending, state: 'sending' }] }))
}

export function sendFailed(requestId: string, error: ChatActionError): void {
  set((state) => ({ pending: state.pending.map((p) => (p.requestId === requestId ? { ...p, state: 'failed', error } : p)) }))
}

export function sendDiscarded(requestId: string): void {
  set((state) => ({ pending: state.pending.filter((p) => p.requestId !== requestId) }))
}

/** Back to the state before any join (tests, and leaving the room). */
export function chatReset(): void {
  cancelScheduledFlush?.()
  cancelScheduledFlush = undefined
  queued = []
  set({ ...initialState, knownIds: new Set() }, true)
}

export const chatState = get
