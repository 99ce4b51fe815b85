import type { TokenRejection } from '../emulator/tokens.ts'
import { PanelSection } from './fields.tsx'
import { formatClockTime, formatDuration, roomLabel } from './format.ts'
import type { EmulatorSnapshot } from './use-emulator-snapshot.ts'

/** Tokens shown at most; the emulator keeps more (see TokenAuthority's pruning). */
const TOKENS_SHOWN = 50
const REJECTIONS_SHOWN = 10

/** What each refusal at connect means and what the client should do about it. */
const REJECTION_TEXT: Record<TokenRejection, string> = {
  missing: 'No token was sent. Pass the token as the WebSocket subprotocol.',
  malformed: 'The token is not a compact JWE. Send the token string exactly as CreateChatToken returned it.',
  'wrong-algorithm': 'The token’s header was altered. Use tokens from CreateChatToken only.',
  'unknown-key': 'The token comes from another emulator instance (or a reload). Request a new one.',
  'not-issued': 'The token was never issued here (tampered or forged). Request a new one.',
  'already-used': 'A token opens one connection. Request a new token for every connection.',
  expired: 'The token expired before it was used. Request a new token and connect right away.',
  'room-deleted': 'The room no longer exists. Pick another room.',
  'other-region': 'The token is for a room of another region. Connect to the socket of the room’s region.',
}

/** Every token CreateChatToken issued, with its state, and the connections that were refused. */
export function TokensSection({ snapshot }: { snapshot: EmulatorSnapshot }) {
  const { tokens, now, rejections } = snapshot
  return (
    <PanelSection title="Issued tokens" badge={tokens.length}>
      {tokens.length === 0 ? (
        <p className="emu-empty">No tokens yet. Each join calls CreateChatToken.</p>
      ) : (
        // A region that scrolls sideways must be reachable by keyboard to scroll it (WCAG 2.1.1).
        // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <section className="emu-table-wrap" aria-label="Issued tokens table" tabIndex={0}>
          <table className="emu-table">
            <caption className="emu-visually-hidden">Issued tokens, newest first</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Room</th>
                <th scope="col">State</th>
                <th scope="col">Token expires</th>
                <th scope="col">Session lasts</th>
              </tr>
            </thead>
            <tbody>
              {tokens.slice(0, TOKENS_SHOWN).map((token, index) => (
                // Tokens carry no public id; rows are display-only, so a shifted key costs nothing.
                <tr key={`${token.issuedAt}-${token.userId}-${index}`}>
                  <th scope="row">{token.userId}</th>
                  <td>{roomLabel(token.roomArn, snapshot.rooms)}</td>
                  <td>
                    <span className={`emu-state emu-state-${token.state}`}>{token.state}</span>
                  </td>
                  <td>{token.tokenExpiresAt > now ? `in ${formatDuration(token.tokenExpiresAt - now)}` : 'expired'}</td>
                  <td>{formatDuration(token.sessionExpiresAt - token.issuedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {rejections.length > 0 && (
        <div className="emu-subsection">
          <h3>Refused connections</h3>
          <ul className="emu-list">
            {rejections
              .slice(-REJECTIONS_SHOWN)
              .reverse()
              .map((rejection, index) => (
                <li key={`${rejection.time}-${index}`} className="emu-row">
                  <span className="emu-muted">{formatClockTime(rejection.time)}</span> <strong>{rejection.reason}</strong>:{' '}
                  {REJECTION_TEXT[rejection.reason]}
                </li>
              ))}
          </ul>
        </div>
      )}
    </PanelSection>
  )
}
