import { setupServer } from 'msw/node'
import { Emulator } from './emulator/emulator'
import { createHandlers } from './handlers'

export { DEMO_ROOM_ARN, DEMO_ROOM_ID, Emulator } from './emulator/emulator'

/**
 * The emulator behind `server`: create rooms, move time, inject faults, read the frame log.
 * Call `emulator.reset()` between tests to return to the seeded demo room.
 */
export const emulator = new Emulator()

/**
 * Amazon IVS Chat for tests under msw/node: `server.listen()` and AWS's own clients (and
 * your app) get the control plane at `https://ivschat.<region>.amazonaws.com` and the chat
 * socket at `wss://edge.ivschat.<region>.amazonaws.com`.
 */
export const server = setupServer(...createHandlers(emulator))
