import { describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, emulator } from '../../mocks/node'
import { IvsChatError } from '../../mocks/emulator/errors'
import { eventually, join, nextEvent, setupEmulatorServer } from './helpers'

setupEmulatorServer()

/** `chat.injectMessage` is a test and benchmark control: a message from a simulated sender. */
describe('chat.injectMessage', () => {
  it('delivers a MESSAGE from the given sender to everyone in the room', async () => {
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    const atBob = nextEvent(bob.room, 'message')

    const id = emulator.chat.injectMessage(DEMO_ROOM_ARN, { userId: 'sim-1', attributes: { displayName: 'Sim' } }, 'hello', { topic: 'bench' })

    const received = await atBob
    expect(received).toEqual({
      id,
      content: 'hello',
      attributes: { topic: 'bench' },
      // No client request to echo: the frame's RequestId is empty.
      requestId: '',
      sendTime: expect.any(Date),
      sender: { userId: 'sim-1', attributes: { displayName: 'Sim' } },
    })
    await eventually(() => expect(alice.messages.map((m) => m.id)).toEqual([id]))
  })

  it('is not held to the room rate limit: 150 messages in one task all arrive, in order', async () => {
    const bob = await join({ userId: 'bob' })
    const ids = Array.from({ length: 150 }, (_, i) => emulator.chat.injectMessage(DEMO_ROOM_ARN, { userId: 'sim-1' }, `m${i}`))

    await eventually(() => expect(bob.messages).toHaveLength(150))
    expect(bob.messages.map((m) => m.id)).toEqual(ids)
    expect(bob.messages.map((m) => m.content)).toEqual(ids.map((_, i) => `m${i}`))
  })

  it('throws ResourceNotFoundException for a room that does not exist', () => {
    const missing = 'arn:aws:ivschat:us-west-2:123456789012:room/NoSuchRoom'
    let thrown: unknown
    try {
      emulator.chat.injectMessage(missing, { userId: 'sim-1' }, 'hello')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(IvsChatError)
    expect((thrown as IvsChatError).type).toBe('ResourceNotFoundException')
    expect((thrown as IvsChatError).body).toMatchObject({ resourceId: 'NoSuchRoom', resourceType: 'ROOM' })
  })
})
