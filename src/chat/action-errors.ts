import type { ChatError } from 'amazon-ivs-chat-messaging'

/**
 * Why a chat action (send, delete, disconnect) failed: an `ErrorCode` from the server's ERROR
 * frame, or what the SDK does not report itself (no answer in time, not connected).
 */
export interface ChatActionError {
  code: number | 'timeout' | 'not-connected'
  message: string
}

/** How long an action may wait for its answer: the SDK never rejects a pending request on its own. */
export const ACTION_TIMEOUT_MS = 10_000

export function isChatError(value: unknown): value is ChatError {
  return typeof value === 'object' && value !== null && 'errorCode' in value && typeof value.errorCode === 'number'
}

export function toActionError(error: unknown): ChatActionError {
  if (error instanceof ChatActionFailed) return error.detail
  if (isChatError(error)) return { code: error.errorCode, message: error.errorMessage }
  if (error instanceof ActionTimeoutError) return { code: 'timeout', message: error.message }
  if (error instanceof NotConnectedError) return { code: 'not-connected', message: error.message }
  return { code: 500, message: error instanceof Error ? error.message : String(error) }
}

/** What `runAction` rejects with. */
export class ChatActionFailed extends Error {
  readonly detail: ChatActionError

  constructor(detail: ChatActionError) {
    super(detail.message)
    this.name = 'ChatActionFailed'
    this.detail = detail
  }
}

/**
 * An action asked of a room that is not connected. The SDK throws a bare
 * `Error('Room is not connected')` synchronously then; the client checks the room's state
 * before it asks, so this type is the one way the app learns of it.
 */
export class NotConnectedError extends Error {
  constructor() {
    super('Not connected to the room')
    this.name = 'NotConnectedError'
  }
}

export class ActionTimeoutError extends Error {
  constructor(ms: number) {
    // Under a second, "0 s" would read as no wait at all.
    super(`No answer from the chat server within ${ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1_000)} s`}`)
    this.name = 'ActionTimeoutError'
  }
}

/**
 * Runs a chat action and rejects with a `ChatActionError` on any failure: the SDK throws
 * synchronously when not connected, rejects with a plain `ChatError` object, or never settles
 * when the socket drops; the timeout covers the last case.
 */
export async function runAction<T>(action: () => Promise<T>, timeoutMs = ACTION_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      Promise.resolve().then(action),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ActionTimeoutError(timeoutMs)), timeoutMs)
      }),
    ])
  } catch (error) {
    throw new ChatActionFailed(toActionError(error))
  } finally {
    clearTimeout(timer)
  }
}
