import { WebSocket } from 'ws'
import { truncateUtf8 } from '../emulator/close-reason.ts'
import type { SocketTransport } from '../emulator/transport.ts'


export interface WsTransportOptions {
  /** More unsent bytes than this and the client is too slow: it is closed with 1008. */
  maxBufferedBytes: number
  /** Called once the transport has closed a client that could not keep up. */
  onOverflow(bufferedBytes: number): void
  /** Every frame sent, for `--verbose`. */
  onFrame?: (text: string) => void
}

/**
 * The emulator's socket transport over a `ws` socket. The emulator decides on the token
 * before the handshake completes (so that a refusal is an HTTP error, not an open-then-close),
 * which is before the socket exists: it is attached a moment later, and anything asked of the
 * transport meanwhile waits for it.
 */
export class WsTransport implements SocketTransport {
  #socket: WebSocket | undefined
  #waiting: ((socket: WebSocket) => void)[] = []
  readonly #options: WsTransportOptions

  constructor(options: WsTransportOptions) {
    this.#options = options
  }

  get attached(): boolean {
    return this.#socket !== undefined
  }

  attach(socket: WebSocket): void {
    this.#socket = socket
    for (const task of this.#waiting.splice(0)) task(socket)
  }

  send(text: string): void {
    this.#withSocket((socket) => {
      if (socket.readyState !== WebSocket.OPEN) return
      this.#options.onFrame?.(text)
      socket.send(text)
      // A reader that does not keep up would make the server hold every frame for it.
      if (socket.bufferedAmount > this.#options.maxBufferedBytes) {
        const buffered = socket.bufferedAmount
        socket.close(1008, `Client too slow: over ${this.#options.maxBufferedBytes} bytes of frames unread`)
        this.#options.onOverflow(buffered)
      }
    })
  }

  close(code: number, reason: string): void {
    this.#withSocket((socket) => socket.close(code, truncateUtf8(reason)))
  }

  fail(): void {
    this.#withSocket((socket) => socket.terminate())
  }

  #withSocket(task: (socket: WebSocket) => void): void {
    if (this.#socket) task(this.#socket)
    else this.#waiting.push(task)
  }
}
