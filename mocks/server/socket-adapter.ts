import type { IncomingMessage, Server } from 'node:http'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import type { ChatConnection } from '../emulator/connection.ts'
import type { Emulator } from '../emulator/emulator.ts'
import type { TokenRejection } from '../emulator/tokens.ts'
import { Heartbeat } from './heartbeat.ts'
import type { ServerLog } from './log.ts'
import { WsTransport } from './socket-transport.ts'

export interface ChatSocketOptions {
  server: Server
  emulator: Emulator
  log: ServerLog
  /** Frames larger than this close the socket with 1009. */
  maxPayloadBytes: number
  /** Unsent bytes a slow reader may hold before it is closed with 1008. */
  maxBufferedBytes: number
  /** How often clients are pinged; one that misses a pong is terminated. */
  heartbeatMs: number
  /** A check before the emulator's own (the connection quota): a refusal answers the upgrade. */
  admit?: (token: string | undefined) => HandshakeRefusal | undefined
}

/** An upgrade refused before the emulator sees it: HTTP status, headers and body. */
export interface HandshakeRefusal {
  status: number
  headers: Record<string, string>
  body: string
}

export interface ChatSockets {
  /** Live sockets. */
  readonly size: number
  /** Closes every socket with 1001 and `reason`, cutting off those that do not answer in time. */
  close(reason: string): Promise<void>
}

/**
 * How a refused token reaches the client: an HTTP status on the upgrade, as the documented
 * chat error codes name them (401 expired or missing, 404 room not found, else 403).
 */
const REFUSAL_STATUS: Record<TokenRejection, number> = {
  missing: 401,
  expired: 401,
  'room-deleted': 404,
  'other-region': 403,
  malformed: 403,
  'wrong-algorithm': 403,
  'unknown-key': 403,
  'not-issued': 403,
  'already-used': 403,
}

/** How long `close()` waits for clients to answer the close before cutting them off. */
const CLOSE_GRACE_MS = 2_000

/**
 * The chat socket on a Node HTTP server with `ws`: the token is the single subprotocol and
 * is echoed back (browsers require it); the emulator checks it during the handshake, so a
 * bad token gets an HTTP 401/403/404 and never an open socket. Frames go to the emulator
 * as they come, as the MSW handler hands them.
 */
export function attachChatSockets({ server, emulator, log, maxPayloadBytes, maxBufferedBytes, heartbeatMs, admit }: ChatSocketOptions): ChatSockets {
  const accepted = new WeakMap<IncomingMessage, { connection: ChatConnection; transport: WsTransport }>()
  const names = new WeakMap<WebSocket, string>()
  const heartbeat = new Heartbeat(heartbeatMs, (socket) => log.info(`chat ${names.get(socket) ?? 'socket'} missed a heartbeat: terminated`))

  const sockets = new WebSocketServer({
    server,
    maxPayload: maxPayloadBytes,
    perMessageDeflate: false,
    WebSocket: socketClass(maxPayloadBytes),
    // Echo the token, the one protocol offered: a browser drops a socket whose server picks none.
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
    verifyClient: ({ req }, done) => {
      const from = req.socket.remoteAddress ?? 'unknown address'
      const path = new URL(req.url ?? '/', 'ws://emulator').pathname
      if (path !== '/') {
        log.info(`chat refused from ${from}: no socket at ${path} (HTTP 404)`)
        return done(false, 404, 'The chat socket is at /')
      }
      const refused = admit?.(tokenOf(req))
      if (refused) {
        log.info(`chat refused from ${from}: HTTP ${refused.status} ${refused.body}`)
        return done(false, refused.status, refused.body, refused.headers)
      }
      let connection: ChatConnection | undefined
      const transport = new WsTransport({
        maxBufferedBytes,
        onOverflow: (bytes) => {
          log.info(`chat ${describeConnection(connection!)} too slow (${bytes} bytes unread): closed 1008`)
          emulator.chat.disconnected(connection!, 'closed: client too slow')
        },
        ...(log.frame ? { onFrame: (text: string) => log.frame?.(`chat ${connection!.info.id} → ${text}`) } : {}),
      })
      const result = emulator.chat.connect(tokenOf(req), transport)
      if (!result.ok) {
        const status = REFUSAL_STATUS[result.reason]
        log.info(`chat refused from ${from}: token ${result.reason} (HTTP ${status})`)
        return done(false, status, `Chat token refused: ${result.reason}`)
      }
      connection = result.connection
      accepted.set(req, { connection, transport })
      // The upgrade can still fail (the client hung up meanwhile); then no socket ever comes.
      req.socket.once('close', () => {
        if (!transport.attached) emulator.chat.disconnected(result.connection, 'closed during the handshake')
      })
      done(true)
    },
  })

  sockets.on('connection', (socket, req) => {
    const entry = accepted.get(req)
    if (!entry) return socket.terminate()
    const { connection, transport } = entry
    names.set(socket, describeConnection(connection))
    transport.attach(socket)
    heartbeat.watch(socket)
    log.info(`chat open ${describeConnection(connection)} from ${req.socket.remoteAddress}`)
    socket.on('message', (data, isBinary) => {
      const frame = isBinary ? toBytes(data) : data.toString()
      log.frame?.(`chat ${connection.info.id} ← ${typeof frame === 'string' ? frame : `<binary, ${frame.byteLength} bytes>`}`)
      emulator.chat.receive(connection, frame).catch((error: unknown) => {
        log.error(`chat ${connection.info.id} failed to handle a frame: ${String(error)}`)
      })
    })
    socket.on('error', (error) => log.error(`chat ${describeConnection(connection)} socket error: ${error.message}`))
    socket.on('close', (code, reason) => {
      emulator.chat.disconnected(connection, `closed ${code} ${reason.toString()}`.trim())
      log.info(`chat closed ${describeConnection(connection)}: ${code} ${reason.toString()}`.trim())
    })
  })
  sockets.on('error', (error) => log.error(`chat server error: ${error.message}`))

  return {
    get size() {
      return sockets.clients.size
    },
    async close(reason) {
      heartbeat.stop()
      const open = [...sockets.clients]
      const closed = open.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())))
      for (const socket of open) socket.close(1001, reason)
      const cutOff = setTimeout(() => open.forEach((socket) => socket.terminate()), CLOSE_GRACE_MS)
      await Promise.all(closed)
      clearTimeout(cutOff)
      await new Promise<void>((resolve) => sockets.close(() => resolve()))
    },
  }
}

/** The token: the first (and, from AWS's clients, only) subprotocol offered. */
function tokenOf(req: IncomingMessage): string | undefined {
  return req.headers['sec-websocket-protocol']?.split(',')[0]?.trim() || undefined
}

function toBytes(data: RawData): Uint8Array {
  return Array.isArray(data) ? Buffer.concat(data) : new Uint8Array(data)
}

function describeConnection(connection: ChatConnection): string {
  const { id, userId, roomArn } = connection.info
  return `${id} user=${JSON.stringify(userId)} room=${roomArn.slice(roomArn.lastIndexOf('/') + 1)}`
}

/**
 * `ws` closes a socket that sent an oversized frame with 1009 and no reason; this class
 * names the limit in the close, so the client can tell what it did wrong.
 */
function socketClass(maxPayloadBytes: number): typeof WebSocket {
  return class ChatSocket extends WebSocket {
    override close(code?: number, reason?: string | Buffer): void {
      super.close(code, code === 1009 && !reason ? `Frame larger than ${maxPayloadBytes} bytes` : reason)
    }
  }
}
