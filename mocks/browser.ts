import { setupWorker } from 'msw/browser'
import { Emulator } from './emulator/emulator'
import { createHandlers } from './handlers'

export { DEMO_ROOM_ARN, DEMO_ROOM_ID, Emulator } from './emulator/emulator'

/** The emulator behind `worker`, for the demo's panel. */
export const emulator = new Emulator()

/** Amazon IVS Chat in the page: a service worker for REST, WebSocket interception for chat. */
export const worker = setupWorker(...createHandlers(emulator))
