import type { Emulator } from '../emulator/emulator.ts'
import { PanelSection } from './fields.tsx'
import { RoomEditor } from './room-editor.tsx'
import type { EmulatorSnapshot } from './use-emulator-snapshot.ts'

/** Every room of the emulated account, each with its editable limits and review handler. */
export function RoomsSection({ emulator, snapshot }: { emulator: Emulator; snapshot: EmulatorSnapshot }) {
  return (
    <PanelSection title="Rooms" badge={snapshot.rooms.length}>
      {snapshot.rooms.length === 0 && <p className="emu-empty">No rooms. Create one with CreateRoom.</p>}
      {snapshot.rooms.map((room) => (
        <RoomEditor
          key={room.arn}
          emulator={emulator}
          room={room}
          connections={snapshot.sessions.filter((s) => s.roomArn === room.arn).length}
          reviewTimeoutMs={snapshot.settings.reviewTimeoutMs}
        />
      ))}
    </PanelSection>
  )
}
