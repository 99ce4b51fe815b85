import { useState } from 'react'
import { rejoinWouldFail, type DisconnectCause } from '../../chat/chat-store'
import { useChat, useChatClient } from '../../chat/react'
import { cleanReason } from '../../lib/sender-attributes'
import { visibleUserId } from '../../lib/sender-attributes'
import { Composer } from './Composer'
import { Countdowns } from './Countdowns'
import { LatestEvent } from './LatestEvent'
import { MessageList } from './MessageList'
import { ModerationForm } from './ModerationForm'
import type { ModerationRequest } from './MessageRow'
import { PendingSends } from './PendingSends'
import { useMaximumMessageLength } from './use-room-limits'

/** The joined room: countdowns, messages, moderation and the composer. */
export function ChatView() {
  const client = useChatClient()
  const me = useChat((state) => state.me)
  const status = useChat((state) => state.status)
  const cause = useChat((state) => state.cause)
  const [moderating, setModerating] = useState<ModerationRequest>()
  const { maximumMessageLength, refresh: refreshLimit } = useMaximumMessageLength(me?.roomArn)
  const roomId = me?.roomArn.split('/').at(-1)

  return (
    <section className="chat-view card" aria-label="Chat">
      <div className="chat-header">
        <div>
          <h2>Room {roomId}</h2>
          <p className="hint">
            You are <strong dir="auto">{me ? visibleUserId(me.userId) : ''}</strong>
            {me && me.capabilities.length > 0 ? ` · ${me.capabilities.map((c) => c.toLowerCase().replace('_', ' ')).join(', ')}` : ' · read only'}
          </p>
        </div>
        <Countdowns />
        <button type="button" onClick={() => client.reset()}>
          Leave
        </button>
      </div>
      {status === 'disconnected' && cause && cause.kind !== 'left' && (
        <div className={`banner banner-${cause.kind}`}>
          <p>{disconnectedBanner(cause)}</p>
          {/* Offered only where it can work: joining a deleted room again fails the same way. */}
          {!rejoinWouldFail(cause) && (
            <button type="button" className="primary" onClick={() => client.reconnectNow()}>
              Join again
            </button>
          )}
        </div>
      )}
      <LatestEvent />
      <MessageList onModerate={setModerating} />
      {/* Keyed: another message's button starts a fresh form, not one with the last reason typed. */}
      {moderating && <ModerationForm key={`${moderating.kind}:${moderating.line.id}`} request={moderating} onDone={() => setModerating(undefined)} />}
      <PendingSends />
      <Composer maximumMessageLength={maximumMessageLength} onRefusedAsInvalid={refreshLimit} />
    </section>
  )
}

/** What happened, and what to do about it, once the client stopped for good. */
function disconnectedBanner(cause: DisconnectCause): string {
  if (cause.kind === 'kicked') return `A moderator removed you from this room${cause.reason ? `: “${cleanReason(cause.reason)}”` : ''}. You will not be reconnected automatically.`
  if (cause.kind === 'token-failed' && cause.failure.kind === 'ResourceNotFoundException') return 'This room no longer exists. Leave, then choose another room.'
  if (cause.kind === 'token-failed' && cause.failure.kind === 'ValidationException')
    return `The service refused the join request (${cause.failure.message}). Leave, then change it in the join form.`
  return 'You are disconnected from the room.'
}
