import { useChat, useChatClient } from '../../chat/react'
import { cleanContent } from '../../lib/sender-attributes'
import { describeActionError } from './action-messages'

/** Messages on their way (until the server echoes them) and those that failed, with Retry. */
export function PendingSends() {
  const client = useChatClient()
  const pending = useChat((state) => state.pending)
  if (pending.length === 0) return null
  return (
    <ul className="pending-sends" aria-label="Unconfirmed messages">
      {pending.map((send) => (
        <li key={send.requestId} className={`pending pending-${send.state}`}>
          <p className="message-content" dir="auto">
            {cleanContent(send.content)}
          </p>
          {send.state === 'sending' ? (
            <span className="hint">Sending…</span>
          ) : (
            <>
              <span className="field-error">Not sent. {send.error ? describeActionError(send.error) : ''}</span>
              <button type="button" onClick={() => void client.retrySend(send.requestId).catch(() => {})}>
                Retry
              </button>
              <button type="button" className="ghost" onClick={() => client.discardSend(send.requestId)}>
                Discard
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  )
}
