import { z } from 'zod'
import { Attributes } from './attributes.ts'
import { RoomIdentifier } from './chat-token.ts'
import { EVENT_NAME_MAX_LENGTH, ID_CHARACTERS_PATTERN, ID_LENGTH, ID_PATTERN, REASON_MAX_LENGTH, USER_ID_MAX_LENGTH } from './constraints.ts'

/**
 * The server-side messaging operations: a backend talks to live sockets through REST.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_SendEvent.html
 */

const Reason = z.string().min(1).max(REASON_MAX_LENGTH)

export const SendEventRequest = z.object({
  roomIdentifier: RoomIdentifier,
  eventName: z.string().min(1).max(EVENT_NAME_MAX_LENGTH),
  attributes: Attributes.optional(),
})
export type SendEventRequest = z.infer<typeof SendEventRequest>

export const DeleteMessageRequest = z.object({
  roomIdentifier: RoomIdentifier,
  id: z.string().min(ID_LENGTH).max(ID_LENGTH).regex(ID_CHARACTERS_PATTERN),
  reason: Reason.optional(),
})
export type DeleteMessageRequest = z.infer<typeof DeleteMessageRequest>

export const DisconnectUserRequest = z.object({
  roomIdentifier: RoomIdentifier,
  userId: z.string().min(1).max(USER_ID_MAX_LENGTH),
  reason: Reason.optional(),
})
export type DisconnectUserRequest = z.infer<typeof DisconnectUserRequest>

/** SendEvent and DeleteMessage answer with the id of the event they broadcast. */
export const OperationIdResponse = z.object({ id: z.string().regex(ID_PATTERN) })
export type OperationIdResponse = z.infer<typeof OperationIdResponse>
