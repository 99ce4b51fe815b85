import { CreateRoomCommand, type IvschatClient, type CreateRoomCommandInput } from '@aws-sdk/client-ivschat'
import { ivschatClient, rejectionOf } from '../contract/ivschat-client'
import {
  ChatRoom,
  type ChatError,
  type ChatEvent,
  type ChatLogger,
  type ChatMessage,
  type ChatRoomListenerMap,
  type ChatTokenProvider,
  type DeleteMessageEvent,
  type DisconnectReason,
  type DisconnectUserEvent,
} from 'amazon-ivs-chat-messaging'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { DEMO_ROOM_ARN, emulator, server } from '../../mocks/node'
import type { ChatTokenCapability } from '../../mocks/contract/constraints'
import { requestChatToken, type ChatToken } from '../../src/ivschat/request-chat-token'
import type { ServerFrame } from '../../mocks/contract/frames'

export const REGION = 'us-west-2'
/** Where the app's fetch layer gets tokens: the emulated control plane. */
export const TOKEN_ENDPOINT = `https://ivschat.${REGION}.amazonaws.com/CreateChatToken`
export const SOCKET_URL = `wss://edge.ivschat.${REGION}.amazonaws.com`

/**
 * `server` from mocks/node.ts for the whole file; after each test every room the test joined
 * leaves and the emulator goes back to its seeded state.
 */
export function setupEmulatorServer(): void {
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  afterEach(async () => {
    await leaveAll()
    emulator.reset()
  })
  afterAll(() => server.close())
}

/** What the SDK logged, by level. The SDK reports every ERROR frame through `error`. */
export class RecordingLogger implements ChatLogger {
  readonly entries: { level: 'debug' | 'info' | 'error'; message: string; args: unknown[] }[] = []

  debug(message: string, ...args: unknown[]): void {
    this.entries.push({ level: 'debug', message, args })
  }

  info(message: string, ...args: unknown[]): void {
    this.entries.push({ level: 'info', message, args })
  }

  error(message: string, ...args: unknown[]): void {
    this.entries.push({ level: 'error', message, args })
  }

  errors(): string[] {
    return this.entries.filter((e) => e.level === 'error').map((e) => e.message)
  }
}

/** A real `ChatRoom` and everything it reported since it was created. */
export interface Participant {
  userId: string
  room: ChatRoom
  logger: RecordingLogger
  /** Every token its tokenProvider handed to the SDK, in order. */
  tokens: ChatToken[]
  /** How many times the SDK called its tokenProvider. */
  tokenRequests: () => number
  messages: ChatMessage[]
  events: ChatEvent[]
  deletes: DeleteMessageEvent[]
  userDisconnects: DisconnectUserEvent[]
  disconnects: DisconnectReason[]
  /** `connecting` and `connect` events, in order. */
  states: ('connecting' | 'connect')[]
}

export interface JoinOptions {
  userId: string
  roomArn?: string
  capabilities?: ChatTokenCapability[]
  attributes?: Record<string, string>
  sessionDurationInMinutes?: number
  /** Replaces the fetch-layer provider (refusal tests hand the SDK a bad token). */
  tokenProvider?: ChatTokenProvider
  maxReconnectAttempts?: number
}

const joined = new Set<ChatRoom>()
const rawSockets = new Set<WebSocket>()

/**
 * A `ChatRoom` whose tokenProvider asks the app's fetch layer (`requestChatToken`) for a new
 * token on every call, as the app does. Records every event; does not connect.
 */
export function participant(options: JoinOptions): Participant {
  const tokens: ChatToken[] = []
  let requests = 0
  const fromFetchLayer: ChatTokenProvider = async () => {
    requests++
    const token = await fetchToken(options.userId, options)
    tokens.push(token)
    return token
  }
  const custom = options.tokenProvider
  const room = new ChatRoom({
    regionOrUrl: REGION,
    tokenProvider: custom
      ? () => {
          requests++
          return custom()
        }
      : fromFetchLayer,
    ...(options.maxReconnectAttempts !== undefined ? { maxReconnectAttempts: options.maxReconnectAttempts } : {}),
  })
  const logger = new RecordingLogger()
  room.logger = logger
  room.logLevel = 'error'
  const p: Participant = {
    userId: options.userId,
    room,
    logger,
    tokens,
    tokenRequests: () => requests,
    messages: [],
    events: [],
    deletes: [],
    userDisconnects: [],
    disconnects: [],
    states: [],
  }
  room.addListener('message', (m) => p.messages.push(m))
  room.addListener('event', (e) => p.events.push(e))
  room.addListener('messageDelete', (e) => p.deletes.push(e))
  room.addListener('userDisconnect', (e) => p.userDisconnects.push(e))
  room.addListener('disconnect', (reason) => p.disconnects.push(reason))
  room.addListener('connecting', () => p.states.push('connecting'))
  room.addListener('connect', () => p.states.push('connect'))
  joined.add(room)
  return p
}

/** Joins a room as `userId` with the given capabilities and attributes; resolves once connected. */
export async function join(options: JoinOptions): Promise<Participant> {
  const p = participant(options)
  const connected = nextEvent(p.room, 'connect')
  p.room.connect()
  await connected
  return p
}

type EventName = keyof ChatRoomListenerMap
type PayloadOf<E extends EventName> = Parameters<ChatRoomListenerMap[E]>[0]

/**
 * The next `name` event of `room` (that matches `accept`). Rejects after `timeoutMs` of real
 * time so that a missing event fails the test with its name instead of hanging it.
 */
export function nextEvent<E extends EventName>(
  room: ChatRoom,
  name: E,
  accept: (payload: PayloadOf<E>) => boolean = () => true,
  timeoutMs = 3_000,
): Promise<PayloadOf<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`No "${name}" event within ${timeoutMs} ms`))
    }, timeoutMs)
    // One listener shape fits every event: it takes the payload, if the event has one.
    const listener = ((payload: PayloadOf<E>) => {
      if (!accept(payload)) return
      clearTimeout(timer)
      stop()
      resolve(payload)
    }) as ChatRoomListenerMap[E]
    const stop = room.addListener(name, listener)
  })
}

/**
 * A promise the test settles when it chooses: holds a review handler (or anything else) until
 * the test lets it go.
 */
export function latch(): { wait: Promise<void>; open: () => void } {
  const resolvers: (() => void)[] = []
  const wait = new Promise<void>((resolve) => resolvers.push(resolve))
  return { wait, open: () => resolvers[0]!() }
}

/** Waits (real time, polling) until `check` stops throwing. */
export function eventually(check: () => void, timeout = 3_000): Promise<void> {
  return vi.waitFor(check, { timeout, interval: 5 })
}

export { rejectionOf }

/** The `ChatError` the SDK rejects a request with (a plain object, not an `Error`). */
export async function chatErrorOf(promise: Promise<unknown>): Promise<ChatError> {
  const error = await rejectionOf(promise)
  if (typeof error !== 'object' || error === null || !('errorCode' in error)) {
    throw new Error(`Expected a ChatError, got ${String(error)}`)
  }
  return error as ChatError
}

/** Disconnects every room joined in this test and waits until the emulator forgot them all. */
export async function leaveAll(): Promise<void> {
  for (const room of joined) if (room.state !== 'disconnected') room.disconnect()
  joined.clear()
  for (const socket of rawSockets) socket.close()
  rawSockets.clear()
  await eventually(() => {
    if (emulator.sessions().length > 0) throw new Error(`${emulator.sessions().length} sessions still open`)
  })
}

/** AWS's own REST client against the emulator; no retries, so each answer is the first one. */
export function ivschat(): IvschatClient {
  return ivschatClient(REGION)
}

/** Creates a room through the REST API and returns its ARN. */
export async function createRoom(input: CreateRoomCommandInput = {}): Promise<string> {
  const room = await ivschat().send(new CreateRoomCommand(input))
  return room.arn!
}

/** A token straight from the fetch layer, for raw sockets and refusal tests. */
export function fetchToken(userId: string, options: Omit<JoinOptions, 'userId' | 'tokenProvider'> = {}): Promise<ChatToken> {
  return requestChatToken(
    {
      roomIdentifier: options.roomArn ?? DEMO_ROOM_ARN,
      userId,
      capabilities: options.capabilities ?? ['SEND_MESSAGE'],
      ...(options.attributes ? { attributes: options.attributes } : {}),
      ...(options.sessionDurationInMinutes ? { sessionDurationInMinutes: options.sessionDurationInMinutes } : {}),
    },
    { endpoint: TOKEN_ENDPOINT },
  )
}

/** A plain WebSocket to the chat endpoint, for frames the SDK would never send. */
export interface RawSocket {
  socket: WebSocket
  /** Every frame received, parsed. */
  frames: ServerFrame[]
  closed: () => boolean
  send: (text: string) => void
  /** Resolves with the next frame received from now on. */
  nextFrame: () => Promise<ServerFrame>
}

/** Opens a raw socket with `token` as its subprotocol and waits for it to open. */
export async function openRawSocket(token: string): Promise<RawSocket> {
  const socket = new WebSocket(SOCKET_URL, token)
  rawSockets.add(socket)
  const frames: ServerFrame[] = []
  let waiting: ((frame: ServerFrame) => void)[] = []
  let closed = false
  socket.addEventListener('message', (event) => {
    const frame = JSON.parse(String(event.data)) as ServerFrame
    frames.push(frame)
    const resolvers = waiting
    waiting = []
    for (const resolve of resolvers) resolve(frame)
  })
  socket.addEventListener('close', () => {
    closed = true
  })
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true })
    socket.addEventListener('error', () => reject(new Error('The raw socket was refused')), { once: true })
  })
  return {
    socket,
    frames,
    closed: () => closed,
    send: (text) => socket.send(text),
    nextFrame: () => new Promise((resolve) => waiting.push(resolve)),
  }
}

/** The frames the emulator sent, as it logged them, parsed. */
export function sentFrames(): ServerFrame[] {
  return emulator.frameLog
    .entries()
    .filter((entry) => entry.direction === 'out')
    .map((entry) => JSON.parse(entry.text) as ServerFrame)
}

/** Seconds of emulator time, in ms. */
export const SECOND = 1_000
export const MINUTE = 60 * SECOND
