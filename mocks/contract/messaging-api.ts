import { z } from 'zod/mini'
import { Attributes } from './attributes.ts'
import { RoomIdentifier } from './chat-token.ts'
import { EVENT_NAME_MAX_LENGTH, ID_CHARACTERS_PATTERN, ID_LENGTH, ID_PATTERN, REASON_MAX_LENGTH, USER_ID_MAX_LENGTH } from './constraints.ts'

/**
 * The server-side messaging operations: a backend talks to live sockets through REST.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_SendEvent.html
 */

const Reason = z.string().check(z.minLength(1), z.maxLength(REASON_MAX_LENGTH))

export const SendEventRequest = z.object({
  roomIdentifier: RoomIdentifier,
  eventName: z.string().check(z.minLength(1), z.maxLength(EVENT_NAME_MAX_LENGTH)),
  attributes: z.optional(Attributes),
})
export type SendEventRequest = z.infer<typeof SendEventRequest>

export const DeleteMessageRequest = z.object({
  roomIdentifier: RoomIdentifier,
  id: z.string().check(z.minLength(ID_LENGTH), z.maxLength(ID_LENGTH), z.regex(ID_CHARACTERS_PATTERN)),
  reason: z.optional(Reason),
})
export type DeleteMessageRequest = z.infer<typeof DeleteMessageRequest>

export const DisconnectUserRequest = z.object({
  roomIdentifier: RoomIdentifier,
  userId: z.string().check(z.minLength(1), z.maxLength(USER_ID_MAX_LENGTH)),
  reason: z.optional(Reason),
})
export type DisconnectUserRequest = z.infer<typeof DisconnectUserRequest>

/** SendEvent and DeleteMessage answer with the id of the event they broadcast. */
export const OperationIdResponse = z.object({ id: z.string().check(z.regex(ID_PATTERN)) })
export type OperationIdResponse = z.infer<typeof OperationIdResponse>
