import { z } from 'zod/mini'
import { Attributes } from './attributes.ts'
import {
  CHAT_TOKEN_CAPABILITIES,
  ROOM_ARN_PATTERN,
  ROOM_IDENTIFIER_MAX_LENGTH,
  SESSION_DURATION_MINUTES,
  USER_ID_MAX_LENGTH,
} from './constraints.ts'

/** A room, addressed by ARN ("Currently this must be an ARN"). */
export const RoomIdentifier = z.string().check(z.minLength(1), z.maxLength(ROOM_IDENTIFIER_MAX_LENGTH), z.regex(ROOM_ARN_PATTERN))

export const ChatTokenCapability = z.enum(CHAT_TOKEN_CAPABILITIES)

/**
 * The CreateChatToken request body. The app's own token backend must accept the same body.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_CreateChatToken.html
 */
export const CreateChatTokenRequest = z.object({
  roomIdentifier: RoomIdentifier,
  userId: z.string().check(z.minLength(1), z.maxLength(USER_ID_MAX_LENGTH)),
  capabilities: z.optional(z.array(ChatTokenCapability)),
  sessionDurationInMinutes: z.optional(z.int().check(z.minimum(SESSION_DURATION_MINUTES.min), z.maximum(SESSION_DURATION_MINUTES.max))),
  attributes: z.optional(Attributes),
})
export type CreateChatTokenRequest = z.infer<typeof CreateChatTokenRequest>

/** An RFC 3339 timestamp, as restJson1 sends every `Time` member. */
export const Timestamp = z.iso.datetime({ offset: true })

/** The CreateChatToken response body as it travels (timestamps are strings). */
export const CreateChatTokenResponse = z.object({
  token: z.string().check(z.minLength(1)),
  tokenExpirationTime: Timestamp,
  sessionExpirationTime: Timestamp,
})
export type CreateChatTokenResponse = z.infer<typeof CreateChatTokenResponse>
