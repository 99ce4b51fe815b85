import type { ChatService } from './chat-service.ts'
import type { Clock } from './clock.ts'
import type { Faults } from './faults.ts'
import type { LoggingConfigurationStore } from './logging-configurations.ts'
import type { RoomStore } from './room-store.ts'
import type { EmulatorSettings } from './settings.ts'
import type { TokenAuthority } from './tokens.ts'

/**
 * What the API operations (control-plane.ts, messaging-operations.ts, rest-protocol.ts) reach
 * of one emulated account: its parts, not the `Emulator` class, which satisfies this shape and
 * is what the adapters pass. Each part reports its own changes, so no operation notifies anyone.
 */
export interface Account {
  readonly clock: Clock
  readonly settings: Readonly<EmulatorSettings>
  readonly rooms: RoomStore
  readonly loggingConfigurations: LoggingConfigurationStore
  readonly tokens: TokenAuthority
  readonly faults: Faults
  readonly chat: ChatService
}
