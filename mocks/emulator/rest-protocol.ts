import type { ErrorBody } from '../contract/errors.ts'
import { createChatToken, createRoom, deleteRoom, getRoom, listRooms, updateRoom } from './control-plane.ts'
import type { CallContext } from './regions.ts'
import type { Account } from './account.ts'
import { IvsChatError, internalError, validationError } from './errors.ts'
import { newRequestId } from './ids.ts'
import { deleteMessage, disconnectUser, sendEvent } from './messaging-operations.ts'

/** An HTTP call as any adapter (MSW, Node's server) sees it. */
export interface RestCall {
  method: string
  operation: string
  body: string
  region: string
}

export interface RestAnswer {
  status: number
  headers: Record<string, string>
  /** JSON text, or null for an empty body. */
  body: string | null
}

type Operation = (emulator: Account, input: unknown, context: CallContext) => unknown

/** Every operation of the emulated API, by the name in its path (`POST /<Operation>`). */
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
}

export const OPERATION_NAMES = Object.keys(OPERATIONS)

/**
 * The restJson1 protocol over the emulator: route by operation name, parse the JSON body,
 * answer with the operation's output or with an AWS-shaped error
 * (`x-amzn-ErrorType` header, JSON body with `message` and the error's members).
 * It never throws: whatever the input, the answer is a well-formed response.
 */
export async function answerRestCall(emulator: Account, call: RestCall): Promise<RestAnswer> {
  const requestId = newRequestId()
  try {
    const operation = Object.hasOwn(OPERATIONS, call.operation) ? OPERATIONS[call.operation] : undefined
    if (!operation) {
      throw validationError(
        `Unknown operation ${JSON.stringify(call.operation)}; the IVS Chat API has ${OPERATION_NAMES.join(', ')}`,
        'UNKNOWN_OPERATION',
      )
    }
    if (call.method.toUpperCase() !== 'POST') {
      throw validationError(`${call.operation} takes POST, not ${call.method.toUpperCase()}`, 'OTHER')
    }
    const input = parseBody(call.body)
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
