import { z } from 'zod'
import { Attributes } from './attributes.ts'
import {
  CHAT_TOKEN_CAPABILITIES,
  ROOM_ARN_PATTERN,
  ROOM_IDENTIFIER_MAX_LENGTH,
  SESSION_DURATION_MINUTES,
  USER_ID_MAX_LENGTH,
} from './constraints.ts'

/** A room, addressed by ARN ("Currently this must be an ARN"). */
export const RoomIdentifier = z.string().min(1).max(ROOM_IDENTIFIER_MAX_LENGTH).regex(ROOM_ARN_PATTERN)

export const ChatTokenCapability = z.enum(CHAT_TOKEN_CAPABILITIES)

/**
 * The CreateChatToken request body. The app's own token backend must accept the same body.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_CreateChatToken.html
 */
export const CreateChatTokenRequest = z.object({
  roomIdentifier: RoomIdentifier,
  userId: z.string().min(1).max(USER_ID_MAX_LENGTH),
  capabilities: z.array(ChatTokenCapability).optional(),
  sessionDurationInMinutes: z.int().min(SESSION_DURATION_MINUTES.min).max(SESSION_DURATION_MINUTES.max).optional(),
  attributes: Attributes.optional(),
})
export type CreateChatTokenRequest = z.infer<typeof CreateChatTokenRequest>

/** An RFC 3339 timestamp, as restJson1 sends every `Time` member. */
export const Timestamp = z.iso.datetime({ offset: true })

/** The CreateChatToken response body as it travels (timestamps are strings). */
export const CreateChatTokenResponse = z.object({
  token: z.string().min(1),
  tokenExpirationTime: Timestamp,
  sessionExpirationTime: Timestamp,
})
export type CreateChatTokenResponse = z.infer<typeof CreateChatTokenResponse>
