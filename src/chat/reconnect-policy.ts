/**
 * When to try again after the SDK gave up: full-jitter exponential backoff
 * (a random delay in [0, min(cap, base·2^attempt)]), so a room full of clients that lost the
 * same server does not come back in one wave.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export interface BackoffOptions {
  baseMs: number
  capMs: number
  /** After this many attempts in a row the client stops and asks the user. */
  maxAttempts: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000, maxAttempts: 8 }

export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** attempt)
  return Math.floor(random() * ceiling)
}
