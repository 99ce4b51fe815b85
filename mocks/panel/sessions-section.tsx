import type { Emulator } from '../emulator/emulator.ts'
import { PanelSection } from './fields.tsx'
import { formatClockTime, formatDuration, roomLabel } from './format.ts'
import type { EmulatorSnapshot } from './use-emulator-snapshot.ts'

/** Live connections across rooms, with the two ways the emulator can end one. */
export function SessionsSection({ emulator, snapshot }: { emulator: Emulator; snapshot: EmulatorSnapshot }) {
  const { sessions, now, settings } = snapshot
  const endHint =
    settings.sessionEnd === 'error-then-close'
      ? 'End session: ERROR 401, then close; the SDK renews with a new token.'
      : 'End session: close only; the SDK reports a server disconnect and stays out.'
  return (
    <PanelSection title="Live sessions" badge={sessions.length}>
      {sessions.length === 0 ? (
        <p className="emu-empty">No one is connected. Join from the chat, or turn on simulated chatters.</p>
      ) : (
        <>
          <p className="emu-hint">
            {endHint} Drop connection: a network failure; the SDK reconnects with a new token.
          </p>
          <ul className="emu-list">
            {sessions.map((session) => (
              <li key={session.id} className="emu-row">
                <div className="emu-row-main">
                  <span className="emu-user">
                    {session.attributes.color && /^#[0-9a-f]{3,8}$/i.test(session.attributes.color) && (
                      <span className="emu-swatch" style={{ background: session.attributes.color }} aria-hidden="true" />
                    )}
                    {session.userId}
                  </span>
                  {session.simulated && <span className="emu-chip">simulated</span>}
                  <span className="emu-muted">in {roomLabel(session.roomArn, snapshot.rooms)}</span>
                </div>
                <dl className="emu-facts">
                  <div>
                    <dt>Connected since</dt>
                    <dd>{formatClockTime(session.connectedAt)}</dd>
                  </div>
                  <div>
                    <dt>Session expires in</dt>
                    <dd>{formatDuration(session.sessionExpiresAt - now)}</dd>
                  </div>
                  <div>
                    <dt>Capabilities</dt>
                    <dd>{session.capabilities.length > 0 ? session.capabilities.join(', ') : 'view only'}</dd>
                  </div>
                </dl>
                <div className="emu-actions">
                  <button
                    type="button"
                    className="emu-button"
                    aria-label={`End session of ${session.userId}`}
                    onClick={() => emulator.chat.endSession(session.id)}
                  >
                    End session
                  </button>
                  <button
                    type="button"
                    className="emu-button"
                    aria-label={`Drop connection of ${session.userId}`}
                    onClick={() => emulator.chat.dropConnection(session.id)}
                  >
                    Drop connection
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </PanelSection>
  )
}
