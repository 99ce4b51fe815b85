import { SendMessageRequest } from 'amazon-ivs-chat-messaging'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { emulator } from '../../mocks/node'
import type { MessageFrame } from '../../mocks/contract/frames'
import { chatErrorOf, eventually, fetchToken, join, nextEvent, openRawSocket, participant, setupEmulatorServer } from './helpers'

setupEmulatorServer()

function sessionOf(userId: string) {
  const session = emulator.sessions().find((s) => s.userId === userId)
  if (!session) throw new Error(`${userId} has no session`)
  return session
}

describe('failNextSends', () => {
  it('fails the next N sends with the given code, then sends work again', async () => {
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    emulator.faults.failNextSends(2, 500)

    const first = new SendMessageRequest('one')
    expect(await chatErrorOf(alice.room.sendMessage(first))).toEqual({
      id: expect.any(String),
      errorCode: 500,
      errorMessage: 'Internal server error (injected by the emulator)',
      requestId: first.requestId,
    })
    expect(await chatErrorOf(bob.room.sendMessage(new SendMessageRequest('two')))).toMatchObject({ errorCode: 500 })
    const third = await alice.room.sendMessage(new SendMessageRequest('three'))
    await eventually(() => expect(bob.messages).toEqual([third]))
    expect(emulator.faults.pending().sendFaults).toEqual([])
  })

  it('takes a custom message and any chat error code', async () => {
    const alice = await join({ userId: 'alice' })
    emulator.faults.failNextSends(1, 429, 'Slow down (test)')
    expect(await chatErrorOf(alice.room.sendMessage(new SendMessageRequest('x')))).toMatchObject({ errorCode: 429, errorMessage: 'Slow down (test)' })
    expect(alice.room.state).toBe('connected')
  })
})

describe('dropConnection', () => {
  it('breaks the socket as a network failure would: the SDK reconnects with a new token; the old connection is forgotten', async () => {
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    const old = sessionOf('alice')
    const reconnected = nextEvent(alice.room, 'connect')

    expect(emulator.chat.dropConnection(old.id)).toBe(true)
    await reconnected

    expect(alice.states).toEqual(['connecting', 'connect', 'connecting', 'connect'])
    expect(alice.disconnects).toEqual([])
    expect(alice.tokenRequests()).toBe(2)
    expect(alice.tokens[1]!.token).not.toBe(alice.tokens[0]!.token)
    await eventually(() => expect(emulator.sessions()).toHaveLength(2))
    expect(sessionOf('alice').id).not.toBe(old.id)
    expect(emulator.chat.dropConnection(old.id)).toBe(false)
    expect(emulator.clock.pendingTimers).toBe(2)
    expect(emulator.frameLog.entries().some((e) => e.connectionId === old.id && e.text === 'closed')).toBe(true)

    const sent = await alice.room.sendMessage(new SendMessageRequest('I am back'))
    await eventually(() => expect(bob.messages).toEqual([sent]))
    expect(alice.messages).toEqual([sent])
  })

  it('answers false for a connection it does not know', () => {
    expect(emulator.chat.dropConnection('NoSuchConn12')).toBe(false)
    expect(emulator.chat.endSession('NoSuchConn12')).toBe(false)
  })
})

describe('endSession', () => {
  it('ends a session now (ERROR 401 then close); the SDK renews', async () => {
    const alice = await join({ userId: 'alice' })
    const old = sessionOf('alice')
    const reconnected = nextEvent(alice.room, 'connect')

    expect(emulator.chat.endSession(old.id)).toBe(true)
    await reconnected

    expect(alice.tokenRequests()).toBe(2)
    expect(alice.disconnects).toEqual([])
    await eventually(() => expect(emulator.sessions()).toHaveLength(1))
    expect(sessionOf('alice').id).not.toBe(old.id)
    expect(emulator.frameLog.entries()).toContainEqual(
      expect.objectContaining({ direction: 'out', connectionId: old.id, text: expect.stringContaining('"ErrorCode":401') }),
    )
  })
})

describe('latency', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('delays every frame by latencyMs', async () => {
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    emulator.configure({ latencyMs: 1_000 })

    const sent = alice.room.sendMessage(new SendMessageRequest('slowly'))
    await vi.advanceTimersByTimeAsync(999)
    expect(bob.messages).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(bob.messages.map((m) => m.content)).toEqual(['slowly'])
    await expect(sent).resolves.toMatchObject({ content: 'slowly' })
  })
})

describe('duplicate and reordered frames', () => {
  it('delivers the next frame twice with the same Id; the SDK shows it once', async () => {
    const { token } = await fetchToken('watcher')
    const raw = await openRawSocket(token)
    const alice = await join({ userId: 'alice' })
    emulator.faults.duplicateNextFrames(1)

    const sent = await alice.room.sendMessage(new SendMessageRequest('echo'))

    await eventually(() => expect(raw.frames).toHaveLength(2))
    expect(raw.frames[0]).toEqual(raw.frames[1])
    expect(raw.frames[0]).toMatchObject({ Type: 'MESSAGE', Id: sent.id })
    // Give the duplicate time to reach the SDK too: it must be dropped there.
    const after = await alice.room.sendMessage(new SendMessageRequest('after'))
    expect(alice.messages).toEqual([sent, after])
  })

  it('swaps the next two frames; SendTime still tells their true order', async () => {
    const { token } = await fetchToken('watcher')
    const raw = await openRawSocket(token)
    const alice = await join({ userId: 'alice' })
    emulator.faults.reorderNextFrames(1)

    const [one, two] = await Promise.all([alice.room.sendMessage(new SendMessageRequest('one')), alice.room.sendMessage(new SendMessageRequest('two'))])

    await eventually(() => expect(raw.frames).toHaveLength(2))
    const frames = raw.frames as MessageFrame[]
    expect(frames.map((f) => f.Content)).toEqual(['two', 'one'])
    expect(alice.messages.map((m) => m.content)).toEqual(['two', 'one'])
    expect(one.sendTime.getTime()).toBeLessThanOrEqual(two.sendTime.getTime())
    expect(frames[1]!.SendTime < frames[0]!.SendTime).toBe(true)
  })
})

describe('CreateChatToken faults', () => {
  it('an AccessDeniedException on the first token request: the SDK retries with a new request and connects', async () => {
    emulator.faults.failNextTokenRequests(1, 'AccessDeniedException')
    const alice = participant({ userId: 'alice' })
    const connected = nextEvent(alice.room, 'connect')
    alice.room.connect()
    await connected
    expect(alice.tokenRequests()).toBe(2)
    expect(alice.logger.errors()).toEqual([expect.stringContaining('did receive error while fetching token')])
  })

  it('PendingVerification on every try: the SDK gives up with fetchTokenError and never opens a socket', async () => {
    emulator.faults.failNextTokenRequests(4, 'PendingVerification')
    const alice = participant({ userId: 'alice' })
    const gaveUp = nextEvent(alice.room, 'disconnect')
    alice.room.connect()
    expect(await gaveUp).toBe('fetchTokenError')
    expect(alice.tokenRequests()).toBe(4)
    expect(emulator.issuedTokens()).toEqual([])
    expect(emulator.sessions()).toEqual([])
  })
})
