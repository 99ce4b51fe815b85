import { SendMessageRequest } from 'amazon-ivs-chat-messaging'
import { describe, expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { eventually, fetchToken, join, MINUTE, nextEvent, openRawSocket, setupEmulatorServer } from './helpers'

setupEmulatorServer()

describe('session expiry', () => {
  it('ends the session at sessionExpirationTime with ERROR 401 then a close', async () => {
    const { token, sessionExpirationTime } = await fetchToken('alice', { sessionDurationInMinutes: 1 })
    const raw = await openRawSocket(token)
    const closed = new Promise<CloseEvent>((resolve) => raw.socket.addEventListener('close', resolve))

    emulator.advanceTime(sessionExpirationTime.getTime() - emulator.clock.now() - 1)
    expect(raw.frames).toEqual([])
    const frame = raw.nextFrame()
    emulator.advanceTime(1)

    expect(await frame).toMatchObject({ Type: 'ERROR', RequestId: '', ErrorCode: 401, ErrorMessage: 'Session expired' })
    const close = await closed
    expect([close.code, close.reason]).toEqual([1000, 'Session expired'])
    expect(emulator.sessions()).toEqual([])
    expect(emulator.clock.pendingTimers).toBe(0)
  })

  it('renews automatically: the SDK asks the tokenProvider again, connects with a new token, and gets a new session', async () => {
    const alice = await join({ userId: 'alice', sessionDurationInMinutes: 1 })
    const bob = await join({ userId: 'bob', sessionDurationInMinutes: 60 })
    const [first] = emulator.sessions().filter((s) => s.userId === 'alice')
    const bobSession = emulator.sessions().find((s) => s.userId === 'bob')!
    expect(emulator.clock.pendingTimers).toBe(2)

    const reconnected = nextEvent(alice.room, 'connect')
    emulator.advanceTime(MINUTE)
    await reconnected

    // No disconnect event: the app sees connecting → connect.
    expect(alice.states).toEqual(['connecting', 'connect', 'connecting', 'connect'])
    expect(alice.disconnects).toEqual([])
    expect(alice.tokenRequests()).toBe(2)
    expect(alice.tokens[1]!.token).not.toBe(alice.tokens[0]!.token)
    // The new token's session runs a minute from the renewal (real milliseconds pass meanwhile).
    expect(alice.tokens[1]!.sessionExpirationTime.getTime()).toBeGreaterThanOrEqual(alice.tokens[0]!.sessionExpirationTime.getTime() + MINUTE)
    expect(alice.logger.errors()).toEqual([expect.stringContaining('received error')])

    // The old connection is closed and forgotten; bob's session is untouched.
    await eventually(() => expect(emulator.sessions()).toHaveLength(2))
    const second = emulator.sessions().find((s) => s.userId === 'alice')!
    expect(second.id).not.toBe(first!.id)
    expect(emulator.sessions().find((s) => s.userId === 'bob')!.id).toBe(bobSession.id)
    expect(bob.states).toEqual(['connecting', 'connect'])
    expect(emulator.clock.pendingTimers).toBe(2)

    // The renewed connection chats as before.
    const sent = await alice.room.sendMessage(new SendMessageRequest('back'))
    await eventually(() => expect(bob.messages).toEqual([sent]))
  })

  it('renews again and again: three session ends, three renewals, one session at a time', async () => {
    const alice = await join({ userId: 'alice', sessionDurationInMinutes: 1 })
    for (let renewal = 1; renewal <= 3; renewal++) {
      const reconnected = nextEvent(alice.room, 'connect')
      emulator.advanceTime(MINUTE)
      await reconnected
      await eventually(() => expect(emulator.sessions()).toHaveLength(1))
    }
    expect(alice.tokenRequests()).toBe(4)
    expect(new Set(alice.tokens.map((t) => t.token)).size).toBe(4)
    expect(emulator.issuedTokens().every((t) => t.state === 'used')).toBe(true)
  })

  it('leaves no timer behind once every socket has closed', async () => {
    const alice = await join({ userId: 'alice', sessionDurationInMinutes: 1 })
    const bob = await join({ userId: 'bob' })
    const reconnected = nextEvent(alice.room, 'connect')
    emulator.advanceTime(MINUTE)
    await reconnected

    alice.room.disconnect()
    bob.room.disconnect()
    await eventually(() => expect(emulator.sessions()).toEqual([]))
    expect(emulator.clock.pendingTimers).toBe(0)
  })

  it('serves the SDK\'s proactive refresh: a second connection with a fresh token, then the first one closed', async () => {
    // The SDK opens its next connection 30 s before a token of 60 s or less expires: here
    // after about 200 ms of real time.
    emulator.configure({ tokenLifetimeMs: 30_200 })
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    const first = emulator.sessions().find((s) => s.userId === 'alice')!

    await eventually(() => expect(alice.tokenRequests()).toBeGreaterThanOrEqual(2))
    await eventually(() => {
      const mine = emulator.sessions().filter((s) => s.userId === 'alice')
      expect(mine).toHaveLength(1)
      expect(mine[0]!.id).not.toBe(first.id)
    })
    // A switch, not a reconnect: no connecting/disconnect events, and chat goes on.
    expect(alice.states).toEqual(['connecting', 'connect'])
    expect(alice.disconnects).toEqual([])
    const sent = await alice.room.sendMessage(new SendMessageRequest('after the switch'))
    await eventually(() => expect(bob.messages).toContainEqual(sent))
  })

  it('with sessionEnd "close" only closes: the SDK reports serverDisconnect and does not renew', async () => {
    emulator.configure({ sessionEnd: 'close' })
    const alice = await join({ userId: 'alice', sessionDurationInMinutes: 1 })
    const ended = nextEvent(alice.room, 'disconnect')
    emulator.advanceTime(MINUTE)
    expect(await ended).toBe('serverDisconnect')
    expect(alice.tokenRequests()).toBe(1)
    expect(alice.logger.errors()).toEqual([])
    await eventually(() => expect(emulator.sessions()).toEqual([]))
    expect(emulator.clock.pendingTimers).toBe(0)
  })
})
