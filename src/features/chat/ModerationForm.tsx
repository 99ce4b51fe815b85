import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react'
import { ChatActionFailed } from '../../chat/action-errors'
import { useChatClient } from '../../chat/react'
import { placeNextTo } from '../../lib/anchor-position'
import { cleanContent } from '../../lib/sender-attributes'
import { describeActionError } from './action-messages'
import type { ModerationRequest } from './MessageRow'

/** The start of a message, cut between characters (code points), never inside an emoji's surrogate pair. */
function quote(content: string, maxCodePoints = 140): string {
  const codePoints = [...content]
  return codePoints.length > maxCodePoints ? `${codePoints.slice(0, maxCodePoints).join('')}…` : content
}

/** Where the form's left edge sits relative to its line: past the avatar, under the text. */
const INDENT_PX = 40

/**
 * Confirms a delete or a disconnect, with an optional reason that everyone in the room
 * receives. A modal dialog (the page behind is inert, under a backdrop) placed right next to
 * the line it is about, on a phone as on a desktop; focus moves into it, and Escape or Cancel
 * closes it and returns focus to the button that opened it.
 */
export function ModerationForm({ request, onDone }: { request: ModerationRequest; onDone: () => void }) {
  const client = useChatClient()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const dialog = useRef<HTMLDialogElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const id = useId()
  const title = request.kind === 'delete' ? `Delete message from ${request.senderName}` : `Disconnect ${request.senderName}`
  const { anchor, trigger } = request
  const close = useRef(onDone)
  useLayoutEffect(() => {
    close.current = onDone
  })

  const place = useCallback(() => {
    const element = dialog.current
    if (!element || !anchor.isConnected) return
    const line = anchor.getBoundingClientRect()
    const box = element.getBoundingClientRect()
    const viewport = { width: document.documentElement.clientWidth, height: window.innerHeight }
    const indent = line.width > 2 * INDENT_PX + box.width ? INDENT_PX : 0
    const { top, left } = placeNextTo(line, box, viewport, { indent })
    element.style.top = `${top}px`
    element.style.left = `${left}px`
  }, [anchor])

  useLayoutEffect(() => {
    const element = dialog.current
    if (!element) return
    // Modal where the browser can (the top layer: never clipped by the log, above the header);
    // open in place where it cannot (jsdom has no showModal).
    if (typeof element.showModal === 'function') element.showModal()
    else element.setAttribute('open', '')
    place()
    input.current?.focus()
    // Escape where there is no modal dialog (so no close request), and a tap on the backdrop
    // (outside the dialog's box: the event's target is the dialog itself), as on phones' sheets.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      event.preventDefault()
      close.current()
    }
    const onClick = (event: MouseEvent) => {
      if (event.target !== element) return
      const box = element.getBoundingClientRect()
      const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom
      if (!inside) close.current()
    }
    element.addEventListener('keydown', onKeyDown)
    element.addEventListener('click', onClick)
    return () => {
      element.removeEventListener('keydown', onKeyDown)
      element.removeEventListener('click', onClick)
      if (element.open && typeof element.close === 'function') element.close()
    }
  }, [place])

  // Focus goes back to what opened the form; if the list has since unmounted it, to the log.
  useEffect(
    () => () => {
      const back = trigger.isConnected ? trigger : document.querySelector<HTMLElement>('[role="log"]')
      back?.focus()
    },
    [trigger],
  )

  // The line moves while the form is open (the log follows new messages, the page is resized
  // or turned, a row above grows): the form follows it, frame by frame, while it is open.
  useEffect(() => {
    if (typeof requestAnimationFrame !== 'function') return
    let frame = requestAnimationFrame(function tick() {
      place()
      frame = requestAnimationFrame(tick)
    })
    return () => cancelAnimationFrame(frame)
  }, [place])

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
    <dialog
      ref={dialog}
      className="moderation card"
      aria-labelledby={`${id}-title`}
      // Escape on a modal dialog: the browser's close request.
      onCancel={(event) => {
        event.preventDefault()
        onDone()
      }}
    >
      <form onSubmit={submit}>
        <h3 id={`${id}-title`}>{title}</h3>
        {request.kind === 'delete' && <blockquote dir="auto">{quote(cleanContent(request.line.content))}</blockquote>}
        <label htmlFor={`${id}-reason`}>Reason (optional)</label>
        <input id={`${id}-reason`} ref={input} value={reason} maxLength={256} onChange={(e) => setReason(e.target.value)} />
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
