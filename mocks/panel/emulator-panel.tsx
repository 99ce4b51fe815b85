import type { Emulator } from '../emulator/emulator'

/** The emulator's developer panel (placeholder until the panel lands: shows the room count). */
export function EmulatorPanel({ emulator }: { emulator: Emulator }) {
  return (
    <aside aria-label="Emulator">
      <p>{emulator.rooms.all().length} rooms</p>
    </aside>
  )
}
