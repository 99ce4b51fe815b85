import { z } from 'zod/mini'
import {
  BUCKET_NAME,
  DELIVERY_STREAM_NAME,
  LIST_LOGGING_CONFIGURATIONS_MAX_RESULTS,
  LOG_GROUP_NAME,
  LOGGING_CONFIGURATION_ARN_PATTERN,
  LOGGING_CONFIGURATION_IDENTIFIER_MAX_LENGTH,
  LOGGING_CONFIGURATION_NAME_MAX_LENGTH,
  LOGGING_CONFIGURATION_NAME_PATTERN,
  LOGGING_CONFIGURATION_STATES,
  PAGINATION_TOKEN_MAX_LENGTH,
} from './constraints.ts'
import { Tags } from './tags.ts'

/**
 * Logging configurations: where a room's messages and events are recorded.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_CreateLoggingConfiguration.html
 */

export const LoggingConfigurationName = z
  .string()
  .check(z.maxLength(LOGGING_CONFIGURATION_NAME_MAX_LENGTH), z.regex(LOGGING_CONFIGURATION_NAME_PATTERN))

export const LoggingConfigurationIdentifier = z
  .string()
  .check(z.minLength(1), z.maxLength(LOGGING_CONFIGURATION_IDENTIFIER_MAX_LENGTH), z.regex(LOGGING_CONFIGURATION_ARN_PATTERN))

const nameOf = (limits: { min: number; max: number; pattern: RegExp }) =>
  z.string().check(z.minLength(limits.min), z.maxLength(limits.max), z.regex(limits.pattern))

export const S3DestinationConfiguration = z.object({ bucketName: nameOf(BUCKET_NAME) })
export const CloudWatchLogsDestinationConfiguration = z.object({ logGroupName: nameOf(LOG_GROUP_NAME) })
export const FirehoseDestinationConfiguration = z.object({ deliveryStreamName: nameOf(DELIVERY_STREAM_NAME) })

export const DESTINATION_KINDS = ['s3', 'cloudWatchLogs', 'firehose'] as const
export type DestinationKind = (typeof DESTINATION_KINDS)[number]

/**
 * A union in the model: exactly one of its members is set. A member the model does not
 * know is dropped by the object and so counts as none.
 */
export const DestinationConfiguration = z
  .object({
    s3: z.optional(S3DestinationConfiguration),
    cloudWatchLogs: z.optional(CloudWatchLogsDestinationConfiguration),
    firehose: z.optional(FirehoseDestinationConfiguration),
  })
  .check(
    z.refine((destination) => DESTINATION_KINDS.filter((kind) => destination[kind] !== undefined).length === 1, {
      message: `Member must have exactly one of ${DESTINATION_KINDS.join(', ')} set`,
    }),
  )
export type DestinationConfiguration = z.infer<typeof DestinationConfiguration>

export const LoggingConfigurationState = z.enum(LOGGING_CONFIGURATION_STATES)

export const CreateLoggingConfigurationRequest = z.object({
  name: z.optional(LoggingConfigurationName),
  destinationConfiguration: DestinationConfiguration,
  tags: z.optional(Tags),
})
export type CreateLoggingConfigurationRequest = z.infer<typeof CreateLoggingConfigurationRequest>

export const LoggingConfigurationByIdentifierRequest = z.object({ identifier: LoggingConfigurationIdentifier })
export type LoggingConfigurationByIdentifierRequest = z.infer<typeof LoggingConfigurationByIdentifierRequest>

export const UpdateLoggingConfigurationRequest = z.object({
  identifier: LoggingConfigurationIdentifier,
  name: z.optional(LoggingConfigurationName),
  destinationConfiguration: z.optional(DestinationConfiguration),
})
export type UpdateLoggingConfigurationRequest = z.infer<typeof UpdateLoggingConfigurationRequest>

export const ListLoggingConfigurationsRequest = z.object({
  nextToken: z.optional(z.string().check(z.maxLength(PAGINATION_TOKEN_MAX_LENGTH))),
  maxResults: z.optional(
    z.int().check(z.gte(LIST_LOGGING_CONFIGURATIONS_MAX_RESULTS.min), z.lte(LIST_LOGGING_CONFIGURATIONS_MAX_RESULTS.max)),
  ),
})
export type ListLoggingConfigurationsRequest = z.infer<typeof ListLoggingConfigurationsRequest>

/** As Get/Create/Update/List answer it (Create and Update only ever say `ACTIVE`). */
export const LoggingConfiguration = z.object({
  arn: z.string(),
  id: z.string(),
  createTime: z.string(),
  updateTime: z.string(),
  name: z.optional(z.string()),
  destinationConfiguration: DestinationConfiguration,
  state: LoggingConfigurationState,
  tags: z.record(z.string(), z.string()),
})
export type LoggingConfiguration = z.infer<typeof LoggingConfiguration>

export const ListLoggingConfigurationsResponse = z.object({
  loggingConfigurations: z.array(LoggingConfiguration),
  nextToken: z.optional(z.string()),
})
export type ListLoggingConfigurationsResponse = z.infer<typeof ListLoggingConfigurationsResponse>
