import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Emulator } from '../emulator/emulator.ts'
import { ChatLogFiles } from './chat-log-files.ts'
import { restListener } from './http-adapter.ts'
import { QuotaEnforcer, resolveQuotas, type QuotaOverrides } from './quotas.ts'
import { bindReviewHandlers, describeTarget, type ReviewHandlerBindings } from './review-bindings.ts'
import { consoleLog, type ServerLog } from './log.ts'
import { attachChatSockets, type HandshakeRefusal } from './socket-adapter.ts'
import { RoomStateFile } from './state-file.ts'

export interface EmulatorServerOptions {
  /** 0 picks a free port (tests). Default 4599. */
  port?: number
  /** Default 127.0.0.1; `0.0.0.0` lets phones and other machines in. */
  host?: string
  /** Keep rooms in this JSON file across restarts. */
  stateFile?: string
  /**
   * Write chat logging records here: JSON lines, one file per logging configuration
   * destination (`s3-<bucket>.jsonl`, `cloudwatch-logs-<group>.jsonl`, `firehose-<stream>.jsonl`).
   */
  logsDir?: string
  /** Log every frame. */
  verbose?: boolean
  /** How often sockets are pinged to find clients that vanished. Default 30 s. */
  heartbeatMs?: number
  /**
   * The region of calls that are not signed; a signed call's region is its SigV4 credential
   * scope's, as on AWS. Default: the emulator's `defaultRegion` (us-west-2).
   */
  region?: string
  /**
   * Review Lambdas by ARN: a module path (a file exporting `handler(event)`, as a Lambda does),
   * an `http(s)://` URL (the review payload POSTed as JSON) or a function. A room whose
   * `messageReviewHandler.uri` names an ARN bound nowhere gets its `fallbackResult`, as on AWS.
   */
  reviewHandlers?: ReviewHandlerBindings
  /**
   * Strict mode: check every API call's SigV4 signature against these access keys
   * (access key id → secret access key). An unknown key is `UnrecognizedClientException`, a bad
   * signature `InvalidSignatureException` (both 403), as on AWS. Off unless given.
   */
  credentials?: Record<string, string>
  /**
   * Strict mode: hold API call rates, rooms and concurrent chat connections to IVS Chat's
   * quotas (`ThrottlingException` 429, `ServiceQuotaExceededException` 402). `true` for AWS's
   * defaults, or an object replacing some of them (tests use small numbers).
   */
  enforceQuotas?: boolean | QuotaOverrides
  /** Serve the emulator's controls over HTTP under `/_emulator` (default true). */
  controls?: boolean
  /** Serve this emulator instead of a new one (tests use it to reach in). */
  emulator?: Emulator
  /** Where lines go; default stdout/stderr. With `verbose` unset, its `frame` is not used. */
  log?: ServerLog
  /** Request bodies over this get a 413. Default 1 MiB. */
  maxBodyBytes?: number
  /** Frames over this close the socket with 1009. Default 128 KiB. */
  maxPayloadBytes?: number
  /** A client with more unsent bytes than this is closed with 1008. Default 1 MiB. */
  maxBufferedBytes?: number
  /**
   * A connection must finish its request headers (a WebSocket handshake included) within this,
   * counted from when it connects, or it is answered 408 and destroyed. Default 10 s. Sockets
   * that never send a byte would otherwise each hold a file descriptor until none are left.
   */
  headersTimeoutMs?: number
  /** A whole request, body included, within this, or 408 and destroyed. Default 30 s. */
  requestTimeoutMs?: number
  /** A keep-alive connection idle this long after its last answer is closed. Default 5 s. */
  keepAliveTimeoutMs?: number
}

export interface EmulatorServer {
  /** The control plane: `endpoint` for AWS's SDKs, `endpoint_url` for boto3. */
  url: string
  /** The chat socket: `regionOrUrl` for `ChatRoom`. */
  socketUrl: string
  emulator: Emulator
  /** Closes every socket with 1001 and a reason, stops listening and saves the rooms. */
  close(): Promise<void>
}

export const DEFAULT_PORT = 4599
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000
export const DEFAULT_HOST = '127.0.0.1'
const SHUTDOWN_REASON = 'Emulator server shutting down'

/**
 * Amazon IVS Chat on a real network: the control plane at `http://<host>:<port>/<Operation>`
 * and the chat socket at `ws://<host>:<port>/`, both over one emulator, for clients that
 * cannot see an in-page MSW worker (boto3, the AWS CLI, phones, other browsers).
 */
export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const emulator = options.emulator ?? new Emulator()
  const given = options.log ?? consoleLog(options.verbose ?? false)
  const log: ServerLog = options.verbose ? given : { info: given.info, error: given.error }

  const stateFile = options.stateFile ? new RoomStateFile(options.stateFile, emulator, log) : undefined
  if (stateFile) {
    const rooms = await stateFile.load()
    log.info(rooms ? `rooms: ${rooms.length} loaded from ${options.stateFile}` : `rooms: ${options.stateFile} will be created`)
  }

  const logFiles = options.logsDir ? new ChatLogFiles(options.logsDir, log) : undefined
  await logFiles?.start(emulator.chatLogs)

  if (options.reviewHandlers) {
    await bindReviewHandlers(emulator, options.reviewHandlers)
    for (const [lambdaArn, target] of Object.entries(options.reviewHandlers)) log.info(`review: ${lambdaArn} → ${describeTarget(target)}`)
  }
  const region = options.region ?? emulator.settings.defaultRegion
  const credentials = options.credentials ? new Map(Object.entries(options.credentials)) : undefined
  if (credentials?.size === 0) throw new Error('Signature checks need at least one access key (credentials: { AKID: SECRET })')
  const quotas = options.enforceQuotas
    ? new QuotaEnforcer(emulator, resolveQuotas(options.enforceQuotas === true ? {} : options.enforceQuotas))
    : undefined
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS
  const requestTimeout = Math.max(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, headersTimeout)
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
      // Node looks for expired requests every 30 s by default: a timeout of 10 s would hold
      // sockets for up to 40 s. Checking often costs one walk over the open connections.
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, headersTimeout / 4)),
    },
    restListener({
      emulator,
      log,
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      region,
      ...(credentials ? { credentials } : {}),
      ...(quotas ? { quotas } : {}),
      controls: options.controls ?? true,
    }),
  )
  const sockets = attachChatSockets({
    server,
    emulator,
    log,
    maxPayloadBytes: options.maxPayloadBytes ?? 128 * 1024,
    maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    heartbeatMs: options.heartbeatMs ?? 30_000,
    ...(quotas ? { admit: (token: string | undefined) => connectionRefusal(quotas, token) } : {}),
  })
  // A request Node cannot parse, or one too slow: say so in one line, answer if the client
  // still listens, and let go of the socket. Only ending it (a half-close) would keep the
  // descriptor until the client closes too, which an attacker never does.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    if (timedOut) log.info('http connection closed: no complete request in time (408)')
    else log.error(`http client error: ${error.message}`)
    if (!socket.writable) return void socket.destroy()
    const status = timedOut ? '408 Request Timeout' : '400 Bad Request'
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy())
  })
  try {
    await listen(server, options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST)
  } catch (error) {
    await sockets.close(SHUTDOWN_REASON)
    await logFiles?.close()
    throw error
  }
  // Out of descriptors, `accept` fails and Node reports it here; unheard, it would end the
  // process. libuv drops the connection it could not accept; the server goes on with the rest.
  server.on('error', (error) => log.error(`http server error: ${error.message}`))
  stateFile?.start()

  const { port } = server.address() as AddressInfo
  const host = urlHost(options.host ?? DEFAULT_HOST)
  let closing: Promise<void> | undefined
  return {
    url: `http://${host}:${port}`,
    socketUrl: `ws://${host}:${port}`,
    emulator,
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeIdleConnections()
        await sockets.close(SHUTDOWN_REASON)
        server.closeAllConnections()
        await closed
        stateFile?.stop()
        await logFiles?.close()
      })()
      return closing
    },
  }
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

/** The host as a client should dial it: a wildcard address is reached on loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::' || host === '[::]') return '[::1]'
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/** Over the connection quota: the upgrade is refused with AWS's error in the restJson shape. */
function connectionRefusal(quotas: QuotaEnforcer, token: string | undefined): HandshakeRefusal | undefined {
  const refusal = quotas.admitConnection(token)
  if (!refusal) return undefined
  return {
    status: refusal.status,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': refusal.type },
    body: JSON.stringify(refusal.body),
  }
}
