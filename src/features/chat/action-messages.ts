import type { ChatActionError } from '../../chat/action-errors'

/** What a failed chat action means for the user, and what they can do about it. */
export function describeActionError(error: ChatActionError, maximumMessageLength?: number): string {
  switch (error.code) {
    case 400:
      return `The server refused the message as invalid: ${error.message}${maximumMessageLength ? ` (at most ${maximumMessageLength} characters)` : ''}.`
    case 401:
      return 'Your session has expired; the client is renewing it. Try again in a moment.'
    case 403:
      return `Not allowed: your token does not grant this action (${error.message}). Join again with the capability.`
    case 404:
      return 'The room no longer exists.'
    case 406:
      return `Rejected by the room's message review: ${error.message}`
    case 413:
      return `Too large: ${error.message}. Send fewer or shorter attributes.`
    case 429:
      return `Slow down: the room's message rate limit was reached (${error.message}). Wait a second and try again.`
    case 500:
      return `The chat server failed (${error.message}). Try again.`
    case 'timeout':
      return `${error.message}; it may not have been delivered. Retry when the connection is back.`
    case 'not-connected':
      return 'Not connected to the room: wait for the connection to come back, then retry.'
    default:
      return `Error ${error.code}: ${error.message}`
  }
}
