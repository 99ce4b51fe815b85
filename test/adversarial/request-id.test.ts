import { describe, expect, it } from 'vitest'
import { REQUEST_ID_MAX_LENGTH } from '../../mocks/emulator/client-frame'
import { Emulator } from '../../mocks/emulator/emulator'
import { mintToken, RecordingTransport } from './support'

/**
 * A MESSAGE carries its sender's RequestId to every member of the room. Unbounded, a
 * 63,000-character RequestId turned 6 MB sent into 180 MB delivered to 30 readers. Beyond
 * `REQUEST_ID_MAX_LENGTH` the sender alone gets one ERROR 400, which does not echo the id.
 */

const READERS = 30
const HOSTILE_LENGTH = 63_000

async function member(emulator: Emulator, userId: string) {
  const transport = new RecordingTransport()
  const result = emulator.chat.connect(await mintToken(emulator, { userId, capabilities: ['SEND_MESSAGE'] }), transport)
  if (!result.ok) throw new Error(`${userId} could not connect: ${result.reason}`)
  return { transport, connection: result.connection }
}

function deliveredBytes(transports: readonly RecordingTransport[]): number {
  return transports.reduce((sum, transport) => sum + transport.sent.reduce((bytes, text) => bytes + Buffer.byteLength(text), 0), 0)
}

describe('RequestId length', () => {
  it(`a ${HOSTILE_LENGTH}-character RequestId is refused to its sender alone, and the room keeps chatting`, async () => {
    const emulator = new Emulator()
    const mallory = await member(emulator, 'mallory')
    const readers = await Promise.all(Array.from({ length: READERS }, (_, i) => member(emulator, `reader-${i}`)))
    const frame = JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'r'.repeat(HOSTILE_LENGTH), Content: 'hi' })

    for (let i = 0; i < 100; i++) await emulator.chat.receive(mallory.connection, frame)

    expect(mallory.transport.errors()).toHaveLength(100)
    expect(mallory.transport.errors()[0]).toMatchObject({
      ErrorCode: 400,
      RequestId: '',
      ErrorMessage: `RequestId must be at most ${REQUEST_ID_MAX_LENGTH} characters, not ${HOSTILE_LENGTH}`,
    })
    // 6.3 MB sent; what came back is a hundred short ERROR frames, to mallory only.
    expect(readers.every((reader) => reader.transport.sent.length === 0)).toBe(true)
    expect(deliveredBytes([mallory.transport, ...readers.map((reader) => reader.transport)])).toBeLessThan(100 * 200)
    expect(mallory.transport.closes).toEqual([])

    // The limit itself is delivered and echoed; one more character is not.
    mallory.transport.clear()
    const atLimit = 'a'.repeat(REQUEST_ID_MAX_LENGTH)
    await emulator.chat.receive(mallory.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: atLimit, Content: 'at the limit' }))
    await emulator.chat.receive(mallory.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: `${atLimit}a`, Content: 'over' }))
    expect(mallory.transport.frames()).toEqual([
      expect.objectContaining({ Type: 'MESSAGE', RequestId: atLimit, Content: 'at the limit' }),
      expect.objectContaining({ Type: 'ERROR', ErrorCode: 400, RequestId: '' }),
    ])
    for (const reader of readers) {
      expect(reader.transport.frames()).toEqual([expect.objectContaining({ Type: 'MESSAGE', RequestId: atLimit, Content: 'at the limit' })])
    }
  })

  it('a UUID, as the SDKs send, is echoed unchanged', async () => {
    const emulator = new Emulator()
    const alice = await member(emulator, 'alice')
    const requestId = crypto.randomUUID()
    await emulator.chat.receive(alice.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: requestId, Content: 'hello' }))
    expect(alice.transport.frames()).toEqual([expect.objectContaining({ Type: 'MESSAGE', RequestId: requestId })])
  })
})
