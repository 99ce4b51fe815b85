import { afterEach, describe, expect, it, vi } from 'vitest'
import { relayAcrossTabs, relayChannelName } from '../../mocks/cross-tab-relay'
import { DEMO_ROOM_ARN, Emulator } from '../../mocks/emulator/emulator'
import type { ChatTokenCapability } from '../../mocks/contract/constraints'
import type { ServerFrame } from '../../mocks/contract/frames'

/** Two tabs' emulators on one channel, as the demo's tabs are in a browser (Node has BroadcastChannel). */
const CHANNEL = relayChannelName('http://127.0.0.1/some/sub/path/index.html')
const stops: (() => void)[] = []
const others: BroadcastChannel[] = []

afterEach(() => {
  for (const stop of stops.splice(0)) stop()
  for (const channel of others.splice(0)) channel.close()
})

function tab(channel = CHANNEL): Emulator {
  const emulator = new Emulator()
  stops.push(relayAcrossTabs(emulator, channel), () => emulator.reset())
  return emulator
}

interface Member {
  frames: ServerFrame[]
  closed: { code: number; reason: string }[]
  send: (frame: object) => Promise<void>
}

async function join(emulator: Emulator, userId: string, capabilities: ChatTokenCapability[] = ['SEND_MESSAGE']): Promise<Member> {
  const now = emulator.clock.now()
  const token = await emulator.tokens.mint({
    roomArn: DEMO_ROOM_ARN,
    userId,
    capabilities,
    attributes: { displayName: `${userId} shown`, color: '#2e86ab' },
    issuedAt: now,
    tokenExpiresAt: now + 60_000,
    sessionExpiresAt: now + 3_600_000,
  })
  const member: Member = { frames: [], closed: [], send: async () => {} }
  const result = emulator.chat.connect(token, {
    send: (text) => member.frames.push(JSON.parse(text) as ServerFrame),
    close: (code, reason) => member.closed.push({ code, reason }),
    fail: () => {},
  })
  if (!result.ok) throw new Error(`refused: ${result.reason}`)
  member.send = (frame) => emulator.chat.receive(result.connection, JSON.stringify(frame))
  return member
}

/** Lets BroadcastChannel messages (a macrotask each) and the 20 ms delayed closes arrive. */
const settle = (ms = 60) => new Promise((done) => setTimeout(done, ms))

/**
 * Waits until what a test expects has arrived, however loaded the machine (a fixed wait alone
 * failed under load); `settle()` after it still gives a duplicate or a stray frame its chance.
 */
const arrived = (condition: () => boolean) =>
  vi.waitFor(() => {
    if (!condition()) throw new Error('not yet')
  }, { timeout: 5_000, interval: 10 })

describe('relayAcrossTabs', () => {
  it("delivers one tab's message to the other tab's members of the room, with the sender's attributes, once", async () => {
    const [a, b] = [tab(), tab()]
    const alice = await join(a, 'alice')
    const bob = await join(b, 'bob')

    await alice.send({ Action: 'SEND_MESSAGE', RequestId: 'r1', Content: 'hello from tab A' })
    await arrived(() => bob.frames.some((f) => f.Type === 'MESSAGE'))
    await settle() // time for a duplicate to show up, were there one

    const received = bob.frames.filter((f) => f.Type === 'MESSAGE')
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({
      Type: 'MESSAGE',
      Content: 'hello from tab A',
      RequestId: 'r1',
      Sender: { UserId: 'alice', Attributes: { displayName: 'alice shown', color: '#2e86ab' } },
    })
    // The sender's own tab delivers it once, and the relay does not echo it back.
    expect(alice.frames.filter((f) => f.Type === 'MESSAGE')).toHaveLength(1)
    expect(received[0]!.Id).toBe(alice.frames.find((f) => f.Type === 'MESSAGE')!.Id)
  })

  it("carries a moderator's delete to the other tab and closes the disconnected user's connection there", async () => {
    const [a, b] = [tab(), tab()]
    const moderator = await join(a, 'mod', ['SEND_MESSAGE', 'DELETE_MESSAGE', 'DISCONNECT_USER'])
    const bob = await join(b, 'bob')

    await moderator.send({ Action: 'DELETE_MESSAGE', RequestId: 'd1', Id: 'someMessage', Reason: 'spam' })
    await moderator.send({ Action: 'DISCONNECT_USER', RequestId: 'k1', UserId: 'bob', Reason: 'rude' })
    await arrived(() => bob.closed.length > 0)
    await settle()

    const events = bob.frames.filter((f) => f.Type === 'EVENT')
    expect(events.map((f) => f.Type === 'EVENT' && [f.EventName, f.Attributes])).toEqual([
      ['aws:DELETE_MESSAGE', { MessageId: 'someMessage', MessageID: 'someMessage', Reason: 'spam' }],
      ['aws:DISCONNECT_USER', { UserId: 'bob', Reason: 'rude' }],
    ])
    expect(bob.closed).toEqual([{ code: 1000, reason: 'rude' }])
    expect(b.sessions()).toEqual([])
    expect(a.sessions().map((s) => s.userId)).toEqual(['mod'])
  })

  it('relays no ERROR frame, and keeps to its channel', async () => {
    const [a, b] = [tab(), tab()]
    const elsewhere = tab(relayChannelName('http://127.0.0.1/another/demo/'))
    const reader = await join(a, 'reader', [])
    const bob = await join(b, 'bob')
    const carol = await join(elsewhere, 'carol')

    await reader.send({ Action: 'SEND_MESSAGE', RequestId: 'r2', Content: 'not allowed' })
    await bob.send({ Action: 'SEND_MESSAGE', RequestId: 'r3', Content: 'only for this demo' })
    await arrived(() => reader.frames.length >= 2 && bob.frames.length >= 1)
    await settle()

    expect(reader.frames.map((f) => f.Type)).toEqual(['ERROR', 'MESSAGE'])
    expect(bob.frames.map((f) => f.Type)).toEqual(['MESSAGE'])
    expect(carol.frames).toEqual([])
  })

  it('ignores what is not a delivery: a junk post on the channel reaches no one and throws nothing', async () => {
    const b = tab()
    const bob = await join(b, 'bob')
    const stranger = new BroadcastChannel(CHANNEL)
    others.push(stranger)

    const junk = [
      { roomArn: DEMO_ROOM_ARN, frame: { Type: 'MESSAGE', Id: 'x', Content: 42 } },
      { roomArn: DEMO_ROOM_ARN, frame: { Type: 'ERROR', Id: 'y', RequestId: '', ErrorCode: 401, ErrorMessage: 'end' } },
      'hello',
    ]
    // A BroadcastChannel has no target origin.
    // oxlint-disable-next-line unicorn/require-post-message-target-origin
    for (const message of junk) stranger.postMessage(message)
    await settle()

    expect(bob.frames).toEqual([])
    expect(bob.closed).toEqual([])
  })
})
