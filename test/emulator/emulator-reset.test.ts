import { describe, expect, it, vi } from 'vitest'
import { createChatToken, createRoom, updateRoom } from '../../mocks/emulator/control-plane'
import { DEMO_ROOM_ARN, DEMO_ROOM_ID, DEMO_ROOM_NAME, Emulator } from '../../mocks/emulator/emulator'
import { DEFAULT_SETTINGS } from '../../mocks/emulator/settings'

/** `emulator.reset()`: back to a fresh emulator holding the seeded demo room only. */

const HERE = { region: 'us-west-2' }

/** An emulator with something changed in every part that reset must put back. */
async function usedEmulator(): Promise<{ emulator: Emulator; token: string }> {
  const emulator = new Emulator()
  createRoom(emulator, { name: 'extra' }, HERE)
  createRoom(emulator, { name: 'another' }, { region: 'eu-west-1' })
  updateRoom(emulator, { identifier: DEMO_ROOM_ARN, name: 'renamed', maximumMessageLength: 10 })
  emulator.setReviewHandler(DEMO_ROOM_ARN, () => ({ ReviewResult: 'DENY' }))
  const { token } = await createChatToken(emulator, { roomIdentifier: DEMO_ROOM_ARN, userId: 'alice' })
  emulator.faults.failNextTokenRequests(2, 'AccessDeniedException')
  emulator.faults.failNextSends(1, 429)
  emulator.configure({ tokenLifetimeMs: 1_000, latencyMs: 50, sessionEnd: 'close' })
  emulator.advanceTime(10 * 60_000)
  emulator.clock.at(emulator.clock.now() + 60_000, () => {})
  // A refused connection, recorded as a rejection.
  emulator.chat.connect('not-a-token', { send() {}, close() {}, fail() {} })
  expect(emulator.rejections()).toMatchObject([{ reason: 'malformed' }])
  emulator.frameLog.add({ time: 0, direction: 'event', connectionId: 'c', userId: 'alice', roomArn: DEMO_ROOM_ARN, text: 'connected' })
  return { emulator, token }
}

describe('reset', () => {
  it('leaves the seeded demo room only, as it was first seeded', async () => {
    const { emulator } = await usedEmulator()
    emulator.reset()
    const rooms = emulator.rooms.all()

    expect(rooms).toHaveLength(1)
    expect(rooms[0]).toMatchObject({
      id: DEMO_ROOM_ID,
      arn: DEMO_ROOM_ARN,
      name: DEMO_ROOM_NAME,
      maximumMessageLength: 500,
      maximumMessageRatePerSecond: 10,
      tags: { purpose: 'demo' },
    })
    expect(rooms[0]!.messageReviewHandler).toBeUndefined()
    expect(rooms[0]!.review).toBeUndefined()
  })

  it('brings the demo room back after it was deleted', () => {
    const emulator = new Emulator()
    emulator.rooms.delete(DEMO_ROOM_ARN)
    emulator.reset()

    expect(emulator.rooms.get(DEMO_ROOM_ARN).id).toBe(DEMO_ROOM_ID)
  })

  it('forgets tokens: one issued before the reset is refused after it', async () => {
    const { emulator, token } = await usedEmulator()
    emulator.reset()

    expect(emulator.issuedTokens()).toEqual([])
    expect(emulator.tokens.redeem(token)).toEqual({ ok: false, reason: 'not-issued' })
  })

  it('clears faults, settings, time, timers, rejections and the frame log', async () => {
    const { emulator } = await usedEmulator()
    emulator.reset()

    expect(emulator.faults.pending()).toEqual({ tokenFaults: [], sendFaults: [], duplicateFrames: 0, reorderFrames: 0 })
    expect(emulator.settings).toEqual(DEFAULT_SETTINGS)
    expect(emulator.clock.offset).toBe(0)
    expect(emulator.clock.pendingTimers).toBe(0)
    expect(emulator.rejections()).toEqual([])
    expect(emulator.frameLog.entries()).toEqual([])
    expect(emulator.sessions()).toEqual([])
  })

  it('works like new afterwards: a token is minted and redeemed', async () => {
    const { emulator } = await usedEmulator()
    emulator.reset()
    const { token } = await createChatToken(emulator, { roomIdentifier: DEMO_ROOM_ARN, userId: 'bob' })

    expect(emulator.tokens.redeem(token)).toMatchObject({ ok: true, claims: { userId: 'bob' } })
  })

  it('tells subscribers (the demo panel) that the state changed', () => {
    const emulator = new Emulator()
    const listener = vi.fn<() => void>()
    emulator.subscribe(listener)
    emulator.reset()

    expect(listener).toHaveBeenCalled()
  })

  it('tells subscribers once, when the account is seeded again, never in a half-reset state', async () => {
    const { emulator } = await usedEmulator()
    emulator.chatters.start({ roomArn: DEMO_ROOM_ARN, count: 2, messagesPerMinute: 30 })
    expect(emulator.sessions()).toHaveLength(2)
    const roomsSeen: string[][] = []
    emulator.subscribe(() => roomsSeen.push(emulator.rooms.all().map((room) => room.id)))
    emulator.reset()

    expect(roomsSeen).toEqual([[DEMO_ROOM_ID]])
  })
})
