import type { ChatState, DisconnectCause } from '../../chat/chat-store'
import { useChat, usePageNow } from '../../chat/react'
import type { RestFailure } from '../../ivschat/rest-client'
import { cleanReason } from '../../lib/sender-attributes'

/** Where the connection stands and why, in one line (an `<output>`: role status, announced politely). */
export function ConnectionStatus() {
  const status = useChat((state) => state.status)
  const cause = useChat((state) => state.cause)
  const retry = useChat((state) => state.retry)
  const gaveUpAfter = useChat((state) => state.gaveUpAfter)
  const now = usePageNow()
  return (
    <output className={`connection-status status-${status}`}>
      <span className="dot" aria-hidden="true" />
      {describeStatus(status, cause, retry, now, gaveUpAfter)}
    </output>
  )
}

export function describeStatus(status: ChatState['status'], cause: DisconnectCause | undefined, retry: ChatState['retry'], now: number, gaveUpAfter?: number): string {
  switch (status) {
    case 'idle':
      return 'Not connected'
    case 'connecting':
      return 'Connecting…'
    case 'connected':
      return 'Connected'
    case 'reconnecting': {
      // The cause reads as the start of a sentence here, after "Disconnected: " elsewhere.
      const why = cause ? `${capitalize(describeCause(cause))} ` : ''
      if (!retry) return `${why}Reconnecting…`
      if (retry.offline) return `${why}You are offline; reconnecting when the network is back.`
      // Rounded down, as the countdowns: `now` is already rounded down to the second.
      const seconds = Math.max(0, Math.floor((retry.at - now) / 1_000))
      return `${why}Reconnecting (attempt ${retry.attempt}) ${seconds > 0 ? `in ${seconds} s` : 'now'}…`
    }
    case 'disconnected': {
      const gaveUp = gaveUpAfter !== undefined ? ` Gave up after ${gaveUpAfter} ${gaveUpAfter === 1 ? 'try' : 'tries'}; use Join again.` : ''
      return `Disconnected: ${cause ? describeCause(cause) : 'the connection closed.'}${gaveUp}`
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Why, as a clause ending in a period. Names what refused a token (the exception), never nests parentheses. */
function describeCause(cause: DisconnectCause): string {
  switch (cause.kind) {
    case 'left':
      return 'you left the room.'
    case 'kicked':
      return `you were removed from the room by a moderator${cause.reason ? ` (“${cleanReason(cause.reason)}”)` : ''}.`
    case 'session-ended':
      return 'the session ended.'
    case 'token-failed':
      return `the token request failed (${tokenFailureName(cause.failure)}).`
    case 'network':
      return `the network connection was lost (${cause.message}).`
    case 'socket-refused':
      return 'the chat server refused the connection.'
    case 'server-closed':
      return 'the chat server closed the connection.'
  }
}

/** The exception's name where the service refused; what went wrong where it did not answer. */
function tokenFailureName(failure: RestFailure): string {
  switch (failure.kind) {
    case 'ServiceError':
      return failure.type === 'Unknown' ? `HTTP ${failure.status}` : failure.type
    case 'NetworkError':
      return 'the token service could not be reached'
    case 'MalformedResponse':
      return 'the answer was not a chat token'
    case 'Aborted':
      return 'cancelled'
    default:
      return failure.kind
  }
}
