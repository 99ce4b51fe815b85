import { setupWorker } from 'msw/browser'
import { relayAcrossTabs, relayChannelName } from './cross-tab-relay'
import { Emulator } from './emulator/emulator'
import { createHandlers } from './handlers'

export { DEMO_ROOM_ARN, DEMO_ROOM_ID, Emulator } from './emulator/emulator'

/** The emulator behind `worker`, for the demo's panel. */
export const emulator = new Emulator()

/** Amazon IVS Chat in the page: a service worker for REST, WebSocket interception for chat. */
export const worker = setupWorker(...createHandlers(emulator))

// Each tab runs its own emulator; the relay lets the demo's tabs chat in the same rooms.
relayAcrossTabs(emulator, relayChannelName(location.href))
