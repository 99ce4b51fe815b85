import { z } from 'zod'
import { RoomIdentifier, Timestamp } from './chat-token.ts'
import {
  FALLBACK_RESULTS,
  LAMBDA_ARN_MAX_LENGTH,
  LAMBDA_ARN_PATTERN,
  LIST_ROOMS_MAX_RESULTS,
  LOGGING_CONFIGURATION_ARN_PATTERN,
  LOGGING_CONFIGURATIONS_PER_ROOM_MAX,
  MAXIMUM_MESSAGE_LENGTH,
  MAXIMUM_MESSAGE_RATE_PER_SECOND,
  PAGINATION_TOKEN_MAX_LENGTH,
  ID_PATTERN,
  ROOM_NAME_MAX_LENGTH,
  ROOM_NAME_PATTERN,
  TAG_KEY_MAX_LENGTH,
  TAG_VALUE_MAX_LENGTH,
  TAGS_MAX_ENTRIES,
} from './constraints.ts'
import { stringMap } from './string-map.ts'

/** Room shapes of the control plane. @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_Room.html */

export const RoomName = z.string().max(ROOM_NAME_MAX_LENGTH).regex(ROOM_NAME_PATTERN)
export const MaximumMessageLength = z.int().min(MAXIMUM_MESSAGE_LENGTH.min).max(MAXIMUM_MESSAGE_LENGTH.max)
export const MaximumMessageRatePerSecond = z
  .int()
  .min(MAXIMUM_MESSAGE_RATE_PER_SECOND.min)
  .max(MAXIMUM_MESSAGE_RATE_PER_SECOND.max)

export const MessageReviewHandler = z.object({
  uri: z.string().max(LAMBDA_ARN_MAX_LENGTH).regex(LAMBDA_ARN_PATTERN).optional(),
  fallbackResult: z.enum(FALLBACK_RESULTS).optional(),
})
export type MessageReviewHandler = z.infer<typeof MessageReviewHandler>

export const Tags = stringMap(z.string().min(1).max(TAG_KEY_MAX_LENGTH), z.string().max(TAG_VALUE_MAX_LENGTH))
  .refine((tags) => Object.keys(tags).length <= TAGS_MAX_ENTRIES, {
    message: `Member must have at most ${TAGS_MAX_ENTRIES} entries`,
  })

export const LoggingConfigurationIdentifiers = z
  .array(z.string().min(1).max(128).regex(LOGGING_CONFIGURATION_ARN_PATTERN))
  .max(LOGGING_CONFIGURATIONS_PER_ROOM_MAX)

export const Room = z.object({
  arn: RoomIdentifier,
  id: z.string().regex(ID_PATTERN),
  name: z.string().optional(),
  createTime: Timestamp,
  updateTime: Timestamp,
  maximumMessageRatePerSecond: z.int(),
  maximumMessageLength: z.int(),
  messageReviewHandler: MessageReviewHandler.optional(),
  tags: z.record(z.string(), z.string()),
  loggingConfigurationIdentifiers: z.array(z.string()),
})
export type Room = z.infer<typeof Room>

export const RoomSummary = Room.omit({ maximumMessageLength: true, maximumMessageRatePerSecond: true })
export type RoomSummary = z.infer<typeof RoomSummary>

export const CreateRoomRequest = z.object({
  name: RoomName.optional(),
  maximumMessageRatePerSecond: MaximumMessageRatePerSecond.optional(),
  maximumMessageLength: MaximumMessageLength.optional(),
  messageReviewHandler: MessageReviewHandler.optional(),
  tags: Tags.optional(),
  loggingConfigurationIdentifiers: LoggingConfigurationIdentifiers.optional(),
})
export type CreateRoomRequest = z.infer<typeof CreateRoomRequest>

export const RoomByIdentifierRequest = z.object({ identifier: RoomIdentifier })
export type RoomByIdentifierRequest = z.infer<typeof RoomByIdentifierRequest>

export const UpdateRoomRequest = CreateRoomRequest.omit({ tags: true }).extend({ identifier: RoomIdentifier })
export type UpdateRoomRequest = z.infer<typeof UpdateRoomRequest>

export const ListRoomsRequest = z.object({
  name: RoomName.optional(),
  nextToken: z.string().max(PAGINATION_TOKEN_MAX_LENGTH).optional(),
  maxResults: z.int().min(LIST_ROOMS_MAX_RESULTS.min).max(LIST_ROOMS_MAX_RESULTS.max).optional(),
  messageReviewHandlerUri: z.string().max(LAMBDA_ARN_MAX_LENGTH).regex(LAMBDA_ARN_PATTERN).optional(),
  loggingConfigurationIdentifier: z.string().min(1).max(128).regex(LOGGING_CONFIGURATION_ARN_PATTERN).optional(),
})
export type ListRoomsRequest = z.infer<typeof ListRoomsRequest>

export const ListRoomsResponse = z.object({
  rooms: z.array(RoomSummary),
  nextToken: z.string().optional(),
})
export type ListRoomsResponse = z.infer<typeof ListRoomsResponse>
