import { ws } from 'msw'
import type { Emulator } from '../emulator/emulator.ts'
import { regionOfSocketHost } from '../emulator/regions.ts'
import type { SocketTransport } from '../emulator/transport.ts'

/** `wss://edge.ivschat.<region>.amazonaws.com`, any region; the room comes from the token. */
export const CHAT_SOCKET_URL = /^wss:\/\/edge\.ivschat\.[a-z0-9-]+\.amazonaws\.com\/?$/

/**
 * The chat socket as an MSW `ws` handler: a thin adapter that hands the token (the single
 * subprotocol) and every frame to the emulator. Membership is the emulator's own: MSW's
 * `clients` set keeps closed connections.
 */
export function socketHandler(emulator: Emulator) {
  const chat = ws.link(CHAT_SOCKET_URL)
  return chat.addEventListener('connection', ({ client, info }) => {
    const token = typeof info.protocols === 'string' ? info.protocols : info.protocols?.[0]
    const socket = socketOf(client)
    const transport: SocketTransport = {
      send: (text) => client.send(text),
      close: (code, reason) => client.close(code, reason),
      // A network failure: the socket errors without a close handshake. The SDK reconnects.
      fail: () => {
        socket?.dispatchEvent(new Event('error'))
        setTimeout(() => client.close(1000, 'connection lost'), 0)
      },
    }
    // The socket of a region serves that region's rooms: a token for another region's room is refused.
    const result = emulator.chat.connect(token, transport, regionOfSocketHost(client.url.hostname))
    if (!result.ok) {
      // Decided before the socket reported open: to the client this is a failed handshake.
      // (MSW 3.0.5 registers its own cleanup of a client after a few awaits, so a client closed
      // this early leaves one listener on MSW's BroadcastChannel: a small leak per refusal, in
      // MSW; a dozen refusals in one test file print a MaxListenersExceededWarning.)
      socket?.dispatchEvent(new Event('error'))
      client.close(1000, `Connection refused: ${result.reason}`)
      return
    }
    const connection = result.connection
    client.addEventListener('message', (event) => {
      emulator.chat.receive(connection, event.data).catch((error: unknown) => {
        console.error('[ivschat emulator] failed to handle a frame', error)
      })
    })
    client.addEventListener('close', () => emulator.chat.disconnected(connection, 'closed'))
  })
}

/**
 * The page-side WebSocket of an intercepted connection. MSW's public handle type leaves it
 * out, but its runtime connection has it, and dispatching `error` on it is the only way to
 * look like a network failure or a refused handshake to the client.
 */
function socketOf(client: object): WebSocket | undefined {
  return 'socket' in client && client.socket instanceof EventTarget ? (client.socket as WebSocket) : undefined
}
