import type { LoggingConfigurationState } from '../contract/constraints.ts'
import type { DestinationConfiguration, LoggingConfiguration } from '../contract/logging-configurations.ts'
import { resourceNotFound } from './errors.ts'
import { newId } from './ids.ts'
import { PageTokens } from './page-tokens.ts'
import { regionOfArn, type CallContext } from './regions.ts'

/** A logging configuration as the emulator keeps it. */
export interface LoggingConfigurationRecord {
  id: string
  arn: string
  name?: string
  createTime: number
  updateTime: number
  destinationConfiguration: DestinationConfiguration
  state: LoggingConfigurationState
  tags: Record<string, string>
}

export interface NewLoggingConfiguration {
  region: string
  accountId: string
  /** A fixed id (tests, restored state); a new random one by default. */
  id?: string
  name?: string
  destinationConfiguration: DestinationConfiguration
  tags?: Record<string, string>
}

export interface LoggingConfigurationPage {
  loggingConfigurations: LoggingConfigurationRecord[]
  nextToken?: string
}

/**
 * The logging configurations of one emulated account, keyed by ARN. AWS creates and updates
 * them asynchronously (the API answers `ACTIVE`, the destination is checked behind it); the
 * emulator has no destination to wait for, so each is `ACTIVE` at once, unless a test puts it
 * in another state with `setState` to see what a room and the API do then.
 */
export class LoggingConfigurationStore {
  readonly #configurations = new Map<string, LoggingConfigurationRecord>()
  readonly #pageTokens = new PageTokens<Cursor>()
  readonly #now: () => number
  readonly #onChange: () => void

  constructor(now: () => number, onChange: () => void = () => {}) {
    this.#now = now
    this.#onChange = onChange
  }

  create(input: NewLoggingConfiguration): LoggingConfigurationRecord {
    const id = input.id ?? newId()
    const time = this.#now()
    const configuration: LoggingConfigurationRecord = {
      id,
      arn: `arn:aws:ivschat:${input.region}:${input.accountId}:logging-configuration/${id}`,
      ...(input.name !== undefined ? { name: input.name } : {}),
      createTime: time,
      updateTime: time,
      destinationConfiguration: structuredClone(input.destinationConfiguration),
      state: 'ACTIVE',
      tags: { ...input.tags },
    }
    this.#configurations.set(configuration.arn, configuration)
    this.#onChange()
    return configuration
  }

  /** The configuration, or a `ResourceNotFoundException`. */
  get(arn: string): LoggingConfigurationRecord {
    const configuration = this.#configurations.get(arn)
    if (!configuration) throw resourceNotFound(arn)
    return configuration
  }

  find(arn: string): LoggingConfigurationRecord | undefined {
    return this.#configurations.get(arn)
  }

  update(arn: string, changes: { name?: string; destinationConfiguration?: DestinationConfiguration }): LoggingConfigurationRecord {
    const configuration = this.get(arn)
    if (changes.name !== undefined) configuration.name = changes.name
    if (changes.destinationConfiguration !== undefined) {
      configuration.destinationConfiguration = structuredClone(changes.destinationConfiguration)
    }
    configuration.updateTime = Math.max(this.#now(), configuration.updateTime + 1)
    this.#onChange()
    return configuration
  }

  /**
   * Puts a configuration in any of the model's states (`CREATING`, `UPDATE_FAILED`...), as
   * AWS's asynchronous work would: only an `ACTIVE` one records messages, and one in a
   * transition (`CREATING`, `UPDATING`, `DELETING`) refuses updates and deletes with 409.
   */
  setState(arn: string, state: LoggingConfigurationState): LoggingConfigurationRecord {
    const configuration = this.get(arn)
    configuration.state = state
    this.#onChange()
    return configuration
  }

  delete(arn: string): LoggingConfigurationRecord {
    const configuration = this.get(arn)
    this.#configurations.delete(arn)
    this.#onChange()
    return configuration
  }

  all(): LoggingConfigurationRecord[] {
    return [...this.#configurations.values()].sort(newestUpdatedFirst)
  }

  /** Replaces the tags (TagResource, UntagResource); as in AWS, not an update of the configuration. */
  setTags(arn: string, tags: Record<string, string>): void {
    this.get(arn).tags = { ...tags }
    this.#onChange()
  }

  clear(): void {
    this.#configurations.clear()
    this.#pageTokens.clear()
    this.#onChange()
  }

  /**
   * One page, newest-updated first; the token (unforgeable, see page-tokens.ts) names the last
   * configuration of the previous page.
   */
  list(filter: (configuration: LoggingConfigurationRecord) => boolean, maxResults: number, nextToken?: string): LoggingConfigurationPage {
    const after = this.#pageTokens.read(nextToken)
    const all = this.all().filter(filter)
    const start = after ? all.findIndex((configuration) => newestUpdatedFirst(configuration, after) > 0) : 0
    const from = start === -1 ? all.length : start
    const page = all.slice(from, from + maxResults)
    const last = page.at(-1)
    const more = from + maxResults < all.length
    return { loggingConfigurations: page, ...(more && last ? { nextToken: this.#pageTokens.issue({ updateTime: last.updateTime, id: last.id }) } : {}) }
  }
}

interface Cursor {
  updateTime: number
  id: string
}

function newestUpdatedFirst(a: Cursor, b: Cursor): number {
  return b.updateTime - a.updateTime || a.id.localeCompare(b.id)
}

/** The configuration as the API answers it. */
export function toLoggingConfiguration(configuration: LoggingConfigurationRecord): LoggingConfiguration {
  return {
    arn: configuration.arn,
    id: configuration.id,
    createTime: new Date(configuration.createTime).toISOString(),
    updateTime: new Date(configuration.updateTime).toISOString(),
    ...(configuration.name !== undefined ? { name: configuration.name } : {}),
    destinationConfiguration: structuredClone(configuration.destinationConfiguration),
    state: configuration.state,
    tags: { ...configuration.tags },
  }
}

/**
 * The configuration named by `identifier` as the caller's region sees it: like a room, it is
 * found only through the endpoints of its own region.
 */
export function configurationForCaller(
  configurations: { find(arn: string): LoggingConfigurationRecord | undefined },
  identifier: string,
  context: CallContext | undefined,
): LoggingConfigurationRecord {
  const configuration = configurations.find(identifier)
  if (!configuration || (context && regionOfArn(configuration.arn) !== context.region)) throw resourceNotFound(identifier)
  return configuration
}
