import { useState } from 'react'
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
          <p>
            {cause.kind === 'kicked'
              ? `A moderator removed you from this room${cause.reason ? `: “${cleanReason(cause.reason)}”` : ''}. You will not be reconnected automatically.`
              : 'You are disconnected from the room.'}
          </p>
          <button type="button" className="primary" onClick={() => client.reconnectNow()}>
            Join again
          </button>
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
