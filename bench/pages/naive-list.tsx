import { useLayoutEffect, useRef } from 'react'
import { useChat } from '../../src/chat/react'
import { MessageRow, type ModerationRights } from '../../src/features/chat/MessageRow'

/** A reader with no moderation rights; one object, so that `memo` on the rows holds. */
const READER: ModerationRights = { canDelete: false, canDisconnect: false, myUserId: undefined, touch: false }
const ignore = () => {}

/**
 * The benchmarks' control: the app's message list with the virtualization taken out. Same
 * store, same rows, same markup and CSS, and it follows the newest line as the app does; but
 * every line of the store is in the DOM. Rows are memoized with stable props, so what the
 * control pays for is the size of the DOM, not needless re-renders.
 */
export function NaiveList() {
  const lines = useChat((state) => state.lines)
  const scroller = useRef<HTMLDivElement>(null)

  useLayoutEffect(() => {
    const element = scroller.current
    if (element && lines.length > 0) element.scrollTop = element.scrollHeight
  }, [lines])

  return (
    <div className="message-list">
      {/* oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div ref={scroller} className="message-scroller" role="log" aria-label="Messages" tabIndex={0}>
        <ol className="messages">
          {lines.map((line) => (
            <li key={line.id}>
              <MessageRow line={line} rights={READER} onModerate={ignore} />
            </li>
          ))}
        </ol>
      </div>
    </div>
  )
}
