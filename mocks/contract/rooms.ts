import { z } from 'zod/mini'
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
} from './constraints.ts'
import { Tags } from './tags.ts'

/** Room shapes of the control plane. @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_Room.html */

export const RoomName = z.string().check(z.maxLength(ROOM_NAME_MAX_LENGTH), z.regex(ROOM_NAME_PATTERN))
export const MaximumMessageLength = z.int().check(z.minimum(MAXIMUM_MESSAGE_LENGTH.min), z.maximum(MAXIMUM_MESSAGE_LENGTH.max))
export const MaximumMessageRatePerSecond = z
  .int()
  .check(z.minimum(MAXIMUM_MESSAGE_RATE_PER_SECOND.min), z.maximum(MAXIMUM_MESSAGE_RATE_PER_SECOND.max))

export const MessageReviewHandler = z.object({
  uri: z.optional(z.string().check(z.maxLength(LAMBDA_ARN_MAX_LENGTH), z.regex(LAMBDA_ARN_PATTERN))),
  fallbackResult: z.optional(z.enum(FALLBACK_RESULTS)),
})
export type MessageReviewHandler = z.infer<typeof MessageReviewHandler>


export const LoggingConfigurationIdentifiers = z
  .array(z.string().check(z.minLength(1), z.maxLength(128), z.regex(LOGGING_CONFIGURATION_ARN_PATTERN)))
  .check(z.maxLength(LOGGING_CONFIGURATIONS_PER_ROOM_MAX))

export const Room = z.object({
  arn: RoomIdentifier,
  id: z.string().check(z.regex(ID_PATTERN)),
  name: z.optional(z.string()),
  createTime: Timestamp,
  updateTime: Timestamp,
  maximumMessageRatePerSecond: z.int(),
  maximumMessageLength: z.int(),
  messageReviewHandler: z.optional(MessageReviewHandler),
  tags: z.record(z.string(), z.string()),
  loggingConfigurationIdentifiers: z.array(z.string()),
})
export type Room = z.infer<typeof Room>

export const RoomSummary = z.omit(Room, { maximumMessageLength: true, maximumMessageRatePerSecond: true })
export type RoomSummary = z.infer<typeof RoomSummary>

export const CreateRoomRequest = z.object({
  name: z.optional(RoomName),
  maximumMessageRatePerSecond: z.optional(MaximumMessageRatePerSecond),
  maximumMessageLength: z.optional(MaximumMessageLength),
  messageReviewHandler: z.optional(MessageReviewHandler),
  tags: z.optional(Tags),
  loggingConfigurationIdentifiers: z.optional(LoggingConfigurationIdentifiers),
})
export type CreateRoomRequest = z.infer<typeof CreateRoomRequest>

export const RoomByIdentifierRequest = z.object({ identifier: RoomIdentifier })
export type RoomByIdentifierRequest = z.infer<typeof RoomByIdentifierRequest>

export const UpdateRoomRequest = z.extend(z.omit(CreateRoomRequest, { tags: true }), { identifier: RoomIdentifier })
export type UpdateRoomRequest = z.infer<typeof UpdateRoomRequest>

export const ListRoomsRequest = z.object({
  name: z.optional(RoomName),
  nextToken: z.optional(z.string().check(z.maxLength(PAGINATION_TOKEN_MAX_LENGTH))),
  maxResults: z.optional(z.int().check(z.minimum(LIST_ROOMS_MAX_RESULTS.min), z.maximum(LIST_ROOMS_MAX_RESULTS.max))),
  messageReviewHandlerUri: z.optional(z.string().check(z.maxLength(LAMBDA_ARN_MAX_LENGTH), z.regex(LAMBDA_ARN_PATTERN))),
  loggingConfigurationIdentifier: z.optional(z.string().check(z.minLength(1), z.maxLength(128), z.regex(LOGGING_CONFIGURATION_ARN_PATTERN))),
})
export type ListRoomsRequest = z.infer<typeof ListRoomsRequest>

export const ListRoomsResponse = z.object({
  rooms: z.array(RoomSummary),
  nextToken: z.optional(z.string()),
})
export type ListRoomsResponse = z.infer<typeof ListRoomsResponse>
