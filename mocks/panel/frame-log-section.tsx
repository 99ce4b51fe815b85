import { useLayoutEffect, useRef, useState } from 'react'
import type { Emulator } from '../emulator/emulator.ts'
import type { FrameLogEntry } from '../emulator/frame-log.ts'
import { PanelSection, TextField } from './fields.tsx'
import { formatClockTime, truncate } from './format.ts'
import type { EmulatorSnapshot } from './use-emulator-snapshot.ts'

/** Rows rendered at most: the emulator keeps more, but a long DOM list would slow the page. */
const ROWS_SHOWN = 200
const TEXT_SHOWN = 160
/** How close to the bottom (px) still counts as "following" new frames. */
const FOLLOW_SLACK_PX = 24

const DIRECTION_LABEL: Record<FrameLogEntry['direction'], string> = { in: 'IN', out: 'OUT', event: 'EVT' }
const DIRECTION_TITLE: Record<FrameLogEntry['direction'], string> = {
  in: 'Client to emulator',
  out: 'Emulator to client',
  event: 'Connection event',
}

/** Every frame through the emulated socket, newest last, with a filter and a pause. */
export function FrameLogSection({ emulator, snapshot }: { emulator: Emulator; snapshot: EmulatorSnapshot }) {
  const [filter, setFilter] = useState('')
  // While paused, the entries as they were when the pause began.
  const [frozen, setFrozen] = useState<FrameLogEntry[] | undefined>()
  const source = frozen ?? snapshot.frames
  const needle = filter.trim().toLowerCase()
  const matching = needle ? source.filter((e) => `${e.direction} ${e.userId} ${e.text}`.toLowerCase().includes(needle)) : source
  const shown = matching.slice(-ROWS_SHOWN)
  const lastFrozen = frozen?.at(-1)?.seq ?? 0
  const missed = frozen ? snapshot.frames.filter((e) => e.seq > lastFrozen).length : 0

  const logRef = useRef<HTMLDivElement>(null)
  const following = useRef(true)
  // After every render (at most one per frame): keeps the newest row in view while following.
  useLayoutEffect(() => {
    const log = logRef.current
    if (log && following.current) log.scrollTop = log.scrollHeight
  })

  const clear = () => {
    emulator.frameLog.clear()
    if (frozen) setFrozen([])
  }

  return (
    <PanelSection title="Frame log" badge={snapshot.frames.length}>
      <div className="emu-toolbar">
        <TextField label="Filter frames" value={filter} onChange={setFilter} placeholder="user, action or text" />
        <div className="emu-actions">
          <button
            type="button"
            className="emu-button"
            aria-pressed={frozen !== undefined}
            aria-label="Pause frame log"
            title="Stops the list from moving; frames are still recorded."
            onClick={() => setFrozen(frozen ? undefined : snapshot.frames)}
          >
            Pause
          </button>
          <button type="button" className="emu-button" aria-label="Clear frame log" title="Forgets every recorded frame." onClick={clear}>
            Clear
          </button>
        </div>
      </div>
      <p className="emu-hint" aria-live="polite">
        {frozen ? `Paused: ${missed} new ${missed === 1 ? 'frame' : 'frames'} since. ` : ''}
        Showing {shown.length} of {matching.length}
        {needle ? ' matching' : ''} (newest last).
      </p>
      <div
        ref={logRef}
        className="emu-frame-log"
        role="log"
        aria-label="Frames"
        // A busy log read aloud would drown everything else out.
        aria-live="off"
        // A scrollable region must take focus, or keyboard users cannot scroll it (axe: scrollable-region-focusable).
        // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        onScroll={(event) => {
          const log = event.currentTarget
          following.current = log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_SLACK_PX
        }}
      >
        {shown.length === 0 ? (
          <p className="emu-empty">{needle ? 'No frame matches the filter.' : 'No frames yet.'}</p>
        ) : (
          <ol className="emu-frames">
            {shown.map((entry) => (
              <li key={entry.seq} className={`emu-frame emu-frame-${entry.direction}${isError(entry) ? ' emu-frame-error' : ''}`}>
                <span className="emu-frame-time">{formatClockTime(entry.time)}</span>
                <span className="emu-frame-dir" title={DIRECTION_TITLE[entry.direction]}>
                  {DIRECTION_LABEL[entry.direction]}
                </span>
                <span className="emu-frame-user">{entry.userId || '—'}</span>
                <span className="emu-frame-text" title={entry.text.length > TEXT_SHOWN ? entry.text : undefined}>
                  {truncate(entry.text, TEXT_SHOWN)}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </PanelSection>
  )
}

function isError(entry: FrameLogEntry): boolean {
  return entry.direction === 'out' && entry.text.includes('"Type":"ERROR"')
}
