import { IvschatClient } from '@aws-sdk/client-ivschat'

/**
 * AWS's own REST client, as a user of the emulator would build it. `maxAttempts: 1` because
 * the SDK retries 5xx and 429 answers, which would hide what the emulator said the first time.
 * The credentials are never checked (SigV4 is not emulated, see FIDELITY.md).
 */
export function ivschatClient(region = 'us-west-2', endpoint?: string): IvschatClient {
  return new IvschatClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 1,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
}

/** The error `promise` rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('Expected the call to fail, but it succeeded')
}

/**
 * A value the SDK's TypeScript types forbid, sent anyway: a user's JavaScript (or a bug) can,
 * and the emulator must answer it as AWS would.
 */
export function untyped<T>(value: unknown): T {
  return value as T
}

/** `count` bytes of UTF-8 made of 4-byte emoji (and ASCII for the remainder), so `.length` undercounts. */
export function utf8Text(count: number): string {
  return '😀'.repeat(Math.floor(count / 4)) + 'a'.repeat(count % 4)
}

/** A room ARN that is well-formed but names no room (its id is `resourceId` in the 404). */
export const MISSING_ROOM_ID = 'NoSuchRoom12'
export const MISSING_ROOM_ARN = `arn:aws:ivschat:us-west-2:123456789012:room/${MISSING_ROOM_ID}`
