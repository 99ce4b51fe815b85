/**
 * `ivschat-emulator/node`: IVS Chat for tests under msw/node, ready in one `server.listen()`.
 *
 * @example
 * ```ts
 * import { server, emulator, DEMO_ROOM_ARN } from 'ivschat-emulator/node'
 *
 * beforeAll(() => server.listen())
 * afterEach(() => emulator.reset())
 * afterAll(() => server.close())
 * ```
 */
import { setupServer } from 'msw/node'
import { Emulator } from './emulator/emulator.ts'
import { createHandlers } from './handlers/index.ts'

export { DEMO_ROOM_ARN, DEMO_ROOM_ID, Emulator } from './emulator/emulator.ts'

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
