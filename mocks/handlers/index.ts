import type { Emulator } from '../emulator/emulator.ts'
import { restHandler } from './rest.ts'
import { socketHandler } from './socket.ts'

/** Every handler of the emulated IVS Chat, over one emulator. */
export function createHandlers(emulator: Emulator) {
  return [restHandler(emulator), socketHandler(emulator)]
}
