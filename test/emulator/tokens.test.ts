import { base64url, CompactEncrypt, decodeProtectedHeader } from 'jose'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChatToken } from '../../mocks/emulator/control-plane'
import { DEMO_ROOM_ARN, Emulator } from '../../mocks/emulator/emulator'
import { TokenAuthority, type TokenClaims } from '../../mocks/emulator/tokens'

/**
 * The token authority: a compact JWE (`dir` + `A256GCM`) per connection, refused when reused,
 * tampered, foreign, of another algorithm, or expired.
 */

const ISSUED_AT = Date.UTC(2026, 10, 28, 12, 0, 0)
const CLAIMS: Omit<TokenClaims, 'jti'> = {
  roomArn: DEMO_ROOM_ARN,
  userId: 'alice',
  capabilities: ['SEND_MESSAGE'],
  attributes: { displayName: 'Alice 😀' },
  issuedAt: ISSUED_AT,
  tokenExpiresAt: ISSUED_AT + 60 * 60_000,
  sessionExpiresAt: ISSUED_AT + 60 * 60_000,
}

function authority(now = () => ISSUED_AT): TokenAuthority {
  return new TokenAuthority(now)
}

/** `token` with one character of segment `index` changed (or, for an empty segment, added). */
function tamper(token: string, index: number): string {
  const segments = token.split('.')
  const segment = segments[index]!
  if (segment === '') {
    segments[index] = 'A'
  } else {
    // The middle character carries six whole bits; the last one may carry padding bits only.
    const at = Math.floor(segment.length / 2)
    const replacement = segment[at] === 'A' ? 'B' : 'A'
    segments[index] = segment.slice(0, at) + replacement + segment.slice(at + 1)
  }
  return segments.join('.')
}

/** `token` with its protected header replaced by `header` (the rest untouched). */
function withHeader(token: string, header: Record<string, string>): string {
  const [, ...rest] = token.split('.')
  return [base64url.encode(JSON.stringify(header)), ...rest].join('.')
}

afterEach(() => {
  vi.useRealTimers()
})

describe('minting', () => {
  it('mints a five-segment compact JWE of subprotocol-safe characters, dir + A256GCM with a kid', async () => {
    const token = await authority().mint(CLAIMS)

    expect(token).toMatch(/^[A-Za-z0-9._-]+$/)
    expect(token.split('.')).toHaveLength(5)
    expect(token.split('.')[1]).toBe('') // `dir`: no encrypted key
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'dir', enc: 'A256GCM', kid: expect.stringMatching(/^ivschat-emulator-/) })
  })

  it('open() decrypts the claims, with a unique 12-character jti per token', async () => {
    const tokens = authority()
    const first = await tokens.open(await tokens.mint(CLAIMS))
    const second = await tokens.open(await tokens.mint(CLAIMS))

    expect(first).toEqual({ ...CLAIMS, jti: expect.stringMatching(/^[a-zA-Z0-9]{12}$/) })
    expect(second.jti).not.toBe(first.jti)
  })

  it('does not put the claims in readable form into the token', async () => {
    const token = await authority().mint(CLAIMS)
    const readable = token.split('.').map((segment) => {
      try {
        return new TextDecoder().decode(base64url.decode(segment))
      } catch {
        return ''
      }
    })

    expect(readable.join(' ')).not.toContain('alice')
  })
})

describe('single use', () => {
  it('redeems a token once; the second time it is already used', async () => {
    const tokens = authority()
    const token = await tokens.mint(CLAIMS)

    expect(tokens.redeem(token)).toEqual({ ok: true, claims: expect.objectContaining({ userId: 'alice' }) })
    expect(tokens.redeem(token)).toEqual({ ok: false, reason: 'already-used' })
    expect(tokens.check(token)).toEqual({ ok: false, reason: 'already-used' })
    expect(tokens.stateOf(tokens.issued()[0]!)).toBe('used')
  })

  it('check() does not use the token up', async () => {
    const tokens = authority()
    const token = await tokens.mint(CLAIMS)
    tokens.check(token)
    tokens.check(token)

    expect(tokens.redeem(token).ok).toBe(true)
  })
})

describe('refusals', () => {
  it.each([0, 1, 2, 3, 4])('refuses a token with segment %i changed, and open() refuses it too', async (index) => {
    const tokens = authority()
    const token = await tokens.mint(CLAIMS)
    const tampered = tamper(token, index)

    expect(tampered).not.toBe(token)
    expect(tokens.redeem(tampered).ok).toBe(false)
    // jose's own refusal (invalid, or decryption failed), not a crash of ours.
    await expect(tokens.open(tampered)).rejects.toMatchObject({ code: expect.stringMatching(/^ERR_JWE_/) })
    expect(tokens.redeem(token).ok).toBe(true) // the genuine one is untouched by the attempt
  })

  it('refuses a token of another emulator as unknown-key', async () => {
    const ours = new Emulator()
    const theirs = new Emulator()
    const foreign = await theirs.tokens.mint(CLAIMS)

    expect(ours.tokens.redeem(foreign)).toEqual({ ok: false, reason: 'unknown-key' })
    await expect(ours.tokens.open(foreign)).rejects.toMatchObject({ code: 'ERR_JWE_DECRYPTION_FAILED' })
  })

  it.each([
    { label: "alg 'none'", header: { alg: 'none', enc: 'A256GCM' } },
    { label: "enc 'A128GCM'", header: { alg: 'dir', enc: 'A128GCM' } },
    { label: "alg 'A256KW'", header: { alg: 'A256KW', enc: 'A256GCM' } },
  ])('refuses a header with $label as wrong-algorithm', async ({ header }) => {
    const tokens = authority()
    const token = await tokens.mint(CLAIMS)
    const { kid } = decodeProtectedHeader(token)
    const forged = withHeader(token, { ...header, kid: kid! })

    expect(tokens.redeem(forged)).toEqual({ ok: false, reason: 'wrong-algorithm' })
    await expect(tokens.open(forged)).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' })
  })

  it('open() accepts exactly dir + A256GCM: a genuine JWE of other algorithms under our kid is refused', async () => {
    const tokens = authority()
    const { kid } = decodeProtectedHeader(await tokens.mint(CLAIMS))
    const plaintext = new TextEncoder().encode(JSON.stringify(CLAIMS))
    const keyWrapped = await new CompactEncrypt(plaintext)
      .setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM', kid: kid! })
      .encrypt(crypto.getRandomValues(new Uint8Array(32)))
    const shortKey = await new CompactEncrypt(plaintext)
      .setProtectedHeader({ alg: 'dir', enc: 'A128GCM', kid: kid! })
      .encrypt(crypto.getRandomValues(new Uint8Array(16)))

    await expect(tokens.open(keyWrapped)).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' })
    await expect(tokens.open(shortKey)).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' })
  })

  it.each([
    { label: 'no token', token: undefined, reason: 'missing' },
    { label: 'an empty token', token: '', reason: 'missing' },
    { label: 'three segments (a JWS)', token: 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln', reason: 'malformed' },
    { label: 'a character outside [A-Za-z0-9._-]', token: 'a+b.c.d.e.f', reason: 'malformed' },
    { label: 'padding', token: 'ab==.c.d.e.f', reason: 'malformed' },
    { label: 'a header that is not JSON', token: 'bm90IGpzb24.x.y.z.w', reason: 'malformed' },
  ])('refuses $label as $reason', ({ token, reason }) => {
    expect(authority().redeem(token)).toEqual({ ok: false, reason })
  })
})

describe('expiry', () => {
  it('a token connects until just before tokenExpiresAt and is expired exactly at it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(ISSUED_AT)
    const emulator = new Emulator()
    const { token, tokenExpirationTime } = await createChatToken(emulator, { roomIdentifier: DEMO_ROOM_ARN, userId: 'alice' })

    expect(Date.parse(tokenExpirationTime)).toBe(ISSUED_AT + emulator.settings.tokenLifetimeMs)
    emulator.advanceTime(emulator.settings.tokenLifetimeMs - 1)
    expect(emulator.tokens.check(token).ok).toBe(true)
    expect(emulator.issuedTokens()[0]!.state).toBe('unused')

    emulator.advanceTime(1)
    expect(emulator.tokens.redeem(token)).toEqual({ ok: false, reason: 'expired' })
    expect(emulator.issuedTokens()[0]!.state).toBe('expired')
  })

  it('follows the tokenLifetimeMs setting', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(ISSUED_AT)
    const emulator = new Emulator({ tokenLifetimeMs: 60_000 })
    const { token } = await createChatToken(emulator, { roomIdentifier: DEMO_ROOM_ARN, userId: 'alice' })

    emulator.advanceTime(59_999)
    expect(emulator.tokens.check(token).ok).toBe(true)
    emulator.advanceTime(1)
    expect(emulator.tokens.check(token)).toEqual({ ok: false, reason: 'expired' })
  })

  it('an expired token stays expired after it was used', async () => {
    let now = ISSUED_AT
    const tokens = authority(() => now)
    const token = await tokens.mint(CLAIMS)
    tokens.redeem(token)
    now = CLAIMS.tokenExpiresAt

    expect(tokens.check(token)).toEqual({ ok: false, reason: 'expired' })
  })
})
