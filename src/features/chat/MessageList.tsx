import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual'
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ChatLine } from '../../chat/chat-line'
import { useChat } from '../../chat/react'
import { TOUCH_SCREEN_QUERY, useMediaQuery } from '../../lib/use-media-query'
import { dayDivider, groupsWithPrevious } from './message-grouping'
import { MessageRow, type ModerationRequest, type ModerationRights } from './MessageRow'

/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK_PX = 48
const ESTIMATED_ROW_PX = 64

/**
 * A row's height, from the ResizeObserver that the virtualizer keeps on every row. When a row
 * mounts, the virtualizer also asks from the ref callback, in React's commit; reading
 * `offsetHeight` there forces a layout for each new row (several a frame in a busy room: the
 * list's largest cost in `npm run bench`'s load and burst profiles), so that call gets the
 * size already known, or the estimate, and the observer reports the real one after the
 * browser's own layout, before the frame is painted.
 */
function measureRow(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>): number {
  const box = entry?.borderBoxSize[0]
  if (box) return Math.round(box.blockSize)
  const index = instance.indexFromElement(element)
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? ESTIMATED_ROW_PX
}

/** Lines after the last one seen; by time once that one is gone (deleted, or past the history cap). */
function countUnseen(lines: readonly ChatLine[], lastSeen: { id: string; time: number } | undefined): number {
  if (!lastSeen) return lines.length
  let unseen = 0
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!
    if (line.id === lastSeen.id || line.sendTime.getTime() < lastSeen.time) break
    // A notice (a reconnect, a moderator's action) is not a message to catch up on.
    if (!line.notice) unseen++
  }
  return unseen
}

/**
 * The room's messages, virtualized so that 10,000 lines scroll as smoothly as ten. It follows
 * new messages only while the reader is at the bottom; otherwise a button offers the new ones.
 */
export function MessageList({ onModerate }: { onModerate: (request: ModerationRequest) => void }) {
  const lines = useChat((state) => state.lines)
  const me = useChat((state) => state.me)
  const removedUserIds = useChat((state) => state.removedUserIds)
  const touch = useMediaQuery(TOUCH_SCREEN_QUERY)
  const scroller = useRef<HTMLDivElement>(null)
  // Where the list last was, set by its own scrolling too: whether the reader scrolled up.
  const lastScrollTop = useRef(0)
  const [atBottom, setAtBottom] = useState(true)
  // The last line seen at the bottom: its id, and its time for when a moderator deletes it.
  const [lastSeen, setLastSeen] = useState<{ id: string; time: number }>()
  // One object per participant, not per render: the rows are memoized, and a new `rights` on
  // every message would re-render every visible row each time one arrives.
  const rights: ModerationRights = useMemo(
    () => ({
      canDelete: me?.capabilities.includes('DELETE_MESSAGE') ?? false,
      canDisconnect: me?.capabilities.includes('DISCONNECT_USER') ?? false,
      myUserId: me?.userId,
      removedUserIds,
      touch,
    }),
    [me, removedUserIds, touch],
  )

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 8,
    getItemKey: (index) => lines[index]!.id,
    measureElement: measureRow,
  })

  const scrollToEnd = useCallback(() => {
    const element = scroller.current
    if (!element) return
    if (lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' })
    element.scrollTop = element.scrollHeight
    lastScrollTop.current = element.scrollTop
    setAtBottom(true)
  }, [lines.length, virtualizer])

  // Follow new messages while at the bottom, and keep the end in view while rows that just
  // arrived are measured (the total height changes after the scroll); remember the last line
  // seen before leaving the bottom.
  const totalSize = virtualizer.getTotalSize()
  useLayoutEffect(() => {
    if (atBottom) {
      scrollToEnd()
      const last = lines.at(-1)
      setLastSeen((seen) => (seen?.id === last?.id ? seen : last && { id: last.id, time: last.sendTime.getTime() }))
    }
  }, [lines, atBottom, scrollToEnd, totalSize])

  // Your own new message brings you back to the bottom, as in every chat: you want to see it.
  const newest = lines.at(-1)
  const newestId = useRef(newest?.id)
  useLayoutEffect(() => {
    if (newest?.id === newestId.current) return
    newestId.current = newest?.id
    if (!atBottom && newest && newest.sender.userId === me?.userId) scrollToEnd()
  }, [newest, atBottom, me, scrollToEnd])

  function onScroll() {
    const element = scroller.current
    if (!element) return
    const top = element.scrollTop
    const movedUp = top < lastScrollTop.current
    lastScrollTop.current = top
    const bottom = element.scrollHeight - top - element.clientHeight <= BOTTOM_SLACK_PX
    // Only the reader leaves the bottom, by scrolling up. A scroll event that finds the end
    // further down because rows grew after the list scrolled to it (a burst, rows measured)
    // is not the reader's doing: the list keeps following.
    if (bottom && !atBottom) setAtBottom(true)
    else if (!bottom && movedUp && atBottom) setAtBottom(false)
  }

  // Asked once per render, not per row: "Today" is the same for all of them.
  const today = new Date()
  const unseen = atBottom ? 0 : countUnseen(lines, lastSeen)
  // Without layout (jsdom, a hidden tab before first paint) there is nothing to measure:
  // render every line rather than none. Asked of the virtualizer itself (its viewport, kept
  // current by a ResizeObserver), not of the element: the two can disagree for a render, and
  // then a viewport the virtualizer has not seen would show no line at all.
  const laidOut = (virtualizer.scrollRect?.height ?? 0) > 0
  const items = laidOut ? virtualizer.getVirtualItems() : lines.map((_, index) => ({ index, start: 0, key: lines[index]!.id }))

  return (
    <div className="message-list">
      {/* A scrollable region must be reachable by keyboard to scroll it (WCAG 2.1.1). */}
      {/* oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div ref={scroller} className="message-scroller" role="log" aria-label="Messages" tabIndex={0} onScroll={onScroll}>
        {lines.length === 0 && <p className="empty">No messages yet. Say hello!</p>}
        <ol className="messages" style={laidOut ? { height: virtualizer.getTotalSize(), position: 'relative' } : undefined}>
          {items.map((item) => (
            <li
              key={item.key}
              data-index={item.index}
              ref={laidOut ? virtualizer.measureElement : undefined}
              style={laidOut ? { position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` } : undefined}
            >
              <MessageRow
                line={lines[item.index]!}
                rights={rights}
                onModerate={onModerate}
                grouped={groupsWithPrevious(lines[item.index - 1], lines[item.index]!)}
                day={dayDivider(lines[item.index - 1], lines[item.index]!, today)}
              />
            </li>
          ))}
        </ol>
      </div>
      {unseen > 0 && (
        <button
          type="button"
          className="new-messages"
          onClick={() => {
            scrollToEnd()
            // The button goes away: keep the keyboard user in the log instead of on <body>.
            scroller.current?.focus()
          }}
        >
          {unseen} new message{unseen === 1 ? '' : 's'}
        </button>
      )}
    </div>
  )
}
