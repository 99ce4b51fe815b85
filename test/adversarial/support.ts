import { expect } from 'vitest'
import { createChatToken } from '../../mocks/emulator/control-plane'
import { DEMO_ROOM_ARN, type Emulator } from '../../mocks/emulator/emulator'
import { answerRestCall, type RestAnswer } from '../../mocks/emulator/rest-protocol'
import type { SocketTransport } from '../../mocks/emulator/transport'
import type { ChatTokenCapability } from '../../mocks/contract/constraints'
import { ERROR_STATUS, ErrorBody, type ErrorType } from '../../mocks/contract/errors'
import { ErrorFrame, ServerFrame } from '../../mocks/contract/frames'

/**
 * What the adversarial tests share: one fixed seed (a failure replays exactly, and the counts
 * in SECURITY.md are the counts of these runs), recording transports, and the checks every
 * answer of the emulator must pass whatever it was sent.
 */

/** Every property in test/adversarial runs from this seed. */
export const SEED = 20_261_128

export const REGION = 'us-west-2'

/** A socket as the emulator sees it, recording everything the emulator does to it. */
export class RecordingTransport implements SocketTransport {
  readonly sent: string[] = []
  readonly closes: { code: number; reason: string }[] = []
  failures = 0

  send(text: string): void {
    this.sent.push(text)
  }

  close(code: number, reason: string): void {
    this.closes.push({ code, reason })
  }

  fail(): void {
    this.failures++
  }

  /** Every frame sent, parsed as the SDK's contract says a server frame must be. */
  frames(): ServerFrame[] {
    return this.sent.map((text) => ServerFrame.parse(JSON.parse(text)))
  }

  /** Every frame sent, each of which must be a valid ERROR frame. */
  errors(): ErrorFrame[] {
    return this.sent.map((text) => ErrorFrame.parse(JSON.parse(text)))
  }

  clear(): void {
    this.sent.length = 0
    this.closes.length = 0
    this.failures = 0
  }
}

export interface TokenOptions {
  roomArn?: string
  userId?: string
  capabilities?: ChatTokenCapability[]
  attributes?: Record<string, string>
  sessionDurationInMinutes?: number
}

/** A token minted the way CreateChatToken mints it. */
export async function mintToken(emulator: Emulator, options: TokenOptions = {}): Promise<string> {
  const answer = await createChatToken(emulator, {
    roomIdentifier: options.roomArn ?? DEMO_ROOM_ARN,
    userId: options.userId ?? 'user',
    capabilities: options.capabilities ?? [],
    ...(options.attributes ? { attributes: options.attributes } : {}),
    ...(options.sessionDurationInMinutes ? { sessionDurationInMinutes: options.sessionDurationInMinutes } : {}),
  })
  return answer.token
}

/** POSTs `body` (raw text) to `operation` through the protocol every adapter uses. */
export function restCall(emulator: Emulator, operation: string, body: string, method = 'POST'): Promise<RestAnswer> {
  return answerRestCall(emulator, { method, operation, body, region: REGION })
}

/**
 * Checks that `answer` is a well-formed AWS error: a modelled type in `x-amzn-ErrorType` whose
 * status matches, a request id, and a JSON body with a non-empty `message` whose `fieldList`
 * (if any) names only members of the operation's input. Never a 500: that is the emulator
 * failing, not the caller. Returns the parsed body.
 */
export function expectWellFormedError(answer: RestAnswer, members: readonly string[]): { type: ErrorType; body: ErrorBody } {
  const type = answer.headers['x-amzn-ErrorType'] as ErrorType | undefined
  expect(type, `an error answer (${answer.status}) without x-amzn-ErrorType`).toBeDefined()
  expect(Object.hasOwn(ERROR_STATUS, type!)).toBe(true)
  expect(answer.status).toBe(ERROR_STATUS[type!])
  expect(type, `the emulator failed: ${answer.body}`).not.toBe('InternalServerException')
  expect(answer.headers['x-amzn-RequestId']).toMatch(/^[0-9a-f-]{36}$/)
  expect(answer.headers['content-type']).toBe('application/json')
  const body = ErrorBody.parse(JSON.parse(answer.body ?? ''))
  expect(body.message).not.toBe('')
  for (const field of body.fieldList ?? []) {
    expect(members, `fieldList names "${field.name}"`).toContain(field.name.split('.')[0])
    expect(field.message).not.toBe('')
  }
  return { type: type!, body }
}

/** Texts of `byteLength` UTF-8 bytes whose last character is a `width`-byte one (2, 3 or 4). */
export function textOfBytes(byteLength: number, width: 2 | 3 | 4): string {
  const wide = { 2: 'é', 3: '€', 4: '😀' }[width]
  const count = Math.floor(byteLength / width)
  // Pad with ASCII at the front, so the boundary itself falls on a multi-byte character.
  return 'a'.repeat(byteLength - count * width) + wide.repeat(count)
}

/** UTF-8 bytes, counted with Node's own encoder (independent of the emulator's TextEncoder). */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}
