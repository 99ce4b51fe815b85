import type { TimelineNotice } from '../../chat/chat-line'
import { cleanReason, cleanText } from '../../lib/sender-attributes'

/** A quiet line in the timeline: what happened to the session, or a moderator's action. */
export function NoticeRow({ notice, time }: { notice: TimelineNotice; time: Date }) {
  return (
    <p className="notice" dir="auto">
      {describeNotice(notice)} <time dateTime={time.toISOString()}>{time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</time>
    </p>
  )
}

const because = (reason: string | undefined) => (reason ? `: “${cleanReason(reason)}”` : '')

export function describeNotice(notice: TimelineNotice): string {
  switch (notice.kind) {
    case 'renewed':
      return 'Session renewed with a new token.'
    case 'reconnected':
      return notice.failedTries > 0
        ? `Reconnected after ${notice.failedTries} failed ${notice.failedTries === 1 ? 'try' : 'tries'}${notice.lastFailure ? `, the last: ${notice.lastFailure}` : ''}.`
        : 'Reconnected with a new token.'
    case 'message-deleted':
      return notice.byMe
        ? `You deleted a message from ${cleanText(notice.senderName, 60)}${because(notice.reason)}.`
        : `A moderator deleted a message from ${cleanText(notice.senderName, 60)}${because(notice.reason)}.`
    case 'user-removed':
      return notice.byMe
        ? `You disconnected ${cleanText(notice.userName, 60)}${because(notice.reason)}.`
        : `A moderator removed ${cleanText(notice.userName, 60)} from the room${because(notice.reason)}.`
  }
}
