import { SendMessageRequest } from 'amazon-ivs-chat-messaging'
import { describe, expect, it } from 'vitest'
import { createRoom, eventually, join, nextEvent, sentFrames, setupEmulatorServer } from './helpers'

setupEmulatorServer()

/** RFC 3339 in UTC with nanoseconds, as IVS Chat writes `SendTime`. */
const RFC3339_NANOS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/

describe('SEND_MESSAGE', () => {
  it('broadcasts to everyone in the room, the sender included, with the sender taken from the token', async () => {
    const alice = await join({ userId: 'alice', attributes: { displayName: 'Alice', color: 'red' } })
    const bob = await join({ userId: 'bob', attributes: { displayName: 'Bob' } })
    const request = new SendMessageRequest('hello bob', { topic: 'greeting' })
    const atBob = nextEvent(bob.room, 'message')

    const echoed = await alice.room.sendMessage(request)
    const received = await atBob

    expect(echoed).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
      content: 'hello bob',
      attributes: { topic: 'greeting' },
      requestId: request.requestId,
      sendTime: expect.any(Date),
      sender: { userId: 'alice', attributes: { displayName: 'Alice', color: 'red' } },
    })
    // Bob sees the same message; the request id is the sender's, echoed to all.
    expect(received).toEqual(echoed)
    expect(alice.messages).toEqual([echoed])
  })

  it('never takes the sender from the client: extra fields in the frame are ignored', async () => {
    const alice = await join({ userId: 'alice', attributes: { role: 'viewer' } })
    const bob = await join({ userId: 'bob' })
    // A client that tries to speak as someone else: the SDK would not send this, a raw client can.
    const forged = JSON.stringify({
      Action: 'SEND_MESSAGE',
      RequestId: 'forged-1',
      Content: 'I am the admin',
      Sender: { UserId: 'admin', Attributes: { role: 'admin' } },
    })
    const atBob = nextEvent(bob.room, 'message')
    // Under the SDK, on its own socket: the only way to put extra keys on a SEND_MESSAGE.
    sendRaw(alice.room, forged)

    const received = await atBob
    expect(received.sender).toEqual({ userId: 'alice', attributes: { role: 'viewer' } })
    expect(received.requestId).toBe('forged-1')
  })

  it('writes the frame as the wire contract says: unique 12-char Ids, RFC 3339 nanosecond SendTime, Attributes null when none', async () => {
    const alice = await join({ userId: 'alice' })
    const first = await alice.room.sendMessage(new SendMessageRequest('one'))
    const second = await alice.room.sendMessage(new SendMessageRequest('two'))

    expect(first.id).not.toBe(second.id)
    const messages = sentFrames().filter((f) => f.Type === 'MESSAGE')
    expect(messages).toHaveLength(2)
    for (const frame of messages) {
      if (frame.Type !== 'MESSAGE') throw new Error('unreachable')
      expect(frame.Id).toMatch(/^[A-Za-z0-9]{12}$/)
      expect(frame.SendTime).toMatch(RFC3339_NANOS)
      expect(frame.Attributes).toBeNull()
      expect(frame.Sender).toEqual({ UserId: 'alice', Attributes: {} })
    }
    expect(first.attributes).toBeUndefined()
    // Frames of one millisecond still sort in the order they were sent.
    expect(messages.map((f) => f.SendTime).sort()).toEqual(messages.map((f) => f.SendTime))
  })

  it('keeps rooms apart: a message reaches only the room of the sender\'s token', async () => {
    const otherRoom = await createRoom({ name: 'elsewhere' })
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    const carol = await join({ userId: 'carol', roomArn: otherRoom })

    await alice.room.sendMessage(new SendMessageRequest('in the demo room'))
    const fromCarol = await carol.room.sendMessage(new SendMessageRequest('in the other room'))

    await eventually(() => expect(bob.messages.map((m) => m.content)).toEqual(['in the demo room']))
    expect(carol.messages).toEqual([fromCarol])
    expect(alice.messages.map((m) => m.content)).toEqual(['in the demo room'])
  })
})

/** Sends `text` on the SDK's own socket (a test-only reach into its private fields). */
function sendRaw(room: object, text: string): void {
  const connection = (room as { currentConnection?: { send(json: string): void } }).currentConnection
  if (!connection) throw new Error('The room has no connection')
  connection.send(text)
}
