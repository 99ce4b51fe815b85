import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Emulator } from '../emulator/emulator.ts'
import { newRequestId } from '../emulator/ids.ts'
import { OPERATION_ROUTES, answerRestCall, errorAnswer, type RestAnswer } from '../emulator/rest-protocol.ts'
import { CORS_HEADERS, preflightHeaders } from './cors.ts'
import type { ServerLog } from './log.ts'
import { answerControlCall, CONTROL_PREFIX } from './control-routes.ts'
import type { QuotaEnforcer } from './quotas.ts'
import { regionOfAuthorization, verifySignature } from './sigv4.ts'

export interface RestAdapterOptions {
  emulator: Emulator
  log: ServerLog
  /** Larger request bodies get a 413 without being kept in memory. */
  maxBodyBytes: number
  /** The region of a call that is not signed (no SigV4 credential scope to read it from). */
  region: string
  /** Strict mode: access key id → secret; every API call must carry a good SigV4 signature. */
  credentials?: ReadonlyMap<string, string>
  /** Strict mode: API rates and resource counts held to IVS Chat's quotas. */
  quotas?: QuotaEnforcer
  /** Serve the emulator's controls under `/_emulator` (default true). */
  controls?: boolean
}

/**
 * The control plane on Node's HTTP server: `POST /<Operation>` handed to `answerRestCall`,
 * as the MSW handler does, plus what a real network needs: CORS, a body size cap, and
 * `GET /` naming the service (for health checks and a curious browser).
 */
export function restListener(options: RestAdapterOptions): RequestListener {
  const { log } = options
  return (request, response) => {
    const started = performance.now()
    answerRequest(request, options)
      .then((answer) => {
        send(response, answer)
        log.info(describe(request, answer, performance.now() - started))
      })
      .catch((error: unknown) => {
        // Only the client's own stream fails here (an aborted upload): there is no one to answer.
        log.error(`${request.method} ${request.url} failed: ${error instanceof Error ? error.message : String(error)}`)
        response.destroy()
      })
  }
}

async function answerRequest(request: IncomingMessage, options: RestAdapterOptions): Promise<RestAnswer> {
  const { emulator, maxBodyBytes, region } = options
  const method = request.method ?? 'GET'
  const url = new URL(request.url ?? '/', 'http://emulator')
  const path = url.pathname
  if (method === 'OPTIONS') return { status: 204, headers: preflightHeaders(request), body: null }
  const bytes = await readBody(request, maxBodyBytes)
  if (bytes === undefined) {
    return errorAnswer(
      'ValidationException',
      413,
      { message: `The request body is larger than ${maxBodyBytes} bytes`, reason: 'OTHER' },
      newRequestId(),
    )
  }
  const body = new TextDecoder().decode(bytes)
  if (options.controls !== false && (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`))) {
    // The emulator's own controls: not an AWS operation, so neither signed nor throttled.
    return answerControlCall(emulator, { method, path: path.slice(CONTROL_PREFIX.length), query: url.searchParams, body })
  }
  if (method === 'GET' && path === '/') return serviceInfo(emulator)
  if (options.credentials) {
    const failure = verifySignature({ method, url: request.url ?? '/', headers: request.headers, body: bytes }, options.credentials)
    if (failure) return errorAnswer(failure.type, failure.status, { message: failure.message }, newRequestId())
  }
  // The caller's region, as AWS knows it: the one its request was signed for.
  const callRegion = regionOfAuthorization(request.headers.authorization) ?? region
  const operation = decodePath(path.slice(1))
  const refusal = options.quotas?.admitCall(quotaNameOf(method, path, operation), callRegion)
  if (refusal) return errorAnswer(refusal.type, refusal.status, refusal.body, newRequestId())
  return answerRestCall(emulator, { method, operation, body, query: url.search.slice(1), region: callRegion })
}

/** The operation a quota counts: the tag operations share `/tags/{resourceArn}` and differ by method. */
function quotaNameOf(method: string, path: string, operation: string): string {
  if (!path.startsWith('/tags/')) return operation
  return { GET: 'ListTagsForResource', POST: 'TagResource', DELETE: 'UntagResource' }[method.toUpperCase()] ?? operation
}

/**
 * The body as text, or `undefined` when it is over the cap. An oversized body is still read
 * to its end, and dropped, so that the client gets to read the 413 instead of a reset.
 */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size <= maxBytes) chunks.push(chunk)
    else chunks.length = 0
  }
  return size <= maxBytes ? Buffer.concat(chunks) : undefined
}

function serviceInfo(emulator: Emulator): RestAnswer {
  const info = {
    service: 'Amazon IVS Chat emulator',
    operations: OPERATION_ROUTES,
    controls: `${CONTROL_PREFIX} (GET lists the emulator's controls)`,
    socket: 'GET / with the chat token as the WebSocket subprotocol',
    rooms: emulator.rooms.all().length,
    sessions: emulator.sessions().length,
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(info) }
}

function send(response: ServerResponse, answer: RestAnswer): void {
  response.writeHead(answer.status, { ...CORS_HEADERS, ...answer.headers })
  response.end(answer.body ?? undefined)
}

/** A path that is not valid percent-encoding is an unknown operation, not a crash. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

function describe(request: IncomingMessage, answer: RestAnswer, ms: number): string {
  const errorType = answer.headers['x-amzn-ErrorType']
  return `http ${request.method} ${request.url} ${answer.status}${errorType ? ` ${errorType}` : ''} (${ms.toFixed(1)} ms)`
}
