import { LIST_LOGGING_CONFIGURATIONS_MAX_RESULTS, type LoggingConfigurationState } from '../contract/constraints.ts'
import {
  CreateLoggingConfigurationRequest,
  ListLoggingConfigurationsRequest,
  LoggingConfigurationByIdentifierRequest,
  UpdateLoggingConfigurationRequest,
  type ListLoggingConfigurationsResponse,
  type LoggingConfiguration,
} from '../contract/logging-configurations.ts'
import type { CallContext } from './regions.ts'
import type { Account } from './account.ts'
import { conflict } from './errors.ts'
import { configurationForCaller, toLoggingConfiguration, type LoggingConfigurationRecord } from './logging-configurations.ts'
import { regionOfArn } from './regions.ts'
import { parseInput } from './validation.ts'

/** States in which AWS is still working on a configuration: another change must wait (409). */
const IN_TRANSITION: readonly LoggingConfigurationState[] = ['CREATING', 'UPDATING', 'DELETING']

/** @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_CreateLoggingConfiguration.html */
export function createLoggingConfiguration(emulator: Account, input: unknown, context: CallContext): LoggingConfiguration {
  const request = parseInput(CreateLoggingConfigurationRequest, input)
  const configuration = emulator.loggingConfigurations.create({
    ...request,
    region: context.region,
    accountId: emulator.settings.accountId,
  })
  return toLoggingConfiguration(configuration)
}

/** @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_GetLoggingConfiguration.html */
export function getLoggingConfiguration(emulator: Account, input: unknown, context?: CallContext): LoggingConfiguration {
  const { identifier } = parseInput(LoggingConfigurationByIdentifierRequest, input)
  return toLoggingConfiguration(configurationForCaller(emulator.loggingConfigurations, identifier, context))
}

/** The caller's region only. @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_ListLoggingConfigurations.html */
export function listLoggingConfigurations(emulator: Account, input: unknown, context?: CallContext): ListLoggingConfigurationsResponse {
  const request = parseInput(ListLoggingConfigurationsRequest, input)
  const page = emulator.loggingConfigurations.list(
    (configuration) => context === undefined || regionOfArn(configuration.arn) === context.region,
    request.maxResults ?? LIST_LOGGING_CONFIGURATIONS_MAX_RESULTS.default,
    request.nextToken,
  )
  return {
    loggingConfigurations: page.loggingConfigurations.map(toLoggingConfiguration),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  }
}

/**
 * Changes the name or the destination (of any kind: an S3 configuration may become a
 * Firehose one). The model's answer can only say `ACTIVE`: an update that succeeds leaves it so.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_UpdateLoggingConfiguration.html
 */
export function updateLoggingConfiguration(emulator: Account, input: unknown, context?: CallContext): LoggingConfiguration {
  const { identifier, ...changes } = parseInput(UpdateLoggingConfigurationRequest, input)
  refuseInTransition(configurationForCaller(emulator.loggingConfigurations, identifier, context), 'updated')
  emulator.loggingConfigurations.update(identifier, changes)
  return toLoggingConfiguration(emulator.loggingConfigurations.setState(identifier, 'ACTIVE'))
}

/**
 * Refused with 409 while AWS would still be working on the configuration, and while a room
 * still names it (as IVS refuses to delete a recording configuration a channel uses): deleting
 * it would leave the room pointing at nothing.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_DeleteLoggingConfiguration.html
 */
export function deleteLoggingConfiguration(emulator: Account, input: unknown, context?: CallContext): void {
  const { identifier } = parseInput(LoggingConfigurationByIdentifierRequest, input)
  const configuration = configurationForCaller(emulator.loggingConfigurations, identifier, context)
  refuseInTransition(configuration, 'deleted')
  const user = emulator.rooms.all().find((room) => room.loggingConfigurationIdentifiers.includes(configuration.arn))
  if (user) {
    throw conflict(
      `Logging configuration ${configuration.arn} is used by room ${user.arn}; remove it from the room's loggingConfigurationIdentifiers (UpdateRoom) first`,
      user.arn,
    )
  }
  emulator.loggingConfigurations.delete(configuration.arn)
}

function refuseInTransition(configuration: LoggingConfigurationRecord, change: 'updated' | 'deleted'): void {
  if (IN_TRANSITION.includes(configuration.state)) {
    throw conflict(`Logging configuration ${configuration.arn} is ${configuration.state} and cannot be ${change} until it settles`, configuration.arn)
  }
}
