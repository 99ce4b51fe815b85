import { SendMessageRequest } from 'amazon-ivs-chat-messaging'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ChatConnection } from '../../mocks/emulator/connection'
import { DEMO_ROOM_ARN, Emulator } from '../../mocks/emulator/emulator'
import { emulator as sharedEmulator } from '../../mocks/node'
import { CHAT_ERROR_CODES, CLIENT_ACTIONS, type ErrorFrame } from '../../mocks/contract/frames'
import type { ChatTokenCapability } from '../../mocks/contract/constraints'
import { eventually, fetchToken, join, openRawSocket, setupEmulatorServer } from '../data-plane/helpers'
import { mintToken, RecordingTransport, SEED } from './support'

/**
 * Random and hostile frames into the chat socket: straight into `emulator.chat.receive()` with
 * recording transports, and a few through a raw WebSocket next to a real `ChatRoom`. Every
 * frame that is not a deliverable action is answered with exactly one valid ERROR frame, to its
 * sender only; nobody else receives anything, no connection is closed, the others keep
 * chatting, and the emulator never throws.
 */

/** Runs of each property; each run sends 1 to 12 frames. */
const RUNS = 150
const MAX_FRAME_BYTES = 64 * 1024

setupEmulatorServer()

interface Member {
  transport: RecordingTransport
  connection: ChatConnection
}

interface Room {
  emulator: Emulator
  hostile: Member
  bystanders: Member[]
}

async function member(emulator: Emulator, userId: string, capabilities: ChatTokenCapability[]): Promise<Member> {
  const transport = new RecordingTransport()
  const result = emulator.chat.connect(await mintToken(emulator, { userId, capabilities }), transport)
  if (!result.ok) throw new Error(`${userId} could not connect: ${result.reason}`)
  return { transport, connection: result.connection }
}

/** A fresh emulator with a hostile member and two bystanders in the demo room. */
async function room(hostileCapabilities: ChatTokenCapability[]): Promise<Room> {
  const emulator = new Emulator()
  const hostile = await member(emulator, 'mallory', hostileCapabilities)
  const bystanders = [await member(emulator, 'alice', ['SEND_MESSAGE']), await member(emulator, 'bob', ['SEND_MESSAGE'])]
  return { emulator, hostile, bystanders }
}

type Frame = string | ArrayBuffer | Blob | ArrayBufferView

/** The RequestId an ERROR for `frame` must echo: a parsed frame's own (string) RequestId, or ''. */
function requestIdOf(frame: Frame): string | undefined {
  if (typeof frame !== 'string' || Buffer.byteLength(frame) > MAX_FRAME_BYTES) return undefined
  try {
    const json: unknown = JSON.parse(frame)
    if (typeof json === 'object' && json !== null && !Array.isArray(json) && typeof (json as { RequestId?: unknown }).RequestId === 'string') {
      return (json as { RequestId: string }).RequestId
    }
  } catch {
    // not JSON: no RequestId to echo
  }
  return ''
}

/**
 * Sends every frame from the hostile member and checks the invariants: one ERROR frame per
 * frame, to the sender, echoing its RequestId; nothing to anyone else; no close; no throw.
 */
async function expectEachAnsweredWithOneError({ emulator, hostile, bystanders }: Room, frames: readonly Frame[]): Promise<ErrorFrame[]> {
  for (const frame of frames) await emulator.chat.receive(hostile.connection, frame)
  const errors = hostile.transport.errors()
  expect(errors).toHaveLength(frames.length)
  frames.forEach((frame, i) => {
    const expected = requestIdOf(frame)
    // An oversized frame is not parsed: its RequestId is echoed only when it leads the frame.
    expect([expected ?? '', ...(expected === undefined ? [requestIdNearStart(frame)] : [])]).toContain(errors[i]!.RequestId)
    expect([400, 403, 413, 429]).toContain(errors[i]!.ErrorCode)
  })
  expect(new Set(errors.map((error) => error.Id)).size).toBe(errors.length)
  for (const { transport } of bystanders) expect(transport.sent).toEqual([])
  for (const { transport } of [hostile, ...bystanders]) expect(transport.closes).toEqual([])
  expect(emulator.sessions()).toHaveLength(3)
  return errors
}

function requestIdNearStart(frame: Frame): string {
  return typeof frame === 'string' ? (/"RequestId"\s*:\s*"([\w-]{1,128})"/.exec(frame.slice(0, 512))?.[1] ?? '') : ''
}

/** A bystander's message still reaches everyone, the hostile member included. */
async function expectRoomStillChats({ emulator, hostile, bystanders }: Room): Promise<void> {
  for (const { transport } of [hostile, ...bystanders]) transport.clear()
  await emulator.chat.receive(bystanders[0]!.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'still-here', Content: 'still here' }))
  for (const { transport } of [hostile, ...bystanders]) {
    expect(transport.frames()).toEqual([expect.objectContaining({ Type: 'MESSAGE', Content: 'still here', RequestId: 'still-here' })])
  }
}

// ---- frames ----------------------------------------------------------------------------------

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString'] as const
const anyAction = fc.constantFrom(...CLIENT_ACTIONS)
const requestId = fc.option(fc.oneof(fc.uuid(), fc.string({ unit: 'binary', maxLength: 40 })), { nil: undefined })
const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }))
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`

/** Well-formed actions (deliverable by a member with the capability). */
const validAction = fc.oneof(
  fc.record({ Action: fc.constant('SEND_MESSAGE'), RequestId: requestId, Content: fc.string({ minLength: 1, maxLength: 40 }) }, { requiredKeys: ['Action', 'Content'] }),
  fc.record({ Action: fc.constant('DELETE_MESSAGE'), RequestId: requestId, Id: fc.stringMatching(/^[a-zA-Z0-9]{12}$/) }, { requiredKeys: ['Action', 'Id'] }),
  fc.record({ Action: fc.constant('DISCONNECT_USER'), RequestId: requestId, UserId: fc.constantFrom('alice', 'bob', 'nobody') }, { requiredKeys: ['Action', 'UserId'] }),
)

/** Frames that no member may have delivered, whatever its capabilities: each is wrong by construction. */
const invalidFrame: fc.Arbitrary<Frame> = fc.oneof(
  // Not JSON at all, or JSON that is not an object.
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => `{${text}`),
  fc.constantFrom('', ' ', 'null', '[]', '"SEND_MESSAGE"', '42', '{"Action":"SEND_MESSAGE"', '\uFEFF{}', '{}{}'),
  fc.jsonValue({ maxDepth: 2 }).filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)).map((value) => JSON.stringify(value)),
  // An Action that is not one of the three.
  fc
    .record({ Action: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('send_message', 'SEND_EVENT', 'SendMessage', ...PROTOTYPE_KEYS), wrongType), RequestId: requestId, Content: fc.string() })
    .filter((frame) => !(CLIENT_ACTIONS as readonly unknown[]).includes(frame.Action))
    .map((frame) => JSON.stringify(frame)),
  fc.constant(`{"Action":${deep(30_000)}}`),
  // A known Action with a member of the wrong type, missing, empty or over its limit.
  fc.tuple(requestId, wrongType).map(([id, content]) => JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: id, Content: content })),
  fc.tuple(requestId, fc.dictionary(fc.string({ maxLength: 8 }), wrongType, { minKeys: 1, maxKeys: 3 })).map(([id, attributes]) =>
    JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: id, Content: 'x', Attributes: attributes }),
  ),
  fc.constantFrom(
    '{"Action":"SEND_MESSAGE","Content":"x","Attributes":{"__proto__":"x"}}',
    '{"Action":"SEND_MESSAGE","Content":"x","Attributes":{"__proto__":{"polluted":"yes"}}}',
    '{"Action":"SEND_MESSAGE","Content":"x","Attributes":"color=red"}',
    '{"Action":"SEND_MESSAGE","Content":"x","Attributes":["a"]}',
    `{"Action":"SEND_MESSAGE","Content":${deep(30_000)}}`,
    '{"__proto__":{"Action":"SEND_MESSAGE","Content":"inherited?"}}',
    '{"constructor":{"prototype":{"Action":"SEND_MESSAGE"}}}',
    '{"Action":"SEND_MESSAGE","Content":""}',
    `{"Action":"SEND_MESSAGE","Content":"${'😀'.repeat(501)}"}`,
    // 1 KB + 1 byte of attributes, the edge on a 3-byte character.
    `{"Action":"SEND_MESSAGE","Content":"x","Attributes":{"kk":"${'€'.repeat(341)}"}}`,
    '{"Action":"DELETE_MESSAGE"}',
    '{"Action":"DELETE_MESSAGE","Id":""}',
    '{"Action":"DELETE_MESSAGE","Id":42}',
    '{"Action":"DISCONNECT_USER"}',
    '{"Action":"DISCONNECT_USER","UserId":["alice"]}',
    '{"Action":"DISCONNECT_USER","UserId":"alice","RequestId":7}',
  ),
  fc.tuple(anyAction, requestId).map(([action, id]) => JSON.stringify({ Action: action, RequestId: id })),
  // Huge frames: ASCII, multi-byte characters (few characters, many bytes), a megabyte.
  fc.integer({ min: MAX_FRAME_BYTES + 1, max: MAX_FRAME_BYTES + 4_096 }).map((size) => JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'big', Content: 'x'.repeat(size) })),
  fc.constantFrom('€', '😀', 'é').map((wide) => JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'wide', Content: wide.repeat(Math.ceil(MAX_FRAME_BYTES / Buffer.byteLength(wide)) + 1) })),
  fc.constant('x'.repeat(1024 * 1024)),
  // Binary frames.
  fc.uint8Array({ maxLength: 64 }).map((bytes) => bytes.buffer),
  fc.uint8Array({ maxLength: 64 }),
  fc.string({ maxLength: 64 }).map((text) => new Blob([text])),
)

// ---- the properties --------------------------------------------------------------------------

describe('hostile frames straight into the chat service', () => {
  it('a member with no capability: every frame, even a well-formed one, gets one ERROR to it alone', async () => {
    let runs = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(invalidFrame, validAction.map((action) => JSON.stringify(action))), { minLength: 1, maxLength: 12 }), async (frames) => {
        const setup = await room([])
        try {
          await expectEachAnsweredWithOneError(setup, frames)
          await expectRoomStillChats(setup)
        } finally {
          setup.emulator.reset()
        }
        runs++
      }),
      { seed: SEED, numRuns: RUNS, timeout: 5_000, endOnFailure: true },
    )
    expect(runs).toBe(RUNS)
  })

  it('a member with every capability: every invalid frame gets one ERROR to it alone, and it stays connected', async () => {
    let runs = 0
    await fc.assert(
      fc.asyncProperty(fc.array(invalidFrame, { minLength: 1, maxLength: 12 }), async (frames) => {
        const setup = await room(['SEND_MESSAGE', 'DELETE_MESSAGE', 'DISCONNECT_USER'])
        try {
          await expectEachAnsweredWithOneError(setup, frames)
          await expectRoomStillChats(setup)
        } finally {
          setup.emulator.reset()
        }
        runs++
      }),
      { seed: SEED + 1, numRuns: RUNS, timeout: 5_000, endOnFailure: true },
    )
    expect(runs).toBe(RUNS)
  })

  it.each([
    { label: 'an ASCII frame of 64 KiB + 1 byte', frame: JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'r', Content: 'x'.repeat(MAX_FRAME_BYTES) }), code: 413 },
    { label: 'a frame of 64 KiB in 3-byte characters (22k characters)', frame: JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'r', Content: '€'.repeat(22_000) }), code: 413 },
    { label: 'a frame of 64 KiB in emoji (16.4k characters)', frame: JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'r', Content: '😀'.repeat(16_400) }), code: 413 },
    { label: 'a frame of exactly 64 KiB (parsed: the content is too long)', frame: exactFrame(MAX_FRAME_BYTES), code: 400 },
    { label: 'a 4 MiB frame', frame: 'x'.repeat(4 * 1024 * 1024), code: 413 },
  ])('$label → $code', async ({ frame, code }) => {
    const setup = await room(['SEND_MESSAGE'])
    const [error] = await expectEachAnsweredWithOneError(setup, [frame])

    expect(error!.ErrorCode).toBe(code)
    // The frame log keeps a preview of a refused huge frame, not the frame.
    expect(Math.max(...setup.emulator.frameLog.entries().map((entry) => entry.text.length))).toBeLessThan(code === 413 ? 1_000 : MAX_FRAME_BYTES + 1)
    await expectRoomStillChats(setup)
    setup.emulator.reset()
  })
})

describe('floods', () => {
  it('beyond 10 requests/s on one connection: 429 to that connection only; the others keep their own budget', async () => {
    const { emulator, hostile, bystanders } = await room(['SEND_MESSAGE'])
    emulator.rooms.update(DEMO_ROOM_ARN, { maximumMessageRatePerSecond: 100 })
    for (let i = 0; i < 30; i++) {
      await emulator.chat.receive(hostile.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: `f${i}`, Content: `flood ${i}` }))
    }
    for (let i = 0; i < 5; i++) {
      await emulator.chat.receive(bystanders[0]!.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: `a${i}`, Content: `alice ${i}` }))
    }

    const errors = hostile.transport.frames().filter((frame) => frame.Type === 'ERROR')
    expect(errors.map((frame) => [frame.RequestId, frame.ErrorCode])).toEqual(Array.from({ length: 20 }, (_, i) => [`f${i + 10}`, CHAT_ERROR_CODES.tooManyRequests]))
    for (const { transport } of [hostile, ...bystanders]) {
      const contents = transport.frames().flatMap((frame) => (frame.Type === 'MESSAGE' ? [frame.Content] : []))
      expect(contents).toEqual([...Array.from({ length: 10 }, (_, i) => `flood ${i}`), ...Array.from({ length: 5 }, (_, i) => `alice ${i}`)])
    }
    for (const { transport } of bystanders) expect(transport.frames().filter((frame) => frame.Type === 'ERROR')).toEqual([])

    emulator.advanceTime(1_000)
    hostile.transport.clear()
    await emulator.chat.receive(hostile.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'later', Content: 'a second later' }))
    expect(hostile.transport.frames()).toEqual([expect.objectContaining({ Type: 'MESSAGE', RequestId: 'later' })])
    emulator.reset()
  })

  it('beyond the room rate: 429 to whoever is over, at the room limit; nobody else hears of it', async () => {
    const { emulator, hostile, bystanders } = await room(['SEND_MESSAGE'])
    for (let i = 0; i < 10; i++) await emulator.chat.receive(hostile.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: `f${i}`, Content: `flood ${i}` }))
    for (let i = 0; i < 3; i++) await emulator.chat.receive(bystanders[0]!.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: `a${i}`, Content: `alice ${i}` }))

    expect(bystanders[0]!.transport.frames().filter((frame) => frame.Type === 'ERROR').map((frame) => [frame.RequestId, frame.ErrorCode])).toEqual([
      ['a0', 429],
      ['a1', 429],
      ['a2', 429],
    ])
    expect(bystanders[1]!.transport.frames().map((frame) => frame.Type)).toEqual(Array.from({ length: 10 }, () => 'MESSAGE'))
    emulator.reset()
  })

  it('a thousand garbage frames: a thousand 400s to the sender, nothing to the room, and the room still chats', async () => {
    const setup = await room([])
    const frames = Array.from({ length: 1_000 }, (_, i) => `not json ${i}`)
    const errors = await expectEachAnsweredWithOneError(setup, frames)

    expect(new Set(errors.map((error) => error.ErrorCode))).toEqual(new Set([400]))
    await expectRoomStillChats(setup)
    setup.emulator.reset()
  })

  it('DISCONNECT_USER floods from a member without the capability never close anyone', async () => {
    const setup = await room(['SEND_MESSAGE'])
    const frames = Array.from({ length: 30 }, (_, i) => JSON.stringify({ Action: 'DISCONNECT_USER', RequestId: `k${i}`, UserId: i % 2 ? 'alice' : 'bob' }))
    const errors = await expectEachAnsweredWithOneError(setup, frames)

    expect(errors.map((error) => error.ErrorCode)).toEqual([...Array.from({ length: 10 }, () => 403), ...Array.from({ length: 20 }, () => 429)])
    await expectRoomStillChats(setup)
    setup.emulator.reset()
  })
})

describe('through a raw WebSocket next to a real ChatRoom (MSW)', () => {
  it('the hostile socket gets one ERROR per frame; the ChatRoom hears nothing and keeps chatting', async () => {
    const alice = await join({ userId: 'alice' })
    const mallory = await openRawSocket((await fetchToken('mallory', { capabilities: ['SEND_MESSAGE'] })).token)
    const hostile: (string | ArrayBuffer)[] = [
      'not json',
      '{"Action":"SEND_EVENT","RequestId":"e1"}',
      '{"Action":"SEND_MESSAGE","RequestId":"t1","Content":42}',
      '{"Action":"SEND_MESSAGE","RequestId":"a1","Content":"x","Attributes":{"n":1}}',
      '{"Action":"SEND_MESSAGE","RequestId":"p1","Content":"x","Attributes":{"__proto__":"x"}}',
      '{"__proto__":{"Action":"SEND_MESSAGE","Content":"inherited?"}}',
      `{"Action":${deep(30_000)}}`,
      JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'big', Content: '€'.repeat(30_000) }),
      new Uint8Array([0x7b, 0x7d, 0xff]).buffer,
    ]
    for (const frame of hostile) mallory.socket.send(frame)
    await eventually(() => expect(mallory.frames).toHaveLength(hostile.length))

    expect(mallory.frames.map((frame) => frame.Type)).toEqual(hostile.map(() => 'ERROR'))
    expect(mallory.frames.map((frame) => (frame.Type === 'ERROR' ? [frame.RequestId, frame.ErrorCode] : []))).toEqual([
      ['', 400],
      ['e1', 400],
      ['t1', 400],
      ['a1', 400],
      ['p1', 400],
      ['', 400],
      ['', 400],
      ['big', 413],
      ['', 400],
    ])
    expect(alice.messages).toEqual([])
    expect(alice.events).toEqual([])
    expect(alice.logger.errors()).toEqual([])
    expect(sharedEmulator.sessions()).toHaveLength(2)

    const sent = await alice.room.sendMessage(new SendMessageRequest('still chatting'))
    expect(sent.content).toBe('still chatting')
    await eventually(() => expect(mallory.frames.at(-1)).toMatchObject({ Type: 'MESSAGE', Content: 'still chatting' }))
    expect(mallory.closed()).toBe(false)
  })
})

/** A SEND_MESSAGE frame of exactly `bytes` UTF-8 bytes (ASCII content). */
function exactFrame(bytes: number): string {
  const empty = JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'r', Content: '' })
  return JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'r', Content: 'x'.repeat(bytes - empty.length) })
}
