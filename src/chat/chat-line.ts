import type { ChatMessage } from 'amazon-ivs-chat-messaging'

/** A message as the app shows it: what the server sent, plus what happened to it since. */
export interface ChatLine {
  id: string
  content: string
  sendTime: Date
  sender: { userId: string; attributes: Record<string, string> }
  attributes: Record<string, string>
  requestId?: string
  /** Set when a moderator deleted it; the author still sees a placeholder. */
  deleted?: { reason?: string }
  /** Not a message: a quiet note in the timeline about what happened to the session or the room. */
  notice?: TimelineNotice
}

/**
 * What the timeline notes besides messages: a renewal, a reconnect, a moderator's action (yours
 * confirmed as `byMe`). Names are as the server sent them; the view cleans them for display.
 */
export type TimelineNotice =
  | { kind: 'renewed' }
  | { kind: 'reconnected'; failedTries: number; lastFailure?: string }
  | { kind: 'message-deleted'; senderName: string; reason?: string; byMe: boolean }
  | { kind: 'user-removed'; userName: string; reason?: string; byMe: boolean }

/** A notice as a timeline line: `id` unique within the client, at the service's time `at`. */
export function noticeLine(id: string, at: Date, notice: TimelineNotice): ChatLine {
  return { id, content: '', sendTime: at, sender: { userId: '', attributes: {} }, attributes: {}, notice }
}

export function toChatLine(message: ChatMessage): ChatLine {
  return {
    id: message.id,
    content: message.content,
    sendTime: message.sendTime,
    sender: { userId: message.sender.userId, attributes: { ...message.sender.attributes } },
    attributes: { ...message.attributes },
    ...(message.requestId ? { requestId: message.requestId } : {}),
  }
}

/**
 * Merges `incoming` into `lines` (sorted by send time): a line whose id is already there is
 * dropped, an out-of-order one is inserted in its place, and the oldest fall off past `limit`.
 */
export function mergeLines(lines: readonly ChatLine[], known: ReadonlySet<string>, incoming: readonly ChatLine[], limit: number): { lines: ChatLine[]; known: Set<string> } {
  const next = [...lines]
  const ids = new Set(known)
  for (const line of incoming) {
    if (ids.has(line.id)) continue
    ids.add(line.id)
    let at = next.length
    while (at > 0 && next[at - 1]!.sendTime.getTime() > line.sendTime.getTime()) at--
    next.splice(at, 0, line)
  }
  if (next.length > limit) {
    for (const dropped of next.splice(0, next.length - limit)) ids.delete(dropped.id)
  }
  return { lines: next, known: ids }
}
