import { useId, useState, type FormEvent } from 'react'
import { DEMO_ROOM_ARN, type Emulator } from '../emulator/emulator.ts'
import { CHATTERS_LIMITS } from '../emulator/simulated-chatters.ts'
import { ApplyBar, NumberField, PanelSection, parseWholeNumber, rangeError, SelectField } from './fields.tsx'
import { roomLabel } from './format.ts'
import type { EmulatorSnapshot } from './use-emulator-snapshot.ts'
import { useSyncedField } from './use-synced-field.ts'

const STATE_TEXT = { connected: 'connected', reconnecting: 'reconnecting', kicked: 'disconnected by a moderator' } as const

/** Other chatters the emulator runs in a room, so the demo is alive for one visitor. */
export function ChattersSection({ emulator, snapshot }: { emulator: Emulator; snapshot: EmulatorSnapshot }) {
  const { running, settings, participants } = snapshot.chatters
  const switchId = useId()
  const hintId = useId()
  const rooms = snapshot.rooms
  // The room they are in, or would join: never blank, so starting them does not move the field.
  const effectiveRoom = rooms.some((r) => r.arn === settings.roomArn) ? settings.roomArn : defaultRoom(rooms)
  const [roomArn, setRoomArn] = useSyncedField(effectiveRoom)
  const [count, setCount] = useSyncedField(String(settings.count))
  const [rate, setRate] = useSyncedField(String(settings.messagesPerMinute))
  const [status, setStatus] = useState('')
  // A room picked here may have been deleted since.
  const chosenRoom = rooms.some((r) => r.arn === roomArn) ? roomArn : defaultRoom(rooms)
  const countError = rangeError(count, CHATTERS_LIMITS.count.min, CHATTERS_LIMITS.count.max)
  const rateError = rangeError(rate, CHATTERS_LIMITS.messagesPerMinute.min, CHATTERS_LIMITS.messagesPerMinute.max, 'per minute')
  const valid = !countError && !rateError && chosenRoom !== ''
  const wanted = () => ({
    roomArn: chosenRoom,
    count: parseWholeNumber(count)!,
    messagesPerMinute: parseWholeNumber(rate)!,
  })

  // Handlers read the emulator itself: the snapshot can be a frame behind a quick second click.
  const toggle = () => {
    if (emulator.chatters.running) {
      emulator.chatters.stop()
      setStatus('Simulated chatters left the room.')
    } else if (valid) {
      emulator.chatters.start(wanted())
      setStatus(`Simulated chatters joined ${roomLabel(chosenRoom, rooms)}.`)
    }
  }

  const apply = (event: FormEvent) => {
    event.preventDefault()
    if (!valid) {
      setStatus('Not applied: fix the highlighted fields.')
      return
    }
    const next = wanted()
    const live = emulator.chatters
    if (live.running && next.roomArn !== live.settings.roomArn) live.start(next)
    else live.configure({ count: next.count, messagesPerMinute: next.messagesPerMinute })
    setStatus(live.running ? 'Applied to the running chatters.' : 'Saved; they use it when turned on.')
  }

  return (
    <PanelSection title="Simulated chatters" badge={running ? participants.filter((p) => p.state === 'connected').length : 'off'}>
      <div className="emu-switch-row">
        <input
          id={switchId}
          type="checkbox"
          role="switch"
          className="emu-switch"
          checked={running}
          aria-checked={running}
          disabled={!running && !valid}
          aria-describedby={hintId}
          onChange={toggle}
        />
        <label htmlFor={switchId}>Simulated chatters</label>
      </div>
      <p id={hintId} className="emu-hint">
        Other participants with names, colors and badges who chat through the same socket path as you: the room’s limits and
        review handler apply to them.
      </p>
      <form className="emu-card" aria-label="Simulated chatters settings" noValidate onSubmit={apply}>
        <SelectField
          label="Room for chatters"
          value={chosenRoom}
          options={rooms.map((r) => ({ value: r.arn, label: r.name || r.id }))}
          onChange={setRoomArn}
        />
        <div className="emu-grid">
          <NumberField
            label="Number of chatters"
            value={count}
            onChange={setCount}
            min={CHATTERS_LIMITS.count.min}
            max={CHATTERS_LIMITS.count.max}
            error={countError}
          />
          <NumberField
            label="Messages per minute"
            value={rate}
            onChange={setRate}
            min={CHATTERS_LIMITS.messagesPerMinute.min}
            max={CHATTERS_LIMITS.messagesPerMinute.max}
            hint="From all of them together, on average."
            error={rateError}
          />
        </div>
        <ApplyBar label="Apply chatter settings" status={status} />
      </form>
      {running && participants.length > 0 && (
        <ul className="emu-list emu-inline-list" aria-label="Chatters">
          {participants.map((p) => (
            <li key={p.userId}>
              {p.displayName} <span className="emu-muted">({STATE_TEXT[p.state]})</span>
            </li>
          ))}
        </ul>
      )}
    </PanelSection>
  )
}

/** The seeded demo room while it exists (where a visitor chats), else the newest room. */
function defaultRoom(rooms: readonly { arn: string }[]): string {
  return rooms.find((r) => r.arn === DEMO_ROOM_ARN)?.arn ?? rooms[0]?.arn ?? ''
}
