import type { WebSocket } from 'ws'

/**
 * Finds clients that vanished without closing (a phone that lost its network, a laptop
 * put to sleep): every interval each socket is pinged, and one that has not answered the
 * previous ping is terminated. Browsers and Node's WebSocket answer pings on their own.
 */
export class Heartbeat {
  readonly #answered = new Map<WebSocket, boolean>()
  readonly #timer: ReturnType<typeof setInterval>
  readonly #onVanished: (socket: WebSocket) => void

  constructor(intervalMs: number, onVanished: (socket: WebSocket) => void) {
    this.#onVanished = onVanished
    this.#timer = setInterval(() => this.#beat(), intervalMs)
    // The heartbeat alone must not keep a process alive.
    this.#timer.unref()
  }

  watch(socket: WebSocket): void {
    this.#answered.set(socket, true)
    socket.on('pong', () => {
      if (this.#answered.has(socket)) this.#answered.set(socket, true)
    })
    socket.once('close', () => this.#answered.delete(socket))
  }

  stop(): void {
    clearInterval(this.#timer)
  }

  #beat(): void {
    for (const [socket, answered] of this.#answered) {
      if (!answered) {
        this.#answered.delete(socket)
        this.#onVanished(socket)
        socket.terminate()
        continue
      }
      this.#answered.set(socket, false)
      socket.ping()
    }
  }
}
