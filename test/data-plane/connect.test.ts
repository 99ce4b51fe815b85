import { DeleteRoomCommand } from '@aws-sdk/client-ivschat'
import { describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, Emulator, emulator } from '../../mocks/node'
import { createChatToken, createRoom as createRoomIn } from '../../mocks/emulator/control-plane'
import type { ChatToken } from '../../src/ivschat/request-chat-token'
import {
  createRoom,
  eventually,
  fetchToken,
  ivschat,
  join,
  MINUTE,
  nextEvent,
  openRawSocket,
  participant,
  SOCKET_URL,
  setupEmulatorServer,
  type Participant,
} from './helpers'

setupEmulatorServer()

/**
 * What the SDK reports for a refused token: no `connect`, a retry per `maxReconnectAttempts`
 * (each refused again), then `disconnect('socketError')`; the emulator opens no session.
 */
async function expectRefused(p: Participant, attempts: number): Promise<void> {
  const sessionsBefore = emulator.sessions()
  const gaveUp = nextEvent(p.room, 'disconnect')
  p.room.connect()
  expect(await gaveUp).toBe('socketError')
  expect(p.states).toEqual(['connecting'])
  expect(p.room.state).toBe('disconnected')
  expect(p.tokenRequests()).toBe(attempts)
  expect(p.logger.errors().filter((m) => m.includes('did receive WebSocket "error" event'))).toHaveLength(attempts)
  expect(emulator.sessions()).toEqual(sessionsBefore)
}

/**
 * A ChatRoom whose tokenProvider hands the SDK the same (bad) token every time. One attempt
 * only unless said otherwise: MSW leaks a listener per refused socket (see the report), and a
 * dozen of them print a MaxListenersExceededWarning.
 */
function withToken(token: ChatToken | string, maxReconnectAttempts = 0): Participant {
  const chatToken = typeof token === 'string' ? { token } : token
  return participant({ userId: 'mallory', tokenProvider: () => Promise.resolve(chatToken), maxReconnectAttempts })
}

describe('connecting', () => {
  it('opens one session per ChatRoom, keyed by the token, with a token fetched through the fetch layer', async () => {
    const alice = await join({ userId: 'alice', capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE'], attributes: { displayName: 'Alice' } })
    const bob = await join({ userId: 'bob', capabilities: [] })

    expect(alice.room.state).toBe('connected')
    expect(alice.states).toEqual(['connecting', 'connect'])
    expect(alice.tokenRequests()).toBe(1)
    const issued = emulator.issuedTokens().find((t) => t.userId === 'alice')!
    // The fetch layer hands the SDK both expiry times as Dates, straight from the response.
    expect(alice.tokens[0]!.tokenExpirationTime).toEqual(new Date(issued.tokenExpiresAt))
    expect(alice.tokens[0]!.sessionExpirationTime).toEqual(new Date(issued.issuedAt + 60 * MINUTE))
    const sessions = emulator.sessions().sort((a, b) => a.userId.localeCompare(b.userId))
    expect(sessions).toEqual([
      expect.objectContaining({ userId: 'alice', roomArn: DEMO_ROOM_ARN, capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE'], attributes: { displayName: 'Alice' } }),
      expect.objectContaining({ userId: 'bob', roomArn: DEMO_ROOM_ARN, capabilities: [], attributes: {} }),
    ])
    expect(sessions[0]!.sessionExpiresAt).toBe(alice.tokens[0]!.sessionExpirationTime.getTime())
    expect(emulator.issuedTokens().map((t) => t.state)).toEqual(['used', 'used'])
    expect(bob.tokens).toHaveLength(1)
  })

  it('forgets a session as soon as its client leaves', async () => {
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    alice.room.disconnect()
    expect(alice.disconnects).toEqual(['clientDisconnect'])
    await eventually(() => expect(emulator.sessions().map((s) => s.userId)).toEqual(['bob']))
    bob.room.disconnect()
    await eventually(() => expect(emulator.sessions()).toEqual([]))
    expect(emulator.clock.pendingTimers).toBe(0)
  })
})

describe('a room deleted while connected', () => {
  it('ends its sessions with ERROR 404 then a close; other rooms are untouched', async () => {
    const roomArn = await createRoom({ name: 'doomed' })
    const token = await fetchToken('alice', { roomArn })
    const raw = await openRawSocket(token.token)
    const bob = await join({ userId: 'bob' })

    const frame = raw.nextFrame()
    await ivschat().send(new DeleteRoomCommand({ identifier: roomArn }))
    expect(await frame).toMatchObject({ Type: 'ERROR', RequestId: '', ErrorCode: 404 })
    await eventually(() => expect(raw.closed()).toBe(true))
    expect(emulator.sessions().map((s) => s.userId)).toEqual(['bob'])
    expect(bob.room.state).toBe('connected')
  })
})

describe('refused tokens: a failed handshake, never a connect', () => {
  it('refuses a replayed token', async () => {
    const token = await fetchToken('mallory')
    const first = withToken(token)
    const connected = nextEvent(first.room, 'connect')
    first.room.connect()
    await connected

    // The first try and one retry, each with the same token, each refused.
    await expectRefused(withToken(token, 1), 2)
    expect(emulator.rejections().map((r) => r.reason)).toEqual(['already-used', 'already-used'])
    // The first connection is untouched by the replay.
    expect(first.room.state).toBe('connected')
    first.room.disconnect()
  })

  it('refuses a tampered token (one character of its ciphertext changed)', async () => {
    const { token } = await fetchToken('mallory')
    const parts = token.split('.')
    const ciphertext = parts[3]!
    parts[3] = (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1)

    await expectRefused(withToken(parts.join('.')), 1)
    expect(emulator.rejections().map((r) => r.reason)).toEqual(['not-issued'])
    expect(emulator.issuedTokens()[0]!.state).toBe('unused')
  })

  it('refuses a token minted under another emulator\'s key', async () => {
    const other = new Emulator()
    const now = emulator.clock.now()
    const token = await other.tokens.mint({
      roomArn: DEMO_ROOM_ARN,
      userId: 'mallory',
      capabilities: ['SEND_MESSAGE'],
      attributes: {},
      issuedAt: now,
      tokenExpiresAt: now + MINUTE,
      sessionExpiresAt: now + MINUTE,
    })

    await expectRefused(withToken(token), 1)
    expect(emulator.rejections().map((r) => r.reason)).toEqual(['unknown-key'])
  })

  it('refuses a token that is not a token at all', async () => {
    await expectRefused(withToken('not-a-token'), 1)
    expect(emulator.rejections().map((r) => r.reason)).toEqual(['malformed'])
  })

  it('refuses an expired token (emulator time past tokenExpirationTime)', async () => {
    const token = await fetchToken('mallory')
    emulator.advanceTime(token.tokenExpirationTime.getTime() - emulator.clock.now())
    expect(emulator.issuedTokens()[0]!.state).toBe('expired')

    await expectRefused(withToken(token), 1)
    expect(emulator.rejections().map((r) => r.reason)).toEqual(['expired'])
  })

  it('accepts a token a second before it expires', async () => {
    const token = await fetchToken('alice')
    emulator.advanceTime(token.tokenExpirationTime.getTime() - emulator.clock.now() - 1_000)
    const p = withToken(token)
    const connected = nextEvent(p.room, 'connect')
    p.room.connect()
    await connected
    expect(emulator.rejections()).toEqual([])
  })

  it('refuses a token for a room that was deleted after the token was issued', async () => {
    const roomArn = await createRoom({ name: 'short-lived' })
    const token = await fetchToken('mallory', { roomArn })
    await ivschat().send(new DeleteRoomCommand({ identifier: roomArn }))

    await expectRefused(withToken(token), 1)
    expect(emulator.rejections().map((r) => r.reason)).toEqual(['room-deleted'])
  })

  it('shows a refusal to a plain WebSocket as error then close, never open; a socket with no token too', async () => {
    const socket = new WebSocket(SOCKET_URL, 'garbage')
    const seen: string[] = []
    socket.addEventListener('open', () => seen.push('open'))
    socket.addEventListener('error', () => seen.push('error'))
    const close = await new Promise<CloseEvent>((resolve) => socket.addEventListener('close', resolve))
    expect(seen).toEqual(['error'])
    expect([close.code, close.reason]).toEqual([1000, 'Connection refused: malformed'])
    expect(socket.readyState).toBe(WebSocket.CLOSED)

    const tokenless = new WebSocket(SOCKET_URL)
    await new Promise((resolve) => tokenless.addEventListener('close', resolve))
    expect(emulator.rejections().map((r) => r.reason)).toEqual(['malformed', 'missing'])
    expect(emulator.sessions()).toEqual([])
  })

  it('serves the rooms of its own region: a token for an eu-west-1 room opens the eu-west-1 socket, not the us-west-2 one', async () => {
    const room = createRoomIn(emulator, { name: 'dublin' }, { region: 'eu-west-1' })
    const mint = async () => (await createChatToken(emulator, { roomIdentifier: room.arn, userId: 'dubliner' }, { region: 'eu-west-1' })).token

    const dublin = new WebSocket('wss://edge.ivschat.eu-west-1.amazonaws.com', await mint())
    await new Promise((resolve, reject) => {
      dublin.addEventListener('open', resolve)
      dublin.addEventListener('close', reject)
    })
    expect(emulator.sessions().map((s) => s.roomArn)).toEqual([room.arn])
    dublin.close()

    const oregon = new WebSocket(SOCKET_URL, await mint())
    const close = await new Promise<CloseEvent>((resolve) => oregon.addEventListener('close', resolve))
    expect([close.code, close.reason]).toEqual([1000, 'Connection refused: other-region'])
    expect(emulator.rejections().map((r) => r.reason)).toEqual(['other-region'])
  })
})
