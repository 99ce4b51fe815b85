import { CreateChatTokenCommand, type IvschatClient, type ChatTokenCapability } from '@aws-sdk/client-ivschat'
import { ivschatClient as sharedClient, rejectionOf } from '../contract/ivschat-client'
import { ChatRoom, type ChatLogger, type ChatMessage, type DisconnectReason } from 'amazon-ivs-chat-messaging'
import { DEMO_ROOM_ARN } from '../../mocks/emulator/emulator'
import type { ServerLog } from '../../mocks/server/log'
import { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from '../../mocks/server/server'

export const REGION = 'us-west-2'

/**
 * The timeout of a test that runs Python (boto3, the AWS CLI): each process starts in about a
 * second on an idle machine but took over 7 s on a shared one (2 cores, load 14). A bound for
 * a hung client, not a measurement.
 */
export const PYTHON_TIMEOUT_MS = 90_000

/** The server's lines, kept for assertions instead of printed. */
export class RecordingLog implements ServerLog {
  readonly lines: { level: 'info' | 'error' | 'frame'; line: string }[] = []
  info = (line: string) => void this.lines.push({ level: 'info', line })
  error = (line: string) => void this.lines.push({ level: 'error', line })
  frame = (line: string) => void this.lines.push({ level: 'frame', line })

  of(level: 'info' | 'error' | 'frame'): string[] {
    return this.lines.filter((entry) => entry.level === level).map((entry) => entry.line)
  }
}

export interface TestServer extends EmulatorServer {
  log: RecordingLog
}

/** The server on a free loopback port, logging into a `RecordingLog`. */
export async function startTestServer(options: EmulatorServerOptions = {}): Promise<TestServer> {
  const log = new RecordingLog()
  const server = await startEmulatorServer({ port: 0, host: '127.0.0.1', log, ...options })
  return Object.assign(server, { log })
}

/** AWS's REST client pointed at the server, as a user's backend would build it. */
export function ivschatClient(server: EmulatorServer): IvschatClient {
  return sharedClient(REGION, server.url)
}

export { rejectionOf }

/** What the SDK logged at error level (every ERROR frame and every failed socket). */
export class QuietLogger implements ChatLogger {
  readonly errors: string[] = []
  debug(): void {}
  info(): void {}
  error(message: string): void {
    this.errors.push(message)
  }
}

export interface Participant {
  room: ChatRoom
  messages: ChatMessage[]
  disconnects: DisconnectReason[]
  logger: QuietLogger
  /** Resolves with the `count`-th message this participant received (1-based). */
  message(count: number): Promise<ChatMessage>
}

export interface JoinOptions {
  roomArn?: string
  capabilities?: ChatTokenCapability[]
  attributes?: Record<string, string>
  /** Wait for `connect` (default) or return at once. */
  wait?: boolean
  maxReconnectAttempts?: number
}

/** A real `ChatRoom` on the server's socket, its tokens minted through the server's REST API. */
export async function join(server: EmulatorServer, client: IvschatClient, userId: string, options: JoinOptions = {}): Promise<Participant> {
  const room = new ChatRoom({
    regionOrUrl: server.socketUrl,
    maxReconnectAttempts: options.maxReconnectAttempts ?? 0,
    tokenProvider: async () => {
      const answer = await client.send(
        new CreateChatTokenCommand({
          roomIdentifier: options.roomArn ?? DEMO_ROOM_ARN,
          userId,
          capabilities: options.capabilities ?? ['SEND_MESSAGE'],
          ...(options.attributes ? { attributes: options.attributes } : {}),
        }),
      )
      return { token: answer.token!, sessionExpirationTime: answer.sessionExpirationTime, tokenExpirationTime: answer.tokenExpirationTime }
    },
  })
  return connect(room, options.wait ?? true)
}

/** Wires a `ChatRoom` to record what it reports, connects it, and (by default) waits for `connect`. */
export async function connect(room: ChatRoom, wait = true): Promise<Participant> {
  const logger = new QuietLogger()
  room.logger = logger
  room.logLevel = 'error'
  const messages: ChatMessage[] = []
  const disconnects: DisconnectReason[] = []
  const waiting: { count: number; resolve: (message: ChatMessage) => void }[] = []
  room.addListener('message', (message) => {
    messages.push(message)
    for (const waiter of waiting.filter((w) => w.count === messages.length)) waiter.resolve(message)
  })
  room.addListener('disconnect', (reason) => disconnects.push(reason))
  const connected = new Promise<void>((resolve, reject) => {
    room.addListener('connect', () => resolve())
    room.addListener('disconnect', (reason) => reject(new Error(`disconnected before connect: ${reason}`)))
  })
  room.connect()
  if (wait) await connected
  else connected.catch(() => {})
  return {
    room,
    messages,
    disconnects,
    logger,
    message: (count) =>
      count <= messages.length ? Promise.resolve(messages[count - 1]!) : new Promise((resolve) => waiting.push({ count, resolve })),
  }
}

/** Resolves once the room reports `disconnect`, with its reason. */
export function disconnected(participant: Participant): Promise<DisconnectReason> {
  if (participant.disconnects.length > 0) return Promise.resolve(participant.disconnects[0]!)
  return new Promise((resolve) => participant.room.addListener('disconnect', resolve))
}

/** A chat token for the demo room, straight from the REST API. */
export async function mintToken(client: IvschatClient, userId = 'alice', roomArn = DEMO_ROOM_ARN): Promise<string> {
  const answer = await client.send(new CreateChatTokenCommand({ roomIdentifier: roomArn, userId, capabilities: ['SEND_MESSAGE'] }))
  return answer.token!
}

/** How a raw WebSocket ended: its close code and reason. */
export function closeOf(socket: WebSocket): Promise<{ code: number; reason: string; wasClean: boolean }> {
  return new Promise((resolve) => {
    socket.addEventListener('close', (event) => resolve({ code: event.code, reason: event.reason, wasClean: event.wasClean }))
  })
}

/** Resolves when `socket` opens; rejects if it closes first. */
export function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve())
    socket.addEventListener('close', (event) => reject(new Error(`closed before open: ${event.code} ${event.reason}`)))
  })
}

/** Polls `condition` on the event loop until it holds (no fixed sleeps; bounded by the test timeout). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}
