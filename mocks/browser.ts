/**
 * `ivschat-emulator/browser`: IVS Chat in the page, for apps, Storybook and browser tests.
 *
 * @example
 * ```ts
 * import { worker, emulator } from 'ivschat-emulator/browser'
 *
 * await worker.start({ onUnhandledFrame: 'bypass' })
 * ```
 */
import { setupWorker } from 'msw/browser'
import { relayAcrossTabs, relayChannelName } from './cross-tab-relay.ts'
import { Emulator } from './emulator/emulator.ts'
import { createHandlers } from './handlers/index.ts'

export { DEMO_ROOM_ARN, DEMO_ROOM_ID, Emulator } from './emulator/emulator.ts'

/** The emulator behind `worker`: rooms, clock, faults and sessions, for the panel and tests. */
export const emulator = new Emulator()

/** Amazon IVS Chat in the page: a service worker for REST, WebSocket interception for chat. */
export const worker = setupWorker(...createHandlers(emulator))

// Each tab runs its own emulator; the relay lets tabs of one origin chat in the same rooms.
relayAcrossTabs(emulator, relayChannelName(location.href))
