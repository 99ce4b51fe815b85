import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose'
import type { ChatTokenCapability } from '../contract/constraints.ts'
import { newId } from './ids.ts'

/** What a chat token carries; only the emulator can read it. */
export interface TokenClaims {
  /** Unique per token: a token opens one connection only. */
  jti: string
  roomArn: string
  userId: string
  capabilities: ChatTokenCapability[]
  attributes: Record<string, string>
  issuedAt: number
  tokenExpiresAt: number
  sessionExpiresAt: number
}

export type TokenState = 'unused' | 'used' | 'expired'

export interface IssuedToken {
  claims: TokenClaims
  usedAt?: number
}

/** Why a token was refused at connect; recorded by the emulator and shown in its panel. */
export type TokenRejection =
  | 'missing'
  | 'malformed'
  | 'wrong-algorithm'
  | 'unknown-key'
  | 'not-issued'
  | 'already-used'
  | 'expired'
  | 'room-deleted'
  /** A token for a room of another region than the socket's endpoint. */
  | 'other-region'

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: TokenRejection }

const ALGORITHM = 'dir'
const ENCRYPTION = 'A256GCM'
/** Tokens travel as a WebSocket subprotocol: only RFC 7230 token characters may appear. */
const TOKEN_CHARACTERS = /^[A-Za-z0-9._-]+$/
/** Issued tokens kept for the panel after they expired; older ones are forgotten. */
const EXPIRED_TOKENS_KEPT = 200

/**
 * Mints and checks chat tokens: a compact JWE (`dir` + `A256GCM`) under a key that the
 * emulator generates and never hands out. Remembers every token it issued so that each one
 * opens exactly one connection.
 *
 * The connect check is synchronous on purpose: a mocked socket opens on the next microtask,
 * and only a refusal decided before that reaches the SDK as a failed handshake. Since this
 * authority is the only issuer, an exact match against what it minted is as strong as
 * decrypting: one flipped byte, a forged header or another instance's token matches nothing.
 * `open()` decrypts for the times the claims themselves are wanted.
 */
export class TokenAuthority {
  readonly #key = crypto.getRandomValues(new Uint8Array(32))
  readonly #kid = `ivschat-emulator-${newId()}`
  readonly #issued = new Map<string, IssuedToken>()
  readonly #now: () => number
  readonly #onChange: () => void

  /** `onChange` is told of every token issued or used, so a panel lists them as they are. */
  constructor(now: () => number, onChange: () => void = () => {}) {
    this.#now = now
    this.#onChange = onChange
  }

  async mint(claims: Omit<TokenClaims, 'jti'>): Promise<string> {
    const full: TokenClaims = { jti: newId(), ...claims }
    const token = await new CompactEncrypt(utf8(JSON.stringify(full)))
      .setProtectedHeader({ alg: ALGORITHM, enc: ENCRYPTION, kid: this.#kid })
      .encrypt(this.#key)
    this.#issued.set(token, { claims: full })
    this.#prune()
    this.#onChange()
    return token
  }

  /** Checks a token without using it up. */
  check(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'missing' }
    if (!TOKEN_CHARACTERS.test(token) || token.split('.').length !== 5) return { ok: false, reason: 'malformed' }
    let header: ReturnType<typeof decodeProtectedHeader>
    try {
      header = decodeProtectedHeader(token)
    } catch {
      return { ok: false, reason: 'malformed' }
    }
    if (header.alg !== ALGORITHM || header.enc !== ENCRYPTION) return { ok: false, reason: 'wrong-algorithm' }
    if (header.kid !== this.#kid) return { ok: false, reason: 'unknown-key' }
    const issued = this.#issued.get(token)
    if (!issued) return { ok: false, reason: 'not-issued' }
    if (this.#now() >= issued.claims.tokenExpiresAt) return { ok: false, reason: 'expired' }
    if (issued.usedAt !== undefined) return { ok: false, reason: 'already-used' }
    return { ok: true, claims: issued.claims }
  }

  /** Checks a token and, if it is good, marks it used: the connect path. */
  redeem(token: string | undefined): TokenCheck {
    const result = this.check(token)
    if (!result.ok) return result
    this.#issued.get(token!)!.usedAt = this.#now()
    this.#onChange()
    return result
  }

  /**
   * Decrypts a token minted by this authority and returns its claims, accepting exactly
   * `dir` + `A256GCM` under this key; anything else throws. Says nothing about use or expiry.
   */
  async open(token: string): Promise<TokenClaims> {
    const { plaintext, protectedHeader } = await compactDecrypt(token, this.#key, {
      keyManagementAlgorithms: [ALGORITHM],
      contentEncryptionAlgorithms: [ENCRYPTION],
    })
    if (protectedHeader.kid !== this.#kid) throw new Error('The token was not issued under this emulator\'s key')
    return JSON.parse(new TextDecoder().decode(plaintext)) as TokenClaims
  }

  stateOf(token: IssuedToken): TokenState {
    if (token.usedAt !== undefined) return 'used'
    return this.#now() >= token.claims.tokenExpiresAt ? 'expired' : 'unused'
  }

  /** Every token issued and still remembered, newest first. */
  issued(): IssuedToken[] {
    return [...this.#issued.values()].reverse()
  }

  clear(): void {
    this.#issued.clear()
  }

  /** Forgets expired tokens beyond the newest few, so a long-running demo stays bounded. */
  #prune(): void {
    const now = this.#now()
    let expiredKept = 0
    for (const [token, issued] of [...this.#issued].reverse()) {
      if (now < issued.claims.tokenExpiresAt) continue
      if (++expiredKept > EXPIRED_TOKENS_KEPT) this.#issued.delete(token)
    }
  }
}

/**
 * UTF-8 bytes built in this module's realm. Under jsdom, `TextEncoder` hands back a
 * Uint8Array of another realm and jose's `instanceof` check refuses it.
 */
function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new TextEncoder().encode(text))
}
