import { useId } from 'react'
import { useChat, useServiceNow } from '../../chat/react'
import { formatRemaining } from '../../lib/use-now'

/**
 * Time left on the token and on the session, from the CreateChatToken response (the app never
 * decodes the token), counted in the service's time (the page's clock may be off, and the
 * emulator's may have been moved), each with what happens at zero. Once the connection is gone
 * for good (removed, given up, closed), both stop and read "Ended".
 */
export function Countdowns() {
  const tokenExpiresAt = useChat((state) => state.tokenExpiresAt)
  const sessionExpiresAt = useChat((state) => state.sessionExpiresAt)
  const renewals = useChat((state) => state.renewals)
  const ended = useChat((state) => state.status === 'disconnected')
  const now = useServiceNow()
  return (
    <div className={`countdowns${ended ? ' ended' : ''}`}>
      <Countdown
        label="Token expires in"
        target={tokenExpiresAt}
        now={now}
        ended={ended}
        atZero={
          ended
            ? 'Stopped: no connection will use this token. Join again for a new one.'
            : 'After this the token can no longer open a connection; the next connection requests a new token.'
        }
      />
      <Countdown
        label="Session expires in"
        target={sessionExpiresAt}
        now={now}
        ended={ended}
        atZero={
          ended
            ? 'Stopped: the session ended with the connection.'
            : `At zero the service ends the session and the client renews it with a fresh token.${renewals > 0 ? ` Renewed ${renewals} time${renewals === 1 ? '' : 's'}.` : ''}`
        }
      />
    </div>
  )
}

function Countdown({ label, target, now, ended, atZero }: { label: string; target: Date | undefined; now: number; ended: boolean; atZero: string }) {
  const id = useId()
  const left = target ? target.getTime() - now : undefined
  const urgent = !ended && left !== undefined && left <= 60_000
  return (
    <div className={`countdown${urgent ? ' urgent' : ''}${ended ? ' ended' : ''}`}>
      <span id={`${id}-label`} className="countdown-label">
        {label}
      </span>
      <span role="timer" aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`} className="countdown-value">
        {ended ? 'Ended' : target ? formatRemaining(target.getTime(), now) : '–'}
      </span>
      <span id={`${id}-hint`} className="countdown-hint">
        {atZero}
      </span>
    </div>
  )
}
