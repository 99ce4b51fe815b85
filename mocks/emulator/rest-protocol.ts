import type { ErrorBody } from '../contract/errors.ts'
import { createChatToken, createRoom, deleteRoom, getRoom, listRooms, updateRoom } from './control-plane.ts'
import type { CallContext } from './regions.ts'
import type { Account } from './account.ts'
import { IvsChatError, internalError, validationError } from './errors.ts'
import { newRequestId } from './ids.ts'
import {
  createLoggingConfiguration,
  deleteLoggingConfiguration,
  getLoggingConfiguration,
  listLoggingConfigurations,
  updateLoggingConfiguration,
} from './logging-configuration-operations.ts'
import { deleteMessage, disconnectUser, sendEvent } from './messaging-operations.ts'
import { listTagsForResource, tagResource, untagResource } from './tags.ts'

/** An HTTP call as any adapter (MSW, Node's server) sees it. */
export interface RestCall {
  method: string
  /** The path without its leading `/`, percent-decoded: `CreateRoom`, `tags/arn:aws:ivschat:...`. */
  operation: string
  body: string
  region: string
  /** The query string (without `?`); only UntagResource reads one (`tagKeys`). */
  query?: string
}

export interface RestAnswer {
  status: number
  headers: Record<string, string>
  /** JSON text, or null for an empty body. */
  body: string | null
}

type Operation = (emulator: Account, input: unknown, context: CallContext) => unknown

/** The operations at `POST /<Operation>`, by that name. */
const OPERATIONS: Record<string, { run: Operation; status: number }> = {
  CreateChatToken: { run: createChatToken, status: 200 },
  CreateRoom: { run: createRoom, status: 200 },
  GetRoom: { run: getRoom, status: 200 },
  ListRooms: { run: listRooms, status: 200 },
  UpdateRoom: { run: updateRoom, status: 200 },
  DeleteRoom: { run: deleteRoom, status: 204 },
  SendEvent: { run: sendEvent, status: 200 },
  DeleteMessage: { run: deleteMessage, status: 200 },
  DisconnectUser: { run: disconnectUser, status: 200 },
  CreateLoggingConfiguration: { run: createLoggingConfiguration, status: 200 },
  GetLoggingConfiguration: { run: getLoggingConfiguration, status: 200 },
  ListLoggingConfigurations: { run: listLoggingConfigurations, status: 200 },
  UpdateLoggingConfiguration: { run: updateLoggingConfiguration, status: 200 },
  DeleteLoggingConfiguration: { run: deleteLoggingConfiguration, status: 204 },
}

/** The tag operations share one path, `/tags/{resourceArn}`, and differ by method (the model's `http`). */
const TAG_PATH_PREFIX = 'tags/'
const TAG_OPERATIONS: Record<string, { name: string; run: Operation; input: (call: RestCall, resourceArn: string) => unknown }> = {
  POST: { name: 'TagResource', run: tagResource, input: (call, resourceArn) => withResourceArn(parseBody(call.body), resourceArn) },
  DELETE: {
    name: 'UntagResource',
    run: untagResource,
    input: (call, resourceArn) => ({ resourceArn, tagKeys: new URLSearchParams(call.query ?? '').getAll('tagKeys') }),
  },
  GET: { name: 'ListTagsForResource', run: listTagsForResource, input: (_call, resourceArn) => ({ resourceArn }) },
}

/** The operations at `POST /<Operation>` (the tag operations are at `/tags/{resourceArn}`, see `OPERATION_ROUTES`). */
export const OPERATION_NAMES = Object.keys(OPERATIONS)
const ALL_OPERATION_NAMES = [...OPERATION_NAMES, ...Object.values(TAG_OPERATIONS).map((operation) => operation.name)]

/** Every operation as `METHOD /path`, as the model routes it. */
export const OPERATION_ROUTES = [
  ...Object.keys(OPERATIONS).map((name) => `POST /${name}`),
  ...Object.entries(TAG_OPERATIONS).map(([method]) => `${method} /tags/{resourceArn}`),
]

/**
 * The restJson1 protocol over the emulator: route by operation name, parse the JSON body,
 * answer with the operation's output or with an AWS-shaped error
 * (`x-amzn-ErrorType` header, JSON body with `message` and the error's members).
 * It never throws: whatever the input, the answer is a well-formed response.
 */
export async function answerRestCall(emulator: Account, call: RestCall): Promise<RestAnswer> {
  const requestId = newRequestId()
  try {
    const { operation, input } = route(call)
    const output = await operation.run(emulator, input, { region: call.region })
    await delay(emulator.settings.latencyMs)
    if (operation.status === 204) return { status: 204, headers: { 'x-amzn-RequestId': requestId }, body: null }
    return {
      status: operation.status,
      headers: { 'content-type': 'application/json', 'x-amzn-RequestId': requestId },
      body: output === undefined ? '' : JSON.stringify(output),
    }
  } catch (error) {
    const failure = error instanceof IvsChatError ? error : internalError(describeUnexpected(error))
    await delay(emulator.settings.latencyMs)
    return errorAnswer(failure.type, failure.status, failure.body, requestId)
  }
}

/** The operation a call names, and its input (the JSON body, plus what the path and query carry). */
function route(call: RestCall): { operation: { run: Operation; status: number }; input: unknown } {
  const method = call.method.toUpperCase()
  if (call.operation.startsWith(TAG_PATH_PREFIX)) {
    const tagOperation = Object.hasOwn(TAG_OPERATIONS, method) ? TAG_OPERATIONS[method] : undefined
    if (!tagOperation) {
      throw validationError(`/tags/{resourceArn} takes ${Object.keys(TAG_OPERATIONS).join(', ')}, not ${method}`, 'UNKNOWN_OPERATION')
    }
    const resourceArn = call.operation.slice(TAG_PATH_PREFIX.length)
    return { operation: { run: tagOperation.run, status: 200 }, input: tagOperation.input(call, resourceArn) }
  }
  const operation = Object.hasOwn(OPERATIONS, call.operation) ? OPERATIONS[call.operation] : undefined
  if (!operation) {
    throw validationError(
      `Unknown operation ${JSON.stringify(call.operation)}; the IVS Chat API has ${ALL_OPERATION_NAMES.join(', ')}`,
      'UNKNOWN_OPERATION',
    )
  }
  if (method !== 'POST') throw validationError(`${call.operation} takes POST, not ${method}`, 'OTHER')
  return { operation, input: parseBody(call.body) }
}

/** The path's ARN wins over a `resourceArn` in the body, as AWS binds the label from the URI. */
function withResourceArn(body: unknown, resourceArn: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body
  return { ...body, resourceArn }
}

/** An AWS-shaped error answer; also used by adapters for errors the transport finds (a body too large). */
export function errorAnswer(type: string, status: number, body: ErrorBody, requestId: string): RestAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': type, 'x-amzn-RequestId': requestId },
    body: JSON.stringify(body),
  }
}

/** An empty body is an empty input, as AWS treats it; anything else must be JSON. */
function parseBody(body: string): unknown {
  if (body.trim() === '') return {}
  try {
    return JSON.parse(body)
  } catch {
    throw validationError('Could not parse the request body as JSON', 'OTHER')
  }
}

function describeUnexpected(error: unknown): string {
  return `The emulator failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}
