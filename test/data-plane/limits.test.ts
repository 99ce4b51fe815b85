import { DeleteMessageRequest, DisconnectUserRequest, SendMessageRequest, type ChatError, type ChatMessage } from 'amazon-ivs-chat-messaging'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { emulator } from '../../mocks/node'
import { chatErrorOf, createRoom, fetchToken, join, openRawSocket, SECOND, setupEmulatorServer, type Participant } from './helpers'

setupEmulatorServer()

const EMOJI = '😀' // one code point, two UTF-16 units

describe('content length, in Unicode code points', () => {
  it('accepts 500 emoji (1,000 UTF-16 units) and refuses 501 code points with 400', async () => {
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    const longest = EMOJI.repeat(500)
    expect(longest.length).toBe(1_000)

    const accepted = await alice.room.sendMessage(new SendMessageRequest(longest))
    expect(accepted.content).toBe(longest)

    const tooLong = new SendMessageRequest(`${EMOJI.repeat(500)}a`)
    const error = await chatErrorOf(alice.room.sendMessage(tooLong))
    expect(error).toEqual({
      id: expect.any(String),
      errorCode: 400,
      errorMessage: 'Message content is 501 characters; this room allows at most 500',
      requestId: tooLong.requestId,
    })
    expect(bob.messages.map((m) => m.id)).toEqual([accepted.id])
    expect(alice.room.state).toBe('connected')
  })

  it('follows the room\'s lower maximumMessageLength (a room created through the REST API)', async () => {
    const roomArn = await createRoom({ name: 'terse', maximumMessageLength: 10 })
    const alice = await join({ userId: 'alice', roomArn })

    await expect(alice.room.sendMessage(new SendMessageRequest('🎉'.repeat(10)))).resolves.toMatchObject({ content: '🎉'.repeat(10) })
    const error = await chatErrorOf(alice.room.sendMessage(new SendMessageRequest('12345678901')))
    expect(error).toMatchObject({ errorCode: 400, errorMessage: 'Message content is 11 characters; this room allows at most 10' })
  })

  it('refuses empty content with 400', async () => {
    const alice = await join({ userId: 'alice' })
    const error = await chatErrorOf(alice.room.sendMessage(new SendMessageRequest('')))
    expect(error).toMatchObject({ errorCode: 400, errorMessage: 'Content must not be empty' })
  })
})

describe('message attributes', () => {
  it('accepts 1 KB of attributes (keys and values, UTF-8) and refuses one byte more with 413', async () => {
    const alice = await join({ userId: 'alice' })
    // 'k' (1 byte) + 1,023 bytes of value = 1,024; the last character of the larger one is 3 bytes.
    const exactly1KB = { k: 'v'.repeat(1_023) }
    await expect(alice.room.sendMessage(new SendMessageRequest('fits', exactly1KB))).resolves.toMatchObject({ attributes: exactly1KB })

    const over = { k: `${'v'.repeat(1_021)}€` } // 1 + 1,021 + 3 = 1,025 bytes, only 1,023 UTF-16 units
    const error = await chatErrorOf(alice.room.sendMessage(new SendMessageRequest('too much', over)))
    expect(error).toMatchObject({ errorCode: 413, errorMessage: 'Message attributes exceed 1024 bytes' })
  })
})

describe('malformed frames: ERROR 400 to that client only, connection kept', () => {
  it('answers bad JSON, a non-object, an unknown Action, missing fields and non-string attributes with 400', async () => {
    const { token } = await fetchToken('raw', { capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE', 'DISCONNECT_USER'] })
    const raw = await openRawSocket(token)
    const bob = await join({ userId: 'bob' })

    const cases: [frame: string, requestId: string, message: string][] = [
      ['{not json', '', 'The frame is not valid JSON'],
      ['[1,2]', '', 'The frame must be a JSON object'],
      ['{"Action":"SEND_EVENT","RequestId":"r1"}', 'r1', 'Unknown Action "SEND_EVENT"; expected one of SEND_MESSAGE, DELETE_MESSAGE, DISCONNECT_USER'],
      ['{"RequestId":"r2","Content":"hi"}', 'r2', 'Unknown Action null; expected one of SEND_MESSAGE, DELETE_MESSAGE, DISCONNECT_USER'],
      ['{"Action":"SEND_MESSAGE","RequestId":"r3"}', 'r3', 'Invalid SEND_MESSAGE request: Content '],
      ['{"Action":"DELETE_MESSAGE","RequestId":"r4"}', 'r4', 'Invalid DELETE_MESSAGE request: Id '],
      ['{"Action":"DISCONNECT_USER","RequestId":"r5","UserId":""}', 'r5', 'Invalid DISCONNECT_USER request: UserId '],
      ['{"Action":"SEND_MESSAGE","RequestId":"r6","Content":"x","Attributes":{"n":1}}', 'r6', 'Invalid SEND_MESSAGE request: Attributes.n '],
    ]
    for (const [frame, requestId, message] of cases) {
      const answer = raw.nextFrame()
      raw.send(frame)
      const error = await answer
      // The frame rides along so that a failure names the case.
      expect({ frame, error }).toMatchObject({ frame, error: { Type: 'ERROR', RequestId: requestId, ErrorCode: 400 } })
      if (error.Type !== 'ERROR') throw new Error('unreachable')
      expect({ frame, message: error.ErrorMessage.slice(0, message.length) }).toEqual({ frame, message })
    }

    // Still open, and still able to chat.
    expect(raw.closed()).toBe(false)
    const answer = raw.nextFrame()
    raw.send('{"Action":"SEND_MESSAGE","RequestId":"ok","Content":"still here"}')
    expect(await answer).toMatchObject({ Type: 'MESSAGE', RequestId: 'ok', Content: 'still here' })
    // Bob saw only the message, none of the errors.
    await vi.waitFor(() => expect(bob.messages.map((m) => m.content)).toEqual(['still here']))
    expect(bob.logger.errors()).toEqual([])
  })

  it('answers a frame over 64 KB with 413 without parsing it (the RequestId only if it comes first)', async () => {
    const { token } = await fetchToken('raw')
    const raw = await openRawSocket(token)
    let answer = raw.nextFrame()
    raw.send(JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'big', Content: 'x'.repeat(64 * 1024) }))
    expect(await answer).toMatchObject({ Type: 'ERROR', RequestId: 'big', ErrorCode: 413, ErrorMessage: 'Frame larger than 65536 bytes' })
    answer = raw.nextFrame()
    raw.send(JSON.stringify({ Action: 'SEND_MESSAGE', Content: 'x'.repeat(64 * 1024), RequestId: 'last' }))
    expect(await answer).toMatchObject({ Type: 'ERROR', RequestId: '', ErrorCode: 413 })
    expect(raw.closed()).toBe(false)
  })

  it('answers the SDK\'s own oversized frame with 413 for its request, so the send does not hang', async () => {
    const alice = await join({ userId: 'alice' })
    const request = new SendMessageRequest('x'.repeat(70_000))
    const error = await chatErrorOf(alice.room.sendMessage(request))
    expect(error).toMatchObject({ errorCode: 413, requestId: request.requestId, errorMessage: 'Frame larger than 65536 bytes' })
    // The frame log keeps a preview, not the whole frame.
    const logged = emulator.frameLog.entries().find((e) => e.direction === 'in')!
    expect(logged.text.length).toBeLessThan(1_000)
  })

  it('answers a binary frame with 400', async () => {
    const { token } = await fetchToken('raw')
    const raw = await openRawSocket(token)
    const answer = raw.nextFrame()
    raw.socket.send(new Uint8Array([1, 2, 3]))
    expect(await answer).toMatchObject({ Type: 'ERROR', ErrorCode: 400, ErrorMessage: 'Binary frames are not supported; send JSON text' })
    expect(raw.closed()).toBe(false)
  })
})

type Outcome = { ok: true; message: ChatMessage } | { ok: false; error: ChatError }

/** Sends every message in one go (one instant of frozen time) and says how each one ended. */
async function burst(sends: [Participant, string][]): Promise<Outcome[]> {
  const pending = sends.map(([p, content]) => p.room.sendMessage(new SendMessageRequest(content)))
  const settled = await Promise.allSettled(pending)
  return settled.map((s) => (s.status === 'fulfilled' ? { ok: true, message: s.value } : { ok: false, error: s.reason as ChatError }))
}

/** What became of one message: `'delivered'` or the ERROR's code. */
async function codeOf(p: Participant, content: string): Promise<number | 'delivered' | undefined> {
  const [outcome] = await burst([[p, content]])
  return outcome?.ok ? 'delivered' : outcome?.error.errorCode
}

/**
 * Rate limits. `Date` is frozen so that a burst happens at one instant of emulator time, and
 * time moves only with `emulator.advanceTime`; no test waits for a real second.
 */
describe('rate limits', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('refuses the sixth message in one second of a room limited to 5, across two senders, with 429; the socket stays open', async () => {
    const roomArn = await createRoom({ name: 'slow', maximumMessageRatePerSecond: 5 })
    const alice = await join({ userId: 'alice', roomArn })
    const bob = await join({ userId: 'bob', roomArn })

    const outcomes = await burst([
      [alice, 'a1'],
      [bob, 'b1'],
      [alice, 'a2'],
      [bob, 'b2'],
      [alice, 'a3'],
      [bob, 'b3'],
    ])

    const refused = outcomes.filter((o) => !o.ok)
    expect(refused).toHaveLength(1)
    expect(refused[0]!.error).toMatchObject({ errorCode: 429, errorMessage: 'Rate limit exceeded: this room accepts 5 messages per second' })
    // A refused message reaches no one.
    const delivered = outcomes.flatMap((o) => (o.ok ? [o.message.content] : []))
    expect(delivered).toHaveLength(5)
    expect(alice.messages.map((m) => m.content).sort()).toEqual([...delivered].sort())

    // Both sockets are still open; a second later (emulator time) both may send again.
    expect([alice.room.state, bob.room.state]).toEqual(['connected', 'connected'])
    emulator.advanceTime(SECOND)
    const after = await burst([
      [alice, 'a4'],
      [bob, 'b4'],
    ])
    expect(after.every((o) => o.ok)).toBe(true)
  })

  it('accepts a room\'s full rate every second without a single 429', async () => {
    const roomArn = await createRoom({ name: 'steady', maximumMessageRatePerSecond: 5 })
    const alice = await join({ userId: 'alice', roomArn })
    const bob = await join({ userId: 'bob', roomArn })

    for (let second = 0; second < 3; second++) {
      const outcomes = await burst([
        [alice, `a${second}.1`],
        [bob, `b${second}.1`],
        [alice, `a${second}.2`],
        [bob, `b${second}.2`],
        [alice, `a${second}.3`],
      ])
      expect(outcomes.filter((o) => !o.ok)).toEqual([])
      emulator.advanceTime(SECOND)
    }
    expect(bob.messages).toHaveLength(15)
  })

  it('slides the one-second window: a message half a second after a full burst waits for the first to leave it', async () => {
    const roomArn = await createRoom({ name: 'window', maximumMessageRatePerSecond: 2 })
    const alice = await join({ userId: 'alice', roomArn })

    expect((await burst([[alice, '1'], [alice, '2']])).every((o) => o.ok)).toBe(true)
    emulator.advanceTime(SECOND / 2)
    expect(await burst([[alice, '3']])).toEqual([{ ok: false, error: expect.objectContaining({ errorCode: 429 }) }])
    emulator.advanceTime(SECOND / 2)
    expect((await burst([[alice, '4'], [alice, '5']])).every((o) => o.ok)).toBe(true)
  })

  it('counts only messages toward the room rate, not deletes or disconnects', async () => {
    const roomArn = await createRoom({ name: 'one', maximumMessageRatePerSecond: 1 })
    const moderator = await join({ userId: 'mod', roomArn, capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE', 'DISCONNECT_USER'] })

    const [sent] = await burst([[moderator, 'only one']])
    if (!sent?.ok) throw new Error('the first message must go through')
    await moderator.room.deleteMessage(new DeleteMessageRequest(sent.message.id))
    await moderator.room.disconnectUser(new DisconnectUserRequest('nobody'))
    expect(await burst([[moderator, 'second']])).toEqual([{ ok: false, error: expect.objectContaining({ errorCode: 429 }) }])
  })

  it('checks in order: capability, length, room rate, then review (a denied message still counts toward the rate)', async () => {
    const roomArn = await createRoom({ name: 'ordered', maximumMessageRatePerSecond: 1 })
    emulator.setReviewHandler(roomArn, () => ({ ReviewResult: 'DENY' }))
    const alice = await join({ userId: 'alice', roomArn })
    const viewer = await join({ userId: 'viewer', roomArn, capabilities: [] })
    expect(await codeOf(viewer, 'x'.repeat(501))).toBe(403)
    expect(await codeOf(alice, 'reviewed and denied')).toBe(406)
    expect(await codeOf(alice, 'x'.repeat(501))).toBe(400)
    expect(await codeOf(alice, 'over the rate')).toBe(429)
  })

  it('limits one connection to 10 requests a second even in a faster room', async () => {
    const roomArn = await createRoom({ name: 'fast', maximumMessageRatePerSecond: 100 })
    const alice = await join({ userId: 'alice', roomArn })
    const bob = await join({ userId: 'bob', roomArn })

    const outcomes = await burst(Array.from({ length: 11 }, (_, i): [Participant, string] => [alice, `m${i}`]))
    expect(outcomes.slice(0, 10).every((o) => o.ok)).toBe(true)
    expect(outcomes[10]).toEqual({ ok: false, error: expect.objectContaining({ errorCode: 429, errorMessage: 'Too many requests on this connection (10 per second)' }) })
    // Another connection in the same room is not affected.
    expect((await burst([[bob, 'fine']])).every((o) => o.ok)).toBe(true)
  })
})
