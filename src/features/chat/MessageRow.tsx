import { memo, type CSSProperties } from 'react'
import type { ChatLine } from '../../chat/chat-line'
import { cleanContent, cleanReason, senderLook, visibleUserId } from '../../lib/sender-attributes'
import { linkify } from '../../lib/linkify'
import { NoticeRow } from './NoticeRow'

export interface ModerationRights {
  canDelete: boolean
  canDisconnect: boolean
  myUserId: string | undefined
  /** Users a moderator already removed: no Disconnect on their lines (until they write again). */
  removedUserIds?: ReadonlySet<string>
}

export type ModerationRequest = { kind: 'delete'; line: ChatLine; senderName: string } | { kind: 'disconnect'; line: ChatLine; senderName: string }

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

/**
 * One message with its sender's attributes as the server sent them (checked first: a color
 * that is not a plain color never reaches `style`, a non-https avatar is never loaded).
 */
export const MessageRow = memo(function MessageRow({
  line,
  rights,
  onModerate,
}: {
  line: ChatLine
  rights: ModerationRights
  onModerate: (request: ModerationRequest) => void
}) {
  if (line.notice) return <NoticeRow notice={line.notice} time={line.sendTime} />
  const look = senderLook(line.sender.userId, line.sender.attributes)
  const mine = line.sender.userId === rights.myUserId
  const canDisconnect = rights.canDisconnect && !mine && !rights.removedUserIds?.has(line.sender.userId)
  const style = look.color ? ({ '--sender-light': look.color.light, '--sender-dark': look.color.dark } as CSSProperties) : undefined
  if (line.deleted) {
    return (
      <div className="message message-deleted">
        <p>
          Your message was deleted by a moderator{line.deleted.reason ? `: “${cleanReason(line.deleted.reason)}”` : ''}.
        </p>
      </div>
    )
  }
  return (
    <div className={`message${mine ? ' mine' : ''}`} style={style}>
      {look.avatar ? (
        <img className="avatar" src={look.avatar} alt="" width={32} height={32} loading="lazy" referrerPolicy="no-referrer" />
      ) : (
        <span className="avatar avatar-initial" aria-hidden="true">
          {initialOf(look.displayName)}
        </span>
      )}
      <div className="message-body">
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
          <time dateTime={line.sendTime.toISOString()}>{timeFormat.format(line.sendTime)}</time>
        </div>
        <p className="message-content" dir="auto">
          {linkify(cleanContent(line.content))}
        </p>
      </div>
      {(rights.canDelete || canDisconnect) && (
        <div className="message-actions">
          {rights.canDelete && (
            <button type="button" className="ghost" aria-label={`Delete message from ${look.displayName}`} onClick={() => onModerate({ kind: 'delete', line, senderName: look.displayName })}>
              Delete
            </button>
          )}
          {canDisconnect && (
            <button type="button" className="ghost" aria-label={`Disconnect ${look.displayName}`} onClick={() => onModerate({ kind: 'disconnect', line, senderName: look.displayName })}>
              Disconnect
            </button>
          )}
        </div>
      )}
    </div>
  )
})

/** The first letter or digit of a name for its avatar placeholder (never a lone combining mark). */
function initialOf(name: string): string {
  return /[\p{L}\p{N}]/u.exec(name)?.[0].toUpperCase() ?? '?'
}
