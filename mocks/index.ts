/**
 * `ivschat-emulator`: Amazon IVS Chat (the control plane and the chat WebSocket) as MSW
 * handlers over an emulator you create, to spread into your own `setupWorker(...)` or
 * `setupServer(...)` beside your other handlers.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node'
 * import { createEmulator, createHandlers, DEMO_ROOM_ARN } from 'ivschat-emulator'
 *
 * const emulator = createEmulator()
 * const server = setupServer(...createHandlers(emulator), ...myOwnHandlers)
 * ```
 */
import { Emulator } from './emulator/emulator.ts'
import type { EmulatorSettings } from './emulator/settings.ts'

export { createHandlers } from './handlers/index.ts'
export { DEMO_ROOM_ARN, DEMO_ROOM_ID, DEMO_ROOM_NAME, Emulator } from './emulator/emulator.ts'
export type { IssuedTokenInfo } from './emulator/emulator.ts'
export type { EmulatorSettings } from './emulator/settings.ts'
export type { ConnectionInfo } from './emulator/connection.ts'
export type { TokenRejection, TokenState } from './emulator/tokens.ts'
export type { ReviewFunction, ReviewRequest, ReviewResponse } from './emulator/review.ts'
export type { SendFault, TokenFault } from './emulator/faults.ts'
export type { FrameLogEntry } from './emulator/frame-log.ts'
export type { RoomRecord, RoomSnapshot, NewRoom, RoomChanges } from './emulator/room-store.ts'
export type { ChatterInfo, ChattersSettings } from './emulator/simulated-chatters.ts'
export type { LoggingConfigurationRecord } from './emulator/logging-configurations.ts'
export type { ChatLogDestination, ChatLogDestinationView, ChatLogEntry, ChatLogRecord } from './emulator/chat-logging.ts'

/**
 * A fresh, independent emulated IVS Chat account: its own rooms (the seeded demo room
 * `DEMO_ROOM_ARN` included), token key, clock, faults and sessions. Two emulators never see
 * each other's rooms or accept each other's tokens.
 *
 * @param settings any of the emulator's settings (latency, token lifetime, region...), the rest default.
 * @example
 * ```ts
 * const emulator = createEmulator({ latencyMs: 50 })
 * ```
 */
export function createEmulator(settings: Partial<EmulatorSettings> = {}): Emulator {
  return new Emulator(settings)
}
