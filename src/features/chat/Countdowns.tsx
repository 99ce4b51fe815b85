import { useId } from 'react'
import { useChat, useServiceNow } from '../../chat/react'
import { formatRemaining } from '../../lib/use-now'

/**
 * Time left on the token and on the session, from the CreateChatToken response (the app never
 * decodes the token), each with what happens at zero.
 */
export function Countdowns() {
  const tokenExpiresAt = useChat((state) => state.tokenExpiresAt)
  const sessionExpiresAt = useChat((state) => state.sessionExpiresAt)
  const renewals = useChat((state) => state.renewals)
  const now = useServiceNow()
  return (
    <div className="countdowns">
      <Countdown
        label="Token expires in"
        target={tokenExpiresAt}
        now={now}
        atZero="After this the token can no longer open a connection; the next connection requests a new token."
      />
      <Countdown
        label="Session expires in"
        target={sessionExpiresAt}
        now={now}
        atZero={`At zero the service ends the session and the client renews it with a fresh token.${renewals > 0 ? ` Renewed ${renewals} time${renewals === 1 ? '' : 's'}.` : ''}`}
      />
    </div>
  )
}

function Countdown({ label, target, now, atZero }: { label: string; target: Date | undefined; now: number; atZero: string }) {
  const id = useId()
  const left = target ? target.getTime() - now : undefined
  const urgent = left !== undefined && left <= 60_000
  return (
    <div className={`countdown${urgent ? ' urgent' : ''}`}>
      <span id={`${id}-label`} className="countdown-label">
        {label}
      </span>
      <span role="timer" aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`} className="countdown-value">
        {target ? formatRemaining(target.getTime(), now) : '–'}
      </span>
      <span id={`${id}-hint`} className="countdown-hint">
        {atZero}
      </span>
    </div>
  )
}
