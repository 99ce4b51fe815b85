import type { ChatErrorCode } from '../contract/frames.ts'
import { accessDenied, pendingVerification } from './errors.ts'

export type TokenFault = 'AccessDeniedException' | 'PendingVerification'

export interface SendFault {
  errorCode: ChatErrorCode
  errorMessage: string
}

const DEFAULT_SEND_FAULT_MESSAGES: Record<number, string> = {
  400: 'Bad request (injected by the emulator)',
  401: 'Unauthorized (injected by the emulator)',
  403: 'Forbidden (injected by the emulator)',
  404: 'Room not found (injected by the emulator)',
  406: 'Message rejected by review handler (injected by the emulator)',
  413: 'Fields too large (injected by the emulator)',
  429: 'Rate limit exceeded (injected by the emulator)',
  500: 'Internal server error (injected by the emulator)',
}

/**
 * Failures a local emulator would otherwise never produce, queued from tests or the panel:
 * the account-level errors of CreateChatToken and error codes on the next sends.
 * Connection faults (end a session, drop a socket) act at once and live on the emulator.
 */
export class Faults {
  #tokenFaults: TokenFault[] = []
  #sendFaults: SendFault[] = []
  #duplicateFrames = 0
  #reorderFrames = 0
  readonly #changed: () => void

  /** `changed` is told of every fault queued, used up or cleared, so a panel shows what is pending. */
  constructor(changed: () => void = () => {}) {
    this.#changed = changed
  }

  /**
   * The next `count` CreateChatToken calls fail with `type`: `AccessDeniedException` (403) or
   * `PendingVerification` (403, an account not yet verified).
   * @example
   * ```ts
   * emulator.faults.failNextTokenRequests(1, 'PendingVerification')
   * ```
   */
  failNextTokenRequests(count: number, type: TokenFault): void {
    this.#tokenFaults.push(...Array.from({ length: count }, () => type))
    this.#changed()
  }

  /**
   * The next `count` SEND_MESSAGE actions (of people, not simulated chatters) are answered with
   * ERROR `errorCode` (400, 401, 403, 404, 406, 413, 429 or 500) and `errorMessage`.
   * @example
   * ```ts
   * emulator.faults.failNextSends(1, 406, 'Message rejected by the test')
   * ```
   */
  failNextSends(count: number, errorCode: ChatErrorCode, errorMessage = DEFAULT_SEND_FAULT_MESSAGES[errorCode] ?? 'Injected error'): void {
    this.#sendFaults.push(...Array.from({ length: count }, () => ({ errorCode, errorMessage })))
    this.#changed()
  }

  /**
   * The next `count` frames broadcast are delivered twice (the client must show them once).
   * @example
   * ```ts
   * emulator.faults.duplicateNextFrames(1)
   * ```
   */
  duplicateNextFrames(count: number): void {
    this.#duplicateFrames += count
    this.#changed()
  }

  /**
   * The next `count` pairs of broadcast frames are delivered in swapped order.
   * @example
   * ```ts
   * emulator.faults.reorderNextFrames(1)
   * ```
   */
  reorderNextFrames(count: number): void {
    this.#reorderFrames += count
    this.#changed()
  }

  /**
   * Throws the queued CreateChatToken fault, if any (the CreateChatToken operation calls it).
   * @internal
   */
  takeTokenFault(): void {
    const fault = this.#tokenFaults.shift()
    if (fault) this.#changed()
    if (fault === 'AccessDeniedException') throw accessDenied()
    if (fault === 'PendingVerification') throw pendingVerification()
  }

  /**
   * The queued send fault, if any (the chat service calls it).
   * @internal
   */
  takeSendFault(): SendFault | undefined {
    const fault = this.#sendFaults.shift()
    if (fault) this.#changed()
    return fault
  }

  /**
   * Whether the next frame goes out twice (the broadcast calls it).
   * @internal
   */
  takeDuplicate(): boolean {
    if (this.#duplicateFrames === 0) return false
    this.#duplicateFrames--
    return true
  }

  /**
   * Whether the next frame waits to swap places with the one after it (the broadcast calls it).
   * @internal
   */
  takeReorder(): boolean {
    if (this.#reorderFrames === 0) return false
    this.#reorderFrames--
    return true
  }

  /**
   * What is queued and not yet used.
   * @example
   * ```ts
   * expect(emulator.faults.pending().sendFaults).toHaveLength(0)
   * ```
   */
  pending(): { tokenFaults: TokenFault[]; sendFaults: SendFault[]; duplicateFrames: number; reorderFrames: number } {
    return {
      tokenFaults: [...this.#tokenFaults],
      sendFaults: [...this.#sendFaults],
      duplicateFrames: this.#duplicateFrames,
      reorderFrames: this.#reorderFrames,
    }
  }

  /**
   * Forgets every queued fault.
   * @example
   * ```ts
   * emulator.faults.clear()
   * ```
   */
  clear(): void {
    this.#tokenFaults = []
    this.#sendFaults = []
    this.#duplicateFrames = 0
    this.#reorderFrames = 0
    this.#changed()
  }
}
