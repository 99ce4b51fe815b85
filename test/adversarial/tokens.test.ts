import { base64url, CompactEncrypt, CompactSign, decodeProtectedHeader } from 'jose'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_ROOM_ARN, Emulator } from '../../mocks/emulator/emulator'
import type { TokenRejection } from '../../mocks/emulator/tokens'
import { mintToken, RecordingTransport, restCall } from './support'

/**
 * Hostile tokens at the connect check (`emulator.chat.connect`): every character of a real
 * token changed, forged headers of other algorithms, unknown keys, another emulator's tokens,
 * replays, the exact expiry boundary, clocks that jump, deleted rooms. Each is refused with the
 * reason the emulator records in `rejections()`, and nothing is opened: no session, no timer,
 * no frame.
 */

const ISSUED_AT = Date.UTC(2026, 10, 28, 12, 0, 0)
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const CLAIMS = { roomArn: DEMO_ROOM_ARN, userId: 'alice', capabilities: [], attributes: {}, issuedAt: 0, tokenExpiresAt: 0, sessionExpiresAt: 0 }

afterEach(() => {
  vi.useRealTimers()
})

/**
 * Tries `token` on `emulator`: `connected` (and the session is closed again), or the reason it
 * was refused, after checking that the refusal is the newest one recorded and that nothing was
 * opened: no session, no timer, no frame.
 */
function refusalOf(emulator: Emulator, token: string | undefined): TokenRejection | 'connected' {
  const transport = new RecordingTransport()
  const before = emulator.rejections().length
  const result = emulator.chat.connect(token, transport)
  if (result.ok) {
    emulator.chat.disconnected(result.connection, 'closed by the client')
    return 'connected'
  }
  expect(emulator.rejections().at(-1)?.reason).toBe(result.reason)
  expect(emulator.rejections().length).toBe(Math.min(before + 1, 100))
  expect(emulator.sessions()).toEqual([])
  expect(emulator.clock.pendingTimers).toBe(0)
  expect(transport.sent).toEqual([])
  return result.reason
}

/** `token` opens a session; the test's client then closes it, so later checks start from none. */
function expectConnects(emulator: Emulator, token: string): void {
  const result = emulator.chat.connect(token, new RecordingTransport())
  if (!result.ok) throw new Error(`Expected the token to connect, but it was refused: ${result.reason}`)
  expect(emulator.sessions().map((session) => session.id)).toContain(result.connection.info.id)
  emulator.chat.disconnected(result.connection, 'closed by the client')
}

function randomKey(bytes: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(bytes))
}

/** An emulator whose wall clock stands still at ISSUED_AT until a test moves it. */
function frozenEmulator(): Emulator {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(ISSUED_AT)
  return new Emulator()
}

/** `token` with `header` as its protected header and the rest untouched. */
function withHeader(token: string, header: unknown): string {
  return [base64url.encode(JSON.stringify(header)), ...token.split('.').slice(1)].join('.')
}

/**
 * What a correct check must say of `tampered`, worked out independently of the emulator (the
 * header decoded with Node's Buffer and a strict UTF-8 decoder): anything not made of five segments of token characters
 * is malformed, a header segment changed is judged by what it now says, and any other change
 * leaves a well-formed token the emulator never issued.
 */
function expectedReason(original: string, tampered: string): TokenRejection {
  if (!/^[A-Za-z0-9._-]+$/.test(tampered) || tampered.split('.').length !== 5) return 'malformed'
  const [header] = tampered.split('.')
  const [originalHeader] = original.split('.')
  if (header === originalHeader) return 'not-issued'
  let decoded: unknown
  try {
    // A header whose bytes are not UTF-8 is malformed, not read with replacement characters.
    decoded = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(header!, 'base64url')))
  } catch {
    return 'malformed'
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) return 'malformed'
  const { alg, enc, kid } = decoded as Record<string, unknown>
  if (alg !== 'dir' || enc !== 'A256GCM') return 'wrong-algorithm'
  return kid === decodeProtectedHeader(original).kid ? 'not-issued' : 'unknown-key'
}

describe('every character of a real token changed', () => {
  /** Each position replaced by the next base64url character (a dot by `A`), and its char code with the low bit flipped. */
  const variants = {
    substituted: (token: string, i: number) => {
      const next = token[i] === '.' ? 'A' : BASE64URL[(BASE64URL.indexOf(token[i]!) + 1) % BASE64URL.length]!
      return token.slice(0, i) + next + token.slice(i + 1)
    },
    'bit-flipped': (token: string, i: number) => token.slice(0, i) + String.fromCharCode(token.charCodeAt(i) ^ 1) + token.slice(i + 1),
  }

  it.each(Object.keys(variants) as (keyof typeof variants)[])('%s at every position: refused with the right reason; the real one still connects once', async (variant) => {
    const emulator = new Emulator()
    const token = await mintToken(emulator, { userId: 'alice', attributes: { displayName: 'Alice 😀' } })
    const reasons = new Map<TokenRejection, number>()
    for (let i = 0; i < token.length; i++) {
      const tampered = variants[variant](token, i)
      expect(tampered).not.toBe(token)
      const reason = expectedReason(token, tampered)
      expect(refusalOf(emulator, tampered)).toBe(reason)
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
    }

    // Every position was tried, and more than one kind of refusal was reached.
    expect([...reasons.values()].reduce((sum, n) => sum + n, 0)).toBe(token.length)
    expect(reasons.get('not-issued')).toBeGreaterThan(0)
    expect(reasons.get('malformed')).toBeGreaterThan(0)
    expectConnects(emulator, token)
    expect(refusalOf(emulator, token)).toBe('already-used')
  })

  it('a change that decodes to the same bytes (base64url padding bits) decrypts, yet the exact-match check refuses it', async () => {
    const emulator = new Emulator()
    const token = await mintToken(emulator)
    const claims = await emulator.tokens.open(token)
    // The last character of a segment may carry padding bits: try every other character there.
    // The 16-byte tag is 22 characters with 4 spare bits, so 15 of its variants decode the same.
    const segments = token.split('.')
    let tried = 0
    let aliases = 0
    for (const [index, segment] of segments.entries()) {
      if (segment === '') continue
      for (const character of BASE64URL) {
        if (character === segment.at(-1)) continue
        const tampered = segments.map((s, i) => (i === index ? s.slice(0, -1) + character : s)).join('.')
        tried++
        const opened = await emulator.tokens.open(tampered).catch(() => undefined)
        if (opened === undefined) continue
        // The same claims under a different string: a checker that decrypted would take it.
        aliases++
        expect(opened).toEqual(claims)
        expect(refusalOf(emulator, tampered)).toBe('not-issued')
      }
    }

    expect(tried).toBe(4 * 63)
    expect(aliases).toBeGreaterThanOrEqual(15)
  })
})

describe('forged headers and other algorithms', () => {
  it.each([
    { label: "alg 'none' with no enc", header: { alg: 'none' }, reason: 'wrong-algorithm' },
    { label: "alg 'none' with our enc and kid", header: { alg: 'none', enc: 'A256GCM', kid: 'ours' }, reason: 'wrong-algorithm' },
    { label: "alg 'DIR' (case)", header: { alg: 'DIR', enc: 'A256GCM', kid: 'ours' }, reason: 'wrong-algorithm' },
    { label: "enc 'A128GCM'", header: { alg: 'dir', enc: 'A128GCM', kid: 'ours' }, reason: 'wrong-algorithm' },
    { label: "enc 'A256CBC-HS512'", header: { alg: 'dir', enc: 'A256CBC-HS512', kid: 'ours' }, reason: 'wrong-algorithm' },
    { label: "alg 'A256KW'", header: { alg: 'A256KW', enc: 'A256GCM', kid: 'ours' }, reason: 'wrong-algorithm' },
    { label: "alg 'RSA-OAEP-256'", header: { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'ours' }, reason: 'wrong-algorithm' },
    { label: "alg 'ECDH-ES'", header: { alg: 'ECDH-ES', enc: 'A256GCM', kid: 'ours' }, reason: 'wrong-algorithm' },
    { label: "alg 'PBES2-HS256+A128KW'", header: { alg: 'PBES2-HS256+A128KW', enc: 'A256GCM', kid: 'ours' }, reason: 'wrong-algorithm' },
    { label: "a JWS algorithm ('HS256') in a JWE header", header: { alg: 'HS256', enc: 'A256GCM', kid: 'ours' }, reason: 'wrong-algorithm' },
    { label: 'no kid', header: { alg: 'dir', enc: 'A256GCM' }, reason: 'unknown-key' },
    { label: 'an unknown kid', header: { alg: 'dir', enc: 'A256GCM', kid: 'ivschat-emulator-AAAAAAAAAAAA' }, reason: 'unknown-key' },
    { label: 'a kid that is a number', header: { alg: 'dir', enc: 'A256GCM', kid: 7 }, reason: 'unknown-key' },
    { label: 'a kid that is an array holding ours', header: { alg: 'dir', enc: 'A256GCM', kid: ['ours'] }, reason: 'unknown-key' },
    { label: 'our header plus zip', header: { alg: 'dir', enc: 'A256GCM', kid: 'ours', zip: 'DEF' }, reason: 'not-issued' },
    { label: 'our header plus crit', header: { alg: 'dir', enc: 'A256GCM', kid: 'ours', crit: ['exp'], exp: 1 }, reason: 'not-issued' },
    { label: 'our header, members reordered', header: { kid: 'ours', enc: 'A256GCM', alg: 'dir' }, reason: 'not-issued' },
    { label: 'a header that is an array', header: ['dir', 'A256GCM'], reason: 'malformed' },
    { label: 'a header that is null', header: null, reason: 'malformed' },
    { label: 'a header that is a string', header: 'dir', reason: 'malformed' },
  ] as { label: string; header: unknown; reason: TokenRejection }[])('$label on a real token → $reason, and open() refuses it', async ({ header, reason }) => {
    const emulator = new Emulator()
    const token = await mintToken(emulator)
    const { kid } = decodeProtectedHeader(token)
    const forged = withHeader(token, JSON.parse(JSON.stringify(header).replaceAll('"ours"', JSON.stringify(kid))))

    expect(refusalOf(emulator, forged)).toBe(reason)
    await expect(emulator.tokens.open(forged)).rejects.toBeDefined()
    expectConnects(emulator, token)
  })

  it('genuine JWEs of other algorithms, and genuine dir + A256GCM under our kid but another key: refused', async () => {
    const emulator = new Emulator()
    const { kid } = decodeProtectedHeader(await mintToken(emulator))
    const plaintext = new TextEncoder().encode(JSON.stringify({ ...CLAIMS, jti: 'forgedforged' }))
        const cases: [string, TokenRejection][] = [
      [await new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM', kid: kid! }).encrypt(randomKey(32)), 'wrong-algorithm'],
      [await new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'dir', enc: 'A128GCM', kid: kid! }).encrypt(randomKey(16)), 'wrong-algorithm'],
      [await new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: kid! }).encrypt(randomKey(32)), 'not-issued'],
      [await new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: 'ivschat-emulator-guessed0000' }).encrypt(randomKey(32)), 'unknown-key'],
    ]
    for (const [forged, reason] of cases) {
      expect(refusalOf(emulator, forged)).toBe(reason)
      await expect(emulator.tokens.open(forged)).rejects.toBeDefined()
    }
  })

  it('JWS and unsigned JWTs (three segments) are malformed, whatever their alg', async () => {
    const emulator = new Emulator()
    const { kid } = decodeProtectedHeader(await mintToken(emulator))
    const payload = new TextEncoder().encode(JSON.stringify(CLAIMS))
    const signed = await new CompactSign(payload).setProtectedHeader({ alg: 'HS256', kid: kid! }).sign(crypto.getRandomValues(new Uint8Array(32)))
    const unsigned = `${base64url.encode(JSON.stringify({ alg: 'none', kid }))}.${base64url.encode(payload)}.`

    expect(refusalOf(emulator, signed)).toBe('malformed')
    expect(refusalOf(emulator, unsigned)).toBe('malformed')
    expect(refusalOf(emulator, `${unsigned}..`)).toBe('wrong-algorithm')
  })

  it.each([
    { label: 'no token', token: undefined, reason: 'missing' },
    { label: 'an empty token', token: '', reason: 'missing' },
    { label: 'a space', token: ' ', reason: 'malformed' },
    { label: 'five empty segments', token: '....', reason: 'malformed' },
    { label: 'standard base64 (+ / =)', token: 'ab+/.cd.ef.gh.i=', reason: 'malformed' },
    { label: 'a megabyte of token characters', token: `${'a'.repeat(1024 * 1024)}.b.c.d.e`, reason: 'malformed' },
    { label: 'a header of JSON text that is not base64url', token: '{"alg":"dir"}.b.c.d.e', reason: 'malformed' },
    { label: 'a NUL byte', token: 'a\u0000.b.c.d.e', reason: 'malformed' },
  ] as { label: string; token: string | undefined; reason: TokenRejection }[])('$label → $reason', ({ token, reason }) => {
    expect(refusalOf(new Emulator(), token)).toBe(reason)
  })
})

describe('keys and issuers', () => {
  it("another emulator's token is unknown-key; its body under our header is not-issued", async () => {
    const ours = new Emulator()
    const theirs = new Emulator()
    const foreign = await mintToken(theirs)
    const ourHeader = (await mintToken(ours)).split('.')[0]!
    const spliced = [ourHeader, ...foreign.split('.').slice(1)].join('.')

    expect(refusalOf(ours, foreign)).toBe('unknown-key')
    expect(refusalOf(ours, spliced)).toBe('not-issued')
    await expect(ours.tokens.open(spliced)).rejects.toMatchObject({ code: 'ERR_JWE_DECRYPTION_FAILED' })
    expectConnects(theirs, foreign)
  })

  it('a reset emulator has forgotten every token it issued', async () => {
    const emulator = new Emulator()
    const token = await mintToken(emulator)
    emulator.reset()

    expect(refusalOf(emulator, token)).toBe('not-issued')
  })
})

describe('single use', () => {
  it('a token is refused while its connection is open, and after it closed', async () => {
    const emulator = new Emulator()
    const token = await mintToken(emulator)
    const transport = new RecordingTransport()
    const first = emulator.chat.connect(token, transport)
    if (!first.ok) throw new Error(first.reason)

    expect(emulator.chat.connect(token, new RecordingTransport())).toEqual({ ok: false, reason: 'already-used' })
    expect(emulator.sessions()).toHaveLength(1)
    emulator.chat.disconnected(first.connection, 'closed by the client')
    expect(refusalOf(emulator, token)).toBe('already-used')
  })

  it('two tokens for the same user and claims are two tokens: each opens one connection', async () => {
    const emulator = new Emulator()
    const a = await mintToken(emulator, { userId: 'alice' })
    const b = await mintToken(emulator, { userId: 'alice' })

    expect(a).not.toBe(b)
    expectConnects(emulator, a)
    expectConnects(emulator, b)
    expect(refusalOf(emulator, a)).toBe('already-used')
    expect(refusalOf(emulator, b)).toBe('already-used')
  })
})

describe('expiry and clocks', () => {
  it('tokenExpiresAt − 1 ms connects; tokenExpiresAt is refused as expired', async () => {
    const emulator = frozenEmulator()
    const early = await mintToken(emulator)
    const late = await mintToken(emulator)
    const { tokenExpiresAt } = emulator.issuedTokens()[0]!
    expect(tokenExpiresAt).toBe(ISSUED_AT + emulator.settings.tokenLifetimeMs)

    emulator.advanceTime(tokenExpiresAt - 1 - emulator.clock.now())
    expectConnects(emulator, early)
    emulator.advanceTime(1)
    expect(emulator.clock.now()).toBe(tokenExpiresAt)
    expect(refusalOf(emulator, late)).toBe('expired')
    emulator.reset()
  })

  it.each([
    { label: 'exactly at expiry', past: 0 },
    { label: '1 ms past', past: 1 },
    { label: "30 s past (a usual JWT clockTolerance)", past: 30_000 },
    { label: '5 min past (a badly skewed client)', past: 5 * 60_000 },
  ])('no tolerance: refused $label', async ({ past }) => {
    const emulator = frozenEmulator()
    const token = await mintToken(emulator)
    emulator.advanceTime(emulator.settings.tokenLifetimeMs + past)

    expect(refusalOf(emulator, token)).toBe('expired')
  })

  it('the wall clock jumping forward past expiry (a laptop waking up) expires the token', async () => {
    const emulator = frozenEmulator()
    const token = await mintToken(emulator)
    vi.setSystemTime(ISSUED_AT + emulator.settings.tokenLifetimeMs + 1)

    expect(refusalOf(emulator, token)).toBe('expired')
  })

  it('the wall clock stepping back (NTP, a changed system time) does not revive an expired token', async () => {
    const emulator = frozenEmulator()
    const token = await mintToken(emulator)
    vi.setSystemTime(ISSUED_AT + emulator.settings.tokenLifetimeMs)
    expect(refusalOf(emulator, token)).toBe('expired')

    vi.setSystemTime(ISSUED_AT + emulator.settings.tokenLifetimeMs - 10 * 60_000)
    expect(refusalOf(emulator, token)).toBe('expired')
  })

  it('emulator time cannot be turned back to revive a token', async () => {
    const emulator = frozenEmulator()
    const token = await mintToken(emulator)
    emulator.advanceTime(emulator.settings.tokenLifetimeMs)

    expect(() => emulator.advanceTime(-1)).toThrow(RangeError)
    expect(() => emulator.advanceTime(Number.NaN)).toThrow(RangeError)
    expect(refusalOf(emulator, token)).toBe('expired')
  })
})

describe('rooms', () => {
  it('a token for a room deleted since it was minted: room-deleted, and the token stays unused', async () => {
    const emulator = new Emulator()
    const created = await restCall(emulator, 'CreateRoom', '{}')
    const { arn } = JSON.parse(created.body!) as { arn: string }
    const token = await mintToken(emulator, { roomArn: arn })
    const deleted = await restCall(emulator, 'DeleteRoom', JSON.stringify({ identifier: arn }))
    expect(deleted.status).toBe(204)

    expect(refusalOf(emulator, token)).toBe('room-deleted')
    expect(emulator.issuedTokens()[0]!.state).toBe('unused')
  })
})
