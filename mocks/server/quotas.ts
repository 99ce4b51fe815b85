import type { ErrorBody } from '../contract/errors.ts'
import type { Emulator } from '../emulator/emulator.ts'
import { RateWindow } from '../emulator/rate-limiter.ts'
import { regionOfArn } from '../emulator/regions.ts'

/**
 * IVS Chat's service quotas, enforced per account and region as AWS enforces them (the
 * server's `--enforce-quotas`). The numbers are AWS's defaults; tests pass smaller ones.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatUserGuide/service-quotas.html
 */
export interface Quotas {
  /** API call rate quotas: calls per second of each operation (not adjustable on AWS). */
  operationsPerSecond: Record<string, number>
  /** Rooms per account in a region (CreateRoom over it: ServiceQuotaExceededException). */
  roomsPerRegion: number
  /** Concurrent chat connections per account across all rooms of a region. */
  connectionsPerRegion: number
}

/** AWS's defaults, from the quotas page ("API Call Rate Quotas" and "Other Quotas"). */
export const AWS_QUOTAS: Quotas = {
  operationsPerSecond: {
    CreateChatToken: 200,
    SendEvent: 100,
    DeleteMessage: 100,
    DisconnectUser: 100,
    CreateRoom: 5,
    DeleteRoom: 5,
    GetRoom: 5,
    ListRooms: 5,
    UpdateRoom: 5,
    CreateLoggingConfiguration: 3,
    DeleteLoggingConfiguration: 3,
    GetLoggingConfiguration: 3,
    ListLoggingConfigurations: 3,
    UpdateLoggingConfiguration: 3,
    ListTagsForResource: 10,
    TagResource: 10,
    UntagResource: 10,
  },
  roomsPerRegion: 50_000,
  connectionsPerRegion: 50_000,
}

/** Quotas to enforce: AWS's, with any of them replaced. */
export type QuotaOverrides = Partial<Omit<Quotas, 'operationsPerSecond'>> & { operationsPerSecond?: Record<string, number> }

export function resolveQuotas(overrides: QuotaOverrides = {}): Quotas {
  return {
    roomsPerRegion: overrides.roomsPerRegion ?? AWS_QUOTAS.roomsPerRegion,
    connectionsPerRegion: overrides.connectionsPerRegion ?? AWS_QUOTAS.connectionsPerRegion,
    operationsPerSecond: { ...AWS_QUOTAS.operationsPerSecond, ...overrides.operationsPerSecond },
  }
}

/** A quota refusal in AWS's shape: the exception, its status and its body. */
export interface QuotaRefusal {
  type: 'ThrottlingException' | 'ServiceQuotaExceededException'
  status: number
  body: ErrorBody
}

/**
 * Counts calls and resources against the quotas. Time is the emulator's clock, so a test
 * moves past a full window with `advanceTime(1000)` instead of waiting.
 */
export class QuotaEnforcer {
  readonly quotas: Quotas
  readonly #emulator: Emulator
  readonly #windows = new Map<string, RateWindow>()

  constructor(emulator: Emulator, quotas: Quotas) {
    this.#emulator = emulator
    this.quotas = quotas
  }

  /** Before an operation runs: its rate, and for CreateRoom the rooms already in the region. */
  admitCall(operation: string, region: string): QuotaRefusal | undefined {
    const limit = Object.hasOwn(this.quotas.operationsPerSecond, operation) ? this.quotas.operationsPerSecond[operation] : undefined
    if (limit !== undefined) {
      const key = `${region} ${operation}`
      const window = this.#windows.get(key) ?? new RateWindow()
      this.#windows.set(key, window)
      if (!window.tryTake(this.#emulator.clock.now(), limit)) {
        return {
          type: 'ThrottlingException',
          status: 429,
          body: { message: `Rate exceeded: ${operation} allows ${limit} calls per second per account in ${region}`, resourceId: operation, resourceType: 'ROOM', limit },
        }
      }
    }
    if (operation === 'CreateRoom') {
      const rooms = this.#emulator.rooms.all().filter((room) => regionOfArn(room.arn) === region).length
      if (rooms >= this.quotas.roomsPerRegion) return this.#exceeded(`Rooms quota exceeded: at most ${this.quotas.roomsPerRegion} rooms per account in ${region}`, this.quotas.roomsPerRegion)
    }
    return undefined
  }

  /** Before a chat connection opens: the live connections of the token's room's region. */
  admitConnection(token: string | undefined): QuotaRefusal | undefined {
    const check = this.#emulator.tokens.check(token)
    if (!check.ok) return undefined // the emulator refuses it for its own reason
    const region = regionOfArn(check.claims.roomArn)
    const live = this.#emulator.sessions().filter((session) => regionOfArn(session.roomArn) === region).length
    if (live < this.quotas.connectionsPerRegion) return undefined
    return this.#exceeded(
      `Concurrent chat connections quota exceeded: at most ${this.quotas.connectionsPerRegion} per account in ${region}`,
      this.quotas.connectionsPerRegion,
    )
  }

  #exceeded(message: string, limit: number): QuotaRefusal {
    return {
      type: 'ServiceQuotaExceededException',
      status: 402,
      body: { message, resourceId: this.#emulator.settings.accountId, resourceType: 'ROOM', limit },
    }
  }
}
