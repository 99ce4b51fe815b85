import { useId, useRef, useState, type KeyboardEvent } from 'react'
import type { Emulator } from '../emulator/emulator.ts'
import { ChatLogsSection } from './chat-logs-section.tsx'
import { ChattersSection } from './chatters-section.tsx'
import { FaultsSection } from './faults-section.tsx'
import { FrameLogSection } from './frame-log-section.tsx'
import { formatDuration } from './format.ts'
import { PANEL_CSS } from './panel-styles.ts'
import { RoomsSection } from './rooms-section.tsx'
import { SessionsSection } from './sessions-section.tsx'
import { SettingsSection } from './settings-section.tsx'
import { TokensSection } from './tokens-section.tsx'
import { useEmulatorSnapshot } from './use-emulator-snapshot.ts'

/**
 * The emulator's developer panel: a drawer, collapsed by default so it never covers the
 * chat, that shows the emulator's state and drives its faults, clock and simulated chatters.
 * Escape inside it collapses it and returns focus to its toggle.
 */
export function EmulatorPanel({ emulator }: { emulator: Emulator }) {
  const [open, setOpen] = useState(false)
  const bodyId = useId()
  const toggleRef = useRef<HTMLButtonElement>(null)

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return
    event.stopPropagation()
    setOpen(false)
    toggleRef.current?.focus()
  }

  return (
    // The keydown listener only catches Escape bubbling up from the panel's own controls.
    // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <aside aria-label="Emulator" className="emu-panel" data-open={open} onKeyDown={onKeyDown}>
      {/* React 19 hoists this into <head> once, however many panels mount. */}
      <style href="ivschat-emulator-panel" precedence="ivschat-emulator">
        {PANEL_CSS}
      </style>
      <div className="emu-header">
        <button
          ref={toggleRef}
          type="button"
          className="emu-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          title={open ? 'Collapse the emulator panel (Escape)' : 'Open the IVS Chat emulator’s developer panel'}
          onClick={() => setOpen(!open)}
        >
          <span className="emu-toggle-icon" aria-hidden="true">
            {open ? '»' : '«'}
          </span>
          Emulator panel
        </button>
      </div>
      <div id={bodyId} className="emu-body" hidden={!open}>
        {/* Mounted only while open: a collapsed panel subscribes to nothing and costs nothing. */}
        {open && <PanelBody emulator={emulator} />}
      </div>
    </aside>
  )
}

function PanelBody({ emulator }: { emulator: Emulator }) {
  const snapshot = useEmulatorSnapshot(emulator)
  const sessions = snapshot.sessions.length
  return (
    <div className="emu-scroll">
      <p className="emu-summary">
        IVS Chat emulator · {sessions} {sessions === 1 ? 'session' : 'sessions'}
        {snapshot.clockOffset > 0 && ` · clock +${formatDuration(snapshot.clockOffset)}`}
        {snapshot.settings.latencyMs > 0 && ` · ${snapshot.settings.latencyMs} ms latency`}
      </p>
      {/* Nobody should expect a second browser to see this emulator's rooms: say where it lives. */}
      <p className="emu-where">
        This emulator runs in this page, one per browser profile: its tabs share it and chat with each other. Another browser, a
        private window or another device has its own and sees none of this. To chat across them, run the emulator as a server
        (<code>npm run emulator</code> in the demo, <code>npx ivschat-emulator</code> from the package) and start the app with mocks
        off, pointed at it (README, “Run the emulator as a server” and “Configuration”).
      </p>
      <SessionsSection emulator={emulator} snapshot={snapshot} />
      <FaultsSection emulator={emulator} snapshot={snapshot} />
      <SettingsSection emulator={emulator} snapshot={snapshot} />
      <ChattersSection emulator={emulator} snapshot={snapshot} />
      <RoomsSection emulator={emulator} snapshot={snapshot} />
      <TokensSection snapshot={snapshot} />
      <FrameLogSection emulator={emulator} snapshot={snapshot} />
      <ChatLogsSection emulator={emulator} snapshot={snapshot} />
    </div>
  )
}
