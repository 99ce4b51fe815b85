import type { ChatActionError } from '../../chat/action-errors'

/** The id of the element that says why an unconfirmed message failed (the message box points at it). */
export function pendingErrorId(requestId: string): string {
  return `pending-error-${requestId}`
}

/** The server's own words as a sentence: no trailing period doubled by ours. */
function said(message: string): string {
  return message.trim().replace(/[.\s]+$/, '')
}

/**
 * What a failed chat action means for the user, and what they can do about it: our sentence,
 * then the server's words where they add something, never one parenthesis inside another.
 */
export function describeActionError(error: ChatActionError): string {
  switch (error.code) {
    case 400:
      return `The server refused the message as invalid: ${said(error.message)}.`
    case 401:
      return 'Your session has expired; the client is renewing it. Try again in a moment.'
    case 403:
      return `Not allowed: ${said(error.message)}. Join again with the capability.`
    case 404:
      return 'The room no longer exists.'
    case 406:
      return `Rejected by the room's message review: ${said(error.message)}`
    case 413:
      return `Too large: ${said(error.message)}. Send fewer or shorter attributes.`
    case 429:
      return `Too fast for this room. ${said(error.message)}. Wait a second, then retry.`
    case 500:
      return `The chat server failed: ${said(error.message)}. Try again.`
    case 'timeout':
      return `${said(error.message)}.`
    case 'not-connected':
      return `${said(error.message)}.`
    default:
      return `Error ${error.code}: ${said(error.message)}.`
  }
}
