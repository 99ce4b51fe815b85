import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { ChatActionFailed } from '../../chat/action-errors'
import { useChatClient } from '../../chat/react'
import { cleanContent } from '../../lib/sender-attributes'
import { describeActionError } from './action-messages'
import type { ModerationRequest } from './MessageRow'

/** The start of a message, cut between characters (code points), never inside an emoji's surrogate pair. */
function quote(content: string, maxCodePoints = 140): string {
  const codePoints = [...content]
  return codePoints.length > maxCodePoints ? `${codePoints.slice(0, maxCodePoints).join('')}…` : content
}

/** Confirms a delete or a disconnect, with an optional reason that everyone in the room receives. */
export function ModerationForm({ request, onDone }: { request: ModerationRequest; onDone: () => void }) {
  const client = useChatClient()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const id = useId()
  const title = request.kind === 'delete' ? `Delete message from ${request.senderName}` : `Disconnect ${request.senderName}`

  useEffect(() => {
    // Focus moves into the form, and back to what opened it (the message's button) on close.
    const opener = document.activeElement
    input.current?.focus()
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus()
    }
  }, [])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    const why = reason.trim() || undefined
    try {
      if (request.kind === 'delete') await client.deleteMessage(request.line.id, why)
      else await client.disconnectUser(request.line.sender.userId, why)
      onDone()
    } catch (failure) {
      setError(failure instanceof ChatActionFailed ? describeActionError(failure.detail) : String(failure))
      setBusy(false)
    }
  }

  return (
    <dialog open className="moderation card" aria-labelledby={`${id}-title`}>
      <form onSubmit={submit}>
      <h3 id={`${id}-title`}>{title}</h3>
      {request.kind === 'delete' && <blockquote dir="auto">{quote(cleanContent(request.line.content))}</blockquote>}
      <label htmlFor={`${id}-reason`}>Reason (optional)</label>
      <input
        id={`${id}-reason`}
        ref={input}
        value={reason}
        maxLength={256}
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone()
        }}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="danger" disabled={busy}>
          {request.kind === 'delete' ? 'Delete message' : 'Disconnect user'}
        </button>
      </div>
      </form>
    </dialog>
  )
}
