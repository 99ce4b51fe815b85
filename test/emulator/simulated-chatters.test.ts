import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_ROOM_ARN, Emulator } from '../../mocks/emulator/emulator'
import { IvsChatError } from '../../mocks/emulator/errors'
import { SimulatedChatters } from '../../mocks/emulator/simulated-chatters'
import { SIMULATED_LINES } from '../../mocks/emulator/simulated-personas'
import type { SocketTransport } from '../../mocks/emulator/transport'
import type { ServerFrame } from '../../mocks/contract/frames'

/** With `random` fixed at 0.5 the gap between messages is ln 2 × the mean: under one mean. */
const RATE = 60
const MEAN_GAP_MS = 60_000 / RATE

let emulator: Emulator
let chatters: SimulatedChatters

beforeEach(() => {
  vi.useFakeTimers()
  emulator = new Emulator()
  const { clock, settings, rooms, chat } = emulator
  chatters = new SimulatedChatters({ clock, settings, rooms, chat, onChange: () => {} }, () => 0.5)
})

afterEach(() => {
  chatters.stop()
  emulator.reset()
  vi.useRealTimers()
})

/** A person in the room who records every frame the emulator sends them. */
async function listener(userId = 'viewer'): Promise<{ frames: ServerFrame[]; messages: () => ServerFrame[] }> {
  const now = emulator.clock.now()
  const token = await emulator.tokens.mint({
    roomArn: DEMO_ROOM_ARN,
    userId,
    capabilities: ['SEND_MESSAGE', 'DISCONNECT_USER'],
    attributes: {},
    issuedAt: now,
    tokenExpiresAt: now + 60_000,
    sessionExpiresAt: now + 3_600_000,
  })
  const frames: ServerFrame[] = []
  const transport: SocketTransport = { send: (text) => frames.push(JSON.parse(text) as ServerFrame), close: () => {}, fail: () => {} }
  const result = emulator.chat.connect(token, transport)
  if (!result.ok) throw new Error(`listener refused: ${result.reason}`)
  return { frames, messages: () => frames.filter((f) => f.Type === 'MESSAGE') }
}

/** Lets `count` messages' timers fire and their (async) handling finish. */
async function elapse(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await vi.advanceTimersByTimeAsync(MEAN_GAP_MS)
}

function simulatedSessions() {
  return emulator.sessions().filter((s) => s.simulated)
}

function errorsTo(userIdPrefix: string): number[] {
  return emulator.frameLog
    .entries()
    .filter((e) => e.direction === 'out' && e.userId.startsWith(userIdPrefix) && e.text.includes('"Type":"ERROR"'))
    .map((e) => (JSON.parse(e.text) as { ErrorCode: number }).ErrorCode)
}

describe('simulated chatters', () => {
  it('are off by default', () => {
    const fresh = new Emulator()
    expect(fresh.chatters.running).toBe(false)
    expect(fresh.sessions()).toEqual([])
    vi.advanceTimersByTime(10 * 60_000)
    expect(fresh.frameLog.entries()).toEqual([])
  })

  it('join the room as sessions with display name, hex color and badges, and no avatar', () => {
    chatters.start({ roomArn: DEMO_ROOM_ARN, count: 4, messagesPerMinute: RATE })
    const sessions = simulatedSessions()
    expect(chatters.running).toBe(true)
    expect(sessions).toHaveLength(4)
    expect(new Set(sessions.map((s) => s.userId)).size).toBe(4)
    for (const session of sessions) {
      expect(session.roomArn).toBe(DEMO_ROOM_ARN)
      expect(session.userId).toMatch(/^sim-/)
      expect(session.attributes.displayName).toMatch(/\S/)
      expect(session.attributes.color).toMatch(/^#[0-9a-f]{6}$/)
      expect(session.attributes).not.toHaveProperty('avatar')
    }
    const badges = sessions.flatMap((s) => s.attributes.badges?.split(',') ?? [])
    expect(badges).toEqual(expect.arrayContaining(['moderator', 'subscriber', 'vip']))
  })

  it('send lines from the pool to everyone in the room, at the configured rate', async () => {
    const viewer = await listener()
    chatters.start({ roomArn: DEMO_ROOM_ARN, count: 3, messagesPerMinute: RATE })
    await elapse(10)
    const messages = viewer.messages()
    // One per mean gap at most (each gap is ln 2 × mean with random = 0.5, so 14 fit in 10 means).
    expect(messages.length).toBe(14)
    for (const message of messages) {
      if (message.Type !== 'MESSAGE') continue
      expect(SIMULATED_LINES).toContain(message.Content)
      expect(message.Sender.UserId).toMatch(/^sim-/)
      expect(message.Sender.Attributes.displayName).toBeDefined()
    }
  })

  it('send through the socket path: the room length limit answers them with ERROR 400', async () => {
    const viewer = await listener()
    emulator.rooms.update(DEMO_ROOM_ARN, { maximumMessageLength: 1 })
    chatters.start({ roomArn: DEMO_ROOM_ARN, count: 2, messagesPerMinute: RATE })
    await elapse(3)
    expect(viewer.messages()).toEqual([])
    expect(errorsTo('sim-').length).toBeGreaterThan(0)
    expect(new Set(errorsTo('sim-'))).toEqual(new Set([400]))
  })

  it('are reviewed: a denying review handler answers them with ERROR 406', async () => {
    const viewer = await listener()
    emulator.setReviewHandler(DEMO_ROOM_ARN, () => ({ ReviewResult: 'DENY' }))
    chatters.start({ roomArn: DEMO_ROOM_ARN, count: 2, messagesPerMinute: RATE })
    await elapse(3)
    expect(viewer.messages()).toEqual([])
    expect(new Set(errorsTo('sim-'))).toEqual(new Set([406]))
  })

  it('obey the room rate: at 1 message per second, a faster group gets ERROR 429', async () => {
    emulator.rooms.update(DEMO_ROOM_ARN, { maximumMessageRatePerSecond: 1 })
    chatters.start({ roomArn: DEMO_ROOM_ARN, count: 3, messagesPerMinute: 600 })
    // 100 ms means: the gaps are 69 ms, so about fourteen sends in each second.
    for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(100)
    expect(errorsTo('sim-')).toContain(429)
  })

  it('do not use up the send faults queued for a person', async () => {
    emulator.faults.failNextSends(1, 429)
    chatters.start({ roomArn: DEMO_ROOM_ARN, count: 2, messagesPerMinute: RATE })
    await elapse(3)
    expect(errorsTo('sim-')).toEqual([])
    expect(emulator.faults.pending().sendFaults).toEqual([{ errorCode: 429, errorMessage: 'Rate limit exceeded (injected by the emulator)' }])
  })

  it('leave on stop with no timer left behind', async () => {
    chatters.start({ roomArn: DEMO_ROOM_ARN, count: 3, messagesPerMinute: RATE })
    await elapse(2)
    chatters.stop()
    expect(chatters.running).toBe(false)
    expect(emulator.sessions()).toEqual([])
    expect(emulator.clock.pendingTimers).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    const logged = emulator.frameLog.entries().length
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(emulator.frameLog.entries()).toHaveLength(logged)
  })

  it('stop with emulator.reset(), which also restores their default settings', () => {
    emulator.chatters.start({ roomArn: DEMO_ROOM_ARN, count: 5, messagesPerMinute: 30 })
    expect(emulator.sessions()).toHaveLength(5)
    emulator.reset()
    expect(emulator.chatters.running).toBe(false)
    expect(emulator.sessions()).toEqual([])
    expect(emulator.chatters.settings).toEqual({ roomArn: '', count: 3, messagesPerMinute: 12 })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('follow a new count and rate while running', () => {
    chatters.start({ roomArn: DEMO_ROOM_ARN, count: 2, messagesPerMinute: RATE })
    chatters.configure({ count: 5 })
    expect(simulatedSessions()).toHaveLength(5)
    chatters.configure({ count: 1, messagesPerMinute: 6 })
    expect(simulatedSessions().map((s) => s.userId)).toEqual(['sim-ada'])
    expect(chatters.settings).toEqual({ roomArn: DEMO_ROOM_ARN, count: 1, messagesPerMinute: 6 })
  })

  it('come back with a new connection after the emulator ends their session or drops it', async () => {
    chatters.start({ roomArn: DEMO_ROOM_ARN, count: 1, messagesPerMinute: 1 })
    const [first] = simulatedSessions()
    emulator.chat.endSession(first!.id)
    await vi.advanceTimersByTimeAsync(100)
    expect(simulatedSessions()).toEqual([])
    expect(chatters.participants()).toEqual([{ userId: 'sim-ada', displayName: 'Ada', state: 'reconnecting' }])
    await vi.advanceTimersByTimeAsync(1_500)
    const [second] = simulatedSessions()
    expect(second?.userId).toBe('sim-ada')
    expect(second?.id).not.toBe(first!.id)

    emulator.chat.dropConnection(second!.id)
    expect(simulatedSessions()).toEqual([])
    await vi.advanceTimersByTimeAsync(1_500)
    expect(simulatedSessions().map((s) => s.userId)).toEqual(['sim-ada'])
  })

  it('renew at the end of their session', async () => {
    chatters.start({ roomArn: DEMO_ROOM_ARN, count: 1, messagesPerMinute: 1 })
    const [first] = simulatedSessions()
    emulator.advanceTime(60 * 60_000)
    await vi.advanceTimersByTimeAsync(1_600)
    const [second] = simulatedSessions()
    expect(second?.id).not.toBe(first!.id)
  })

  it('stay out once a moderator disconnects them', async () => {
    chatters.start({ roomArn: DEMO_ROOM_ARN, count: 2, messagesPerMinute: 1 })
    emulator.chat.disconnectUser(DEMO_ROOM_ARN, 'sim-kenji', 'spam')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(simulatedSessions().map((s) => s.userId)).toEqual(['sim-ada'])
    expect(chatters.participants().map((p) => p.state)).toEqual(['connected', 'kicked'])
  })

  it('stop when their room is deleted', async () => {
    const room = emulator.rooms.create({ region: 'us-west-2', accountId: '123456789012' })
    chatters.start({ roomArn: room.arn, count: 2, messagesPerMinute: 1 })
    emulator.rooms.delete(room.arn)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(chatters.running).toBe(false)
    expect(emulator.sessions()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('refuse a room that does not exist and out-of-range settings', () => {
    const missing = 'arn:aws:ivschat:us-west-2:123456789012:room/NoSuchRoom12'
    expect(() => chatters.start({ roomArn: missing })).toThrow(IvsChatError)
    expect(() => chatters.start({ roomArn: DEMO_ROOM_ARN, count: 0 })).toThrow(RangeError)
    expect(() => chatters.start({ roomArn: DEMO_ROOM_ARN, count: 9 })).toThrow(RangeError)
    expect(() => chatters.configure({ messagesPerMinute: 0 })).toThrow(RangeError)
    expect(() => chatters.configure({ messagesPerMinute: 601 })).toThrow(RangeError)
    expect(chatters.running).toBe(false)
    expect(emulator.sessions()).toEqual([])
  })
})
