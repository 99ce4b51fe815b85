import type { Emulator } from '../emulator/emulator'
import { restHandler } from './rest'
import { socketHandler } from './socket'

/** Every handler of the emulated IVS Chat, over one emulator. */
export function createHandlers(emulator: Emulator) {
  return [restHandler(emulator), socketHandler(emulator)]
}
