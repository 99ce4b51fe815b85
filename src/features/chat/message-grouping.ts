import type { ChatLine } from '../../chat/chat-line'
import type { DayDivider } from './MessageRow'

/** Messages from one sender closer together than this share one header. */
export const GROUP_WINDOW_MS = 5 * 60_000

/**
 * Whether `line` goes under the header of `previous`: same sender, same day, within a few
 * minutes, and neither one a deleted placeholder nor a notice (which have no header to share).
 */
export function groupsWithPrevious(previous: ChatLine | undefined, line: ChatLine): boolean {
  if (!previous || previous.deleted || line.deleted || previous.notice || line.notice) return false
  if (previous.sender.userId !== line.sender.userId) return false
  const gap = line.sendTime.getTime() - previous.sendTime.getTime()
  return gap >= 0 && gap < GROUP_WINDOW_MS && localDay(previous.sendTime) === localDay(line.sendTime)
}

const dateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })

/** The divider above `line` when it is the first of its (local) day in the log, else undefined. */
export function dayDivider(previous: ChatLine | undefined, line: ChatLine, today: Date): DayDivider | undefined {
  const day = localDay(line.sendTime)
  if (previous && localDay(previous.sendTime) === day) return undefined
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1)
  const label = day === localDay(today) ? 'Today' : day === localDay(yesterday) ? 'Yesterday' : dateFormat.format(line.sendTime)
  return { date: day, label }
}

/** `2026-12-06`, in the reader's time zone. */
export function localDay(time: Date): string {
  return `${time.getFullYear()}-${String(time.getMonth() + 1).padStart(2, '0')}-${String(time.getDate()).padStart(2, '0')}`
}
