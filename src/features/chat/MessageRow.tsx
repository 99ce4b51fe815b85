import { memo, useRef, type CSSProperties } from 'react'
import type { ChatLine } from '../../chat/chat-line'
import { cleanReason, senderLook, visibleUserId } from '../../lib/sender-attributes'
import { Avatar } from './Avatar'
import { MessageContent } from './MessageContent'
import { MoreMenu, type MenuAction } from './MoreMenu'
import { NoticeRow } from './NoticeRow'

export interface ModerationRights {
  canDelete: boolean
  canDisconnect: boolean
  myUserId: string | undefined
  /** Users a moderator already removed: no Disconnect on their lines (until they write again). */
  removedUserIds?: ReadonlySet<string>
  /** No hover here (a touch screen): a line's actions are behind one "More" button. */
  touch: boolean
}

interface ModerationTarget {
  line: ChatLine
  senderName: string
  /** The line the form belongs to: it opens next to it. */
  anchor: HTMLElement
  /** Where focus goes back when the form closes (the button that opened it, or the More button). */
  trigger: HTMLElement
}

export type ModerationRequest = ({ kind: 'delete' } & ModerationTarget) | ({ kind: 'disconnect' } & ModerationTarget)

/** Where a day starts in the log: shown above the day's first line. */
export interface DayDivider {
  /** `2026-12-06` */
  date: string
  /** "Today", "Yesterday" or the date. */
  label: string
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

/**
 * One message with its sender's attributes as the server sent them (checked first: a color
 * that is not a plain color never reaches `style`, a non-https avatar is never loaded). A line
 * `grouped` under the previous one (same sender, moments later) shows no header of its own;
 * its sender's name is still there for screen readers.
 */
export const MessageRow = memo(function MessageRow({
  line,
  rights,
  onModerate,
  grouped = false,
  day,
}: {
  line: ChatLine
  rights: ModerationRights
  onModerate: (request: ModerationRequest) => void
  grouped?: boolean
  day?: DayDivider | undefined
}) {
  const row = useRef<HTMLDivElement>(null)
  const divider = day && (
    <p className="day-divider">
      <span>{day.label}</span>
    </p>
  )
  if (line.notice) {
    return (
      <>
        {divider}
        <NoticeRow notice={line.notice} time={line.sendTime} />
      </>
    )
  }
  const look = senderLook(line.sender.userId, line.sender.attributes)
  const mine = line.sender.userId === rights.myUserId
  const style = look.color ? ({ '--sender-light': look.color.light, '--sender-dark': look.color.dark } as CSSProperties) : undefined
  if (line.deleted) {
    return (
      <>
        {divider}
        <div className="message message-deleted">
          <p>
            Your message was deleted by a moderator{line.deleted.reason ? `: “${cleanReason(line.deleted.reason)}”` : ''}.
          </p>
        </div>
      </>
    )
  }

  const time = <time dateTime={line.sendTime.toISOString()}>{timeFormat.format(line.sendTime)}</time>
  const moderate = (kind: 'delete' | 'disconnect') => (trigger: HTMLElement) =>
    onModerate({ kind, line, senderName: look.displayName, anchor: row.current ?? trigger, trigger })
  const actions: MenuAction[] = [
    ...(rights.canDelete ? [{ label: `Delete message from ${look.displayName}`, short: 'Delete', run: moderate('delete') }] : []),
    ...(rights.canDisconnect && !mine && !rights.removedUserIds?.has(line.sender.userId) ? [{ label: `Disconnect ${look.displayName}`, short: 'Disconnect', run: moderate('disconnect') }] : []),
  ]

  return (
    <>
      {divider}
      <div ref={row} className={`message${mine ? ' mine' : ''}${grouped ? ' grouped' : ''}`} style={style}>
        {grouped ? <span className="gutter-time">{time}</span> : <Avatar url={look.avatar} name={look.displayName} />}
        <div className="message-body">
          {grouped ? (
            <span className="visually-hidden">{look.displayName}: </span>
          ) : (
            <div className="message-meta">
              {/* Display names are chosen by whoever mints the token and may look alike: the user id tells senders apart. */}
              <span className={`sender-name${look.color ? ' colored' : ''}`} dir="auto" title={`User ID: ${visibleUserId(line.sender.userId)}`}>
                {look.displayName}
              </span>
              {look.badges.map((badge) => (
                <span key={badge} className="badge" dir="auto">
                  {badge}
                </span>
              ))}
              {time}
            </div>
          )}
          <MessageContent content={line.content} />
        </div>
        {actions.length > 0 &&
          (rights.touch ? (
            <div className="message-more">
              <MoreMenu actions={actions} />
            </div>
          ) : (
            <div className="message-actions">
              {actions.map((action) => (
                <button key={action.label} type="button" className="ghost" aria-label={action.label} onClick={(event) => action.run(event.currentTarget)}>
                  {action.short}
                </button>
              ))}
            </div>
          ))}
      </div>
    </>
  )
})
