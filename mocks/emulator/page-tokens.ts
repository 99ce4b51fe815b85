import { validationError } from './errors.ts'

/** How many issued tokens are remembered; older ones are refused as expired. */
export const PAGE_TOKENS_KEPT = 1_000
/** 24 random bytes: 192 bits a caller would have to guess. */
const TOKEN_BYTES = 24

/**
 * `nextToken`s that cannot be forged: each is 24 random bytes naming a position this
 * registry handed out, and a token it did not issue (or has forgotten) is a
 * `ValidationException` on `nextToken`, as AWS answers a bad one. The position stays here, so
 * a caller can neither read nor edit it; one registry per listing (ListRooms,
 * ListLoggingConfigurations...), so a token of one is refused by another. Synchronous (a MAC
 * would need WebCrypto, which is asynchronous), and bounded: the newest `PAGE_TOKENS_KEPT` tokens are remembered
 * (using one keeps it), so a caller paging in a loop cannot grow it.
 */
export class PageTokens<Position> {
  readonly #issued = new Map<string, Position>()

  /** A new token for `position`. */
  issue(position: Position): string {
    const token = randomToken()
    this.#issued.set(token, position)
    if (this.#issued.size > PAGE_TOKENS_KEPT) this.#issued.delete(this.#issued.keys().next().value!)
    return token
  }

  /**
   * The position `token` was issued for, or `undefined` for no token (absent or empty: the
   * first page). Anything else throws the ValidationException.
   */
  read(token: string | undefined): Position | undefined {
    if (token === undefined || token === '') return undefined
    if (!this.#issued.has(token)) throw invalidToken()
    const position = this.#issued.get(token)!
    // Recently used tokens are kept longest: a caller paging slowly keeps its place.
    this.#issued.delete(token)
    this.#issued.set(token, position)
    return position
  }

  /** Forgets every token (the emulator was reset). */
  clear(): void {
    this.#issued.clear()
  }
}

function invalidToken() {
  return validationError('The nextToken is not valid', 'FIELD_VALIDATION_FAILED', [
    { name: 'nextToken', message: 'Pagination token is invalid or expired' },
  ])
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(TOKEN_BYTES))
  let text = ''
  for (const byte of bytes) text += String.fromCharCode(byte)
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_')
}
