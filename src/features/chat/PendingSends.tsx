import type { PendingSend } from '../../chat/chat-store'
import { useChat, useChatClient } from '../../chat/react'
import { cleanContent } from '../../lib/sender-attributes'
import { describeActionError, pendingErrorId } from './action-messages'

/**
 * Messages on their way (until the server echoes them) and those that did not make it, each
 * with what happened: "Not sent" (refused, or no connection: Retry sends it once) or "Not
 * confirmed" (no answer: it may have arrived, so Retry may post it twice). The reason is said
 * here only, once, and goes when it no longer applies.
 */
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
              <span id={pendingErrorId(send.requestId)} className="field-error" role="alert">
                {headline(send)}
                {send.error ? ` ${describeActionError(send.error)}` : ''}
              </span>
              <button
                type="button"
                aria-describedby={send.state === 'unconfirmed' ? `${pendingErrorId(send.requestId)}-twice` : undefined}
                onClick={() => void client.retrySend(send.requestId).catch(() => {})}
              >
                Retry
              </button>
              {send.state === 'unconfirmed' && (
                <span id={`${pendingErrorId(send.requestId)}-twice`} className="hint">
                  Retry may post it twice.
                </span>
              )}
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

function headline(send: PendingSend): string {
  return send.state === 'unconfirmed' ? 'Not confirmed: it may have arrived.' : 'Not sent.'
}
