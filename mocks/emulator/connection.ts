import type { ChatTokenCapability } from '../contract/constraints.ts'
import { ServerFrame } from '../contract/frames.ts'
import type { TokenClaims } from './tokens.ts'
import type { SocketTransport } from './transport.ts'
import { RateWindow } from './rate-limiter.ts'
import { truncateUtf8 } from './close-reason.ts'

/** What the panel and tests see of a live connection. */
export interface ConnectionInfo {
  id: string
  roomArn: string
  userId: string
  capabilities: ChatTokenCapability[]
  attributes: Record<string, string>
  connectedAt: number
  tokenExpiresAt: number
  sessionExpiresAt: number
  /** Set for a participant the emulator runs itself (simulated chatters), never for a socket. */
  simulated?: true
}

/**
 * One chat participant's socket: who it is (from its token, never from the client), its
 * requests-per-second window, and the queue that handles its frames one at a time so that
 * a slow review never reorders one sender's messages.
 */
export class ChatConnection {
  readonly info: ConnectionInfo
  readonly requests = new RateWindow()
  open = true
  #queue: Promise<void> = Promise.resolve()
  #cancelSessionTimer: () => void = () => {}
  readonly #transport: SocketTransport
  readonly #onSend: (connection: ChatConnection, text: string) => void

  constructor(
    id: string,
    claims: TokenClaims,
    connectedAt: number,
    transport: SocketTransport,
    onSend: (connection: ChatConnection, text: string) => void,
    simulated = false,
  ) {
    this.info = {
      id,
      roomArn: claims.roomArn,
      userId: claims.userId,
      capabilities: claims.capabilities,
      attributes: claims.attributes,
      connectedAt,
      tokenExpiresAt: claims.tokenExpiresAt,
      sessionExpiresAt: claims.sessionExpiresAt,
      ...(simulated ? { simulated: true as const } : {}),
    }
    this.#transport = transport
    this.#onSend = onSend
  }

  can(capability: ChatTokenCapability): boolean {
    return this.info.capabilities.includes(capability)
  }

  /**
   * Sends a frame after checking it against the SDK's own expectations: a frame the SDK
   * cannot parse is dropped silently on its side and leaves a caller waiting forever, so an
   * invalid one is a bug in the emulator and throws here instead.
   */
  send(frame: ServerFrame): void {
    ServerFrame.parse(frame)
    this.sendText(JSON.stringify(frame))
  }

  sendText(text: string): void {
    if (!this.open) return
    this.#onSend(this, text)
    this.#transport.send(text)
  }

  close(code: number, reason: string): void {
    if (!this.open) return
    this.#transport.close(code, truncateUtf8(reason))
  }

  fail(): void {
    if (!this.open) return
    this.#transport.fail()
  }

  /** Runs `task` after every frame this connection sent before it. */
  enqueue(task: () => Promise<void> | void): Promise<void> {
    this.#queue = this.#queue.then(task, task)
    return this.#queue
  }

  setSessionTimer(cancel: () => void): void {
    this.#cancelSessionTimer = cancel
  }

  /** Called once the socket is gone: nothing may be sent or scheduled for it any more. */
  forget(): void {
    this.open = false
    this.#cancelSessionTimer()
  }
}
