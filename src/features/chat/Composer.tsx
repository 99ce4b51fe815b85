import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { ChatActionFailed } from '../../chat/action-errors'
import { rejoinWouldFail } from '../../chat/chat-store'
import { useChat, useChatClient } from '../../chat/react'
import { codePointLength } from '../../../mocks/contract/text'
import { pendingErrorId } from './action-messages'

/** How long Send stays disabled after a 429 (the room's rate window is one second). */
const RATE_LIMIT_COOLDOWN_MS = 1_000

/**
 * Writes and sends a message: Enter sends, Shift+Enter starts a new line. `onRefusedAsInvalid`
 * runs on a 400: the room's limit may have changed since it was read, so ask for it again.
 */
export function Composer({ maximumMessageLength, onRefusedAsInvalid }: { maximumMessageLength: number; onRefusedAsInvalid?: () => void }) {
  const client = useChatClient()
  const canSend = useChat((state) => state.me?.capabilities.includes('SEND_MESSAGE') ?? false)
  const connected = useChat((state) => state.status === 'connected')
  // Disconnected for good (removed, gave up, the server closed): nothing will come back on its own.
  const closedBecause = useChat((state) => (state.status === 'disconnected' ? state.cause : undefined))
  const [draft, setDraft] = useState('')
  // The latest unsent message's error, shown once, on its line in the unconfirmed list: the
  // message box is only described by it, for as long as it applies.
  const failedWithError = useChat((state) => state.pending.findLast((p) => p.state !== 'sending' && p.error !== undefined)?.requestId)
  const [coolingDown, setCoolingDown] = useState(false)
  const id = useId()
  const textarea = useRef<HTMLTextAreaElement>(null)
  const length = codePointLength(draft)
  const tooLong = length > maximumMessageLength

  // Joining replaces the form that had focus; rather than leave it on <body>, start in the
  // message box. Focus that is somewhere else (the emulator's panel) stays where it is.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) textarea.current?.focus()
  }, [])

  useEffect(() => {
    if (!coolingDown) return
    const timer = setTimeout(() => setCoolingDown(false), RATE_LIMIT_COOLDOWN_MS)
    return () => clearTimeout(timer)
  }, [coolingDown])

  // Why nothing can be sent: removed or disconnected for good, or a token without SEND_MESSAGE.
  const cannotSend = !canSend
    ? 'Your token does not include the SEND_MESSAGE capability, so you can read but not send. Leave and join again with “Send messages” checked.'
    : closedBecause?.kind === 'kicked'
      ? 'You cannot send: a moderator removed you from this room. Use Join again to come back.'
      : closedBecause && rejoinWouldFail(closedBecause)
        ? 'You cannot send: you are disconnected from the room, and joining it again would fail the same way. Leave to choose another room.'
        : closedBecause
          ? 'You cannot send: you are disconnected from the room. Use Join again to reconnect.'
        : undefined
  if (cannotSend) {
    return (
      <div className="composer composer-disabled">
        <label htmlFor={`${id}-message`}>Message</label>
        <textarea id={`${id}-message`} disabled rows={1} aria-describedby={`${id}-why`} value={canSend ? draft : ''} readOnly />
        <button type="button" disabled>
          Send
        </button>
        <p id={`${id}-why`} className="hint">
          {cannotSend}
        </p>
      </div>
    )
  }

  function send(event?: FormEvent) {
    event?.preventDefault()
    const content = draft
    if (content.trim() === '' || tooLong || coolingDown || !connected) return
    setDraft('')
    client.sendMessage(content).catch((failure: unknown) => {
      if (!(failure instanceof ChatActionFailed)) throw failure
      if (failure.detail.code === 429) setCoolingDown(true)
      if (failure.detail.code === 400) onRefusedAsInvalid?.()
    })
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) send(event)
  }

  return (
    <form className="composer" onSubmit={send}>
      <label htmlFor={`${id}-message`} className="visually-hidden">
        Message
      </label>
      <textarea
        ref={textarea}
        id={`${id}-message`}
        rows={1}
        value={draft}
        placeholder={connected ? 'Say something…' : 'Waiting for the connection…'}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={tooLong}
        aria-describedby={`${id}-count${failedWithError ? ` ${pendingErrorId(failedWithError)}` : ''}`}
      />
      <span id={`${id}-count`} className={tooLong ? 'counter over' : 'counter'} aria-live={tooLong ? 'polite' : 'off'}>
        {length} / {maximumMessageLength}
        {tooLong ? ' characters: too long' : ''}
      </span>
      <button type="submit" className="primary" disabled={draft.trim() === '' || tooLong || coolingDown || !connected}>
        Send
      </button>
    </form>
  )
}
