import { DeleteMessageRequest, DisconnectUserRequest, SendEventRequest, type OperationIdResponse } from '../contract/messaging-api.ts'
import type { Account } from './account.ts'
import { roomForCaller, type CallContext } from './regions.ts'
import { parseInput } from './validation.ts'

/**
 * The server-side messaging operations: a backend reaching the room's live sockets.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_SendEvent.html
 */
export function sendEvent(emulator: Account, input: unknown, context?: CallContext): OperationIdResponse {
  const request = parseInput(SendEventRequest, input)
  const room = roomForCaller(emulator.rooms, request.roomIdentifier, context)
  return { id: emulator.chat.sendEvent(room.arn, request.eventName, request.attributes ?? {}) }
}

/** Does not check that the message exists: AWS documents it only as an instruction to clients. */
export function deleteMessage(emulator: Account, input: unknown, context?: CallContext): OperationIdResponse {
  const request = parseInput(DeleteMessageRequest, input)
  const room = roomForCaller(emulator.rooms, request.roomIdentifier, context)
  return { id: emulator.chat.deleteMessage(room.arn, request.id, request.reason) }
}

/** Answers 200 with an empty body, like the API reference. */
export function disconnectUser(emulator: Account, input: unknown, context?: CallContext): void {
  const request = parseInput(DisconnectUserRequest, input)
  const room = roomForCaller(emulator.rooms, request.roomIdentifier, context)
  emulator.chat.disconnectUser(room.arn, request.userId, request.reason)
}
