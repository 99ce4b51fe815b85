/**
 * Field constraints of the IVS Chat API, copied from AWS's service model (`ivschat-2020-07-14`,
 * as botocore and the AWS SDKs publish it) so that the emulator and the app validate against
 * one definition.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/Welcome.html
 */

/** `RoomIdentifier` / `RoomArn`: rooms are addressed by ARN only. */
export const ROOM_ARN_PATTERN = /^arn:aws:ivschat:[a-z0-9-]+:[0-9]+:room\/[a-zA-Z0-9-]+$/
/** `RoomName`: may be empty, need not be unique. */
export const ROOM_NAME_PATTERN = /^[a-zA-Z0-9-_]*$/
/** `LambdaArn`: the empty string disassociates a review handler on UpdateRoom. */
export const LAMBDA_ARN_PATTERN = /^$|^arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:.+/
export const LOGGING_CONFIGURATION_ARN_PATTERN =
  /^arn:aws:ivschat:[a-z0-9-]+:[0-9]+:logging-configuration\/[a-zA-Z0-9-]+$/
/** `ID` / `MessageID`: twelve alphanumeric characters. */
export const ID_PATTERN = /^[a-zA-Z0-9]{12}$/
export const ID_LENGTH = 12
/**
 * The model's own `ID` pattern: the length is a separate constraint, so a request id of the
 * wrong length fails on length alone, as AWS reports it.
 */
export const ID_CHARACTERS_PATTERN = /^[a-zA-Z0-9]+$/

export const USER_ID_MAX_LENGTH = 128
export const ROOM_IDENTIFIER_MAX_LENGTH = 128
export const ROOM_NAME_MAX_LENGTH = 128
export const LAMBDA_ARN_MAX_LENGTH = 170
export const REASON_MAX_LENGTH = 256
export const EVENT_NAME_MAX_LENGTH = 100
export const PAGINATION_TOKEN_MAX_LENGTH = 1024

export const SESSION_DURATION_MINUTES = { min: 1, max: 180, default: 60 } as const
export const MAXIMUM_MESSAGE_LENGTH = { min: 1, max: 500, default: 500 } as const
/**
 * botocore's 2022 model caps this at 10, AWS's quotas page and the API reference at 100;
 * we follow the documented 100 (see FIDELITY.md).
 */
export const MAXIMUM_MESSAGE_RATE_PER_SECOND = { min: 1, max: 100, default: 10 } as const
export const LIST_ROOMS_MAX_RESULTS = { min: 1, max: 50, default: 50 } as const

/** Token, event and message attributes: "The maximum length of this field is 1 KB total." */
export const ATTRIBUTES_MAX_BYTES = 1024
export const TAGS_MAX_ENTRIES = 50
export const TAG_KEY_MAX_LENGTH = 128
export const TAG_VALUE_MAX_LENGTH = 256
export const LOGGING_CONFIGURATIONS_PER_ROOM_MAX = 3

export const CHAT_TOKEN_CAPABILITIES = ['SEND_MESSAGE', 'DISCONNECT_USER', 'DELETE_MESSAGE'] as const
export type ChatTokenCapability = (typeof CHAT_TOKEN_CAPABILITIES)[number]

export const FALLBACK_RESULTS = ['ALLOW', 'DENY'] as const
export type FallbackResult = (typeof FALLBACK_RESULTS)[number]

/** `LoggingConfigurationName`: may be empty, need not be unique. */
export const LOGGING_CONFIGURATION_NAME_PATTERN = /^[a-zA-Z0-9-_]*$/
export const LOGGING_CONFIGURATION_NAME_MAX_LENGTH = 128
export const LOGGING_CONFIGURATION_IDENTIFIER_MAX_LENGTH = 128
export const LIST_LOGGING_CONFIGURATIONS_MAX_RESULTS = { min: 1, max: 50, default: 50 } as const
/** `BucketName` (S3 destination). */
export const BUCKET_NAME = { min: 3, max: 63, pattern: /^[a-z0-9-.]+$/ } as const
/** `LogGroupName` (CloudWatch Logs destination). */
export const LOG_GROUP_NAME = { min: 1, max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/ } as const
/** `DeliveryStreamName` (Firehose destination). */
export const DELIVERY_STREAM_NAME = { min: 1, max: 64, pattern: /^[a-zA-Z0-9_.-]+$/ } as const
export const LOGGING_CONFIGURATION_STATES = [
  'CREATING',
  'CREATE_FAILED',
  'DELETING',
  'DELETE_FAILED',
  'UPDATING',
  'UPDATE_FAILED',
  'ACTIVE',
] as const
export type LoggingConfigurationState = (typeof LOGGING_CONFIGURATION_STATES)[number]

/**
 * `ResourceArn` (the tag operations' `{resourceArn}`). The model's pattern reads
 * `arn:aws:ivschat:[a-z0-9-]+:[0-9]+:[a-z-]/[a-zA-Z0-9-]+`: one character before the `/`, so
 * it only matches a room or logging-configuration ARN unanchored (Smithy patterns are not
 * anchored). Anchored as every pattern here is, the resource type takes `[a-z-]+`.
 */
export const RESOURCE_ARN_PATTERN = /^arn:aws:ivschat:[a-z0-9-]+:[0-9]+:[a-z-]+\/[a-zA-Z0-9-]+$/
export const RESOURCE_ARN_MAX_LENGTH = 128
/**
 * AWS reserves the `aws:` prefix, "in any combination of upper or lowercase", for its own tags.
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html
 */
export const RESERVED_TAG_PREFIX = 'aws:'
