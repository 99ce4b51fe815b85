import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Emulator } from '../emulator/emulator.ts'
import { newRequestId } from '../emulator/ids.ts'
import { OPERATION_NAMES, answerRestCall, errorAnswer, type RestAnswer } from '../emulator/rest-protocol.ts'
import { CORS_HEADERS, preflightHeaders } from './cors.ts'
import type { ServerLog } from './log.ts'
import { regionOfAuthorization } from './sigv4.ts'

export interface RestAdapterOptions {
  emulator: Emulator
  log: ServerLog
  /** Larger request bodies get a 413 without being kept in memory. */
  maxBodyBytes: number
  /** The region of a call that is not signed (no SigV4 credential scope to read it from). */
  region: string
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

async function answerRequest(request: IncomingMessage, { emulator, maxBodyBytes, region }: RestAdapterOptions): Promise<RestAnswer> {
  const method = request.method ?? 'GET'
  const path = new URL(request.url ?? '/', 'http://emulator').pathname
  if (method === 'OPTIONS') return { status: 204, headers: preflightHeaders(request), body: null }
  const body = await readBody(request, maxBodyBytes)
  if (body === undefined) {
    return errorAnswer(
      'ValidationException',
      413,
      { message: `The request body is larger than ${maxBodyBytes} bytes`, reason: 'OTHER' },
      newRequestId(),
    )
  }
  if (method === 'GET' && path === '/') return serviceInfo(emulator)
  return answerRestCall(emulator, {
    method,
    operation: decodePath(path.slice(1)),
    body,
    // The caller's region, as AWS knows it: the one its request was signed for.
    region: regionOfAuthorization(request.headers.authorization) ?? region,
  })
}

/**
 * The body as text, or `undefined` when it is over the cap. An oversized body is still read
 * to its end, and dropped, so that the client gets to read the 413 instead of a reset.
 */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size <= maxBytes) chunks.push(chunk)
    else chunks.length = 0
  }
  return size <= maxBytes ? Buffer.concat(chunks).toString('utf8') : undefined
}

function serviceInfo(emulator: Emulator): RestAnswer {
  const info = {
    service: 'Amazon IVS Chat emulator',
    operations: OPERATION_NAMES.map((name) => `POST /${name}`),
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
