import {
  DeleteMessageCommand,
  DisconnectUserCommand,
  ResourceNotFoundException,
  SendEventCommand,
  ValidationException,
} from '@aws-sdk/client-ivschat'
import { SendMessageRequest } from 'amazon-ivs-chat-messaging'
import { describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, emulator } from '../../mocks/node'
import { createRoom, eventually, ivschat, join, nextEvent, rejectionOf, sentFrames, setupEmulatorServer } from './helpers'

setupEmulatorServer()

const MISSING_ROOM_ARN = 'arn:aws:ivschat:us-west-2:123456789012:room/NoSuchRoom12'

describe('SendEvent', () => {
  it('broadcasts a custom event to every live socket of the room, with RequestId ""', async () => {
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob', capabilities: [] })
    const atBob = nextEvent(bob.room, 'event')

    const response = await ivschat().send(
      new SendEventCommand({ roomIdentifier: DEMO_ROOM_ARN, eventName: 'app:STAGE_CHANGED', attributes: { stage: 'encore', by: 'ops' } }),
    )

    const event = await atBob
    expect(response.id).toBe(event.id)
    expect(event).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
      eventName: 'app:STAGE_CHANGED',
      attributes: { stage: 'encore', by: 'ops' },
      sendTime: expect.any(Date),
      requestId: '',
    })
    await eventually(() => expect(alice.events).toEqual([event]))
  })

  it('sends an event without attributes as an empty map', async () => {
    const alice = await join({ userId: 'alice' })
    const atAlice = nextEvent(alice.room, 'event')
    await ivschat().send(new SendEventCommand({ roomIdentifier: DEMO_ROOM_ARN, eventName: 'app:PING' }))
    expect((await atAlice).attributes).toEqual({})
    expect(sentFrames()).toEqual([expect.objectContaining({ Type: 'EVENT', Attributes: {} })])
  })

  it('reaches only the named room', async () => {
    const otherRoom = await createRoom({ name: 'other' })
    const alice = await join({ userId: 'alice' })
    const carol = await join({ userId: 'carol', roomArn: otherRoom })
    const atCarol = nextEvent(carol.room, 'event')
    await ivschat().send(new SendEventCommand({ roomIdentifier: otherRoom, eventName: 'app:HELLO' }))
    await atCarol
    expect(alice.events).toEqual([])
  })

  it('refuses attributes over 1 KB with a ValidationException and sends nothing', async () => {
    const alice = await join({ userId: 'alice' })
    const error = await rejectionOf(
      ivschat().send(new SendEventCommand({ roomIdentifier: DEMO_ROOM_ARN, eventName: 'app:BIG', attributes: { k: 'v'.repeat(1_024) } })),
    )
    expect(error).toBeInstanceOf(ValidationException)
    expect(alice.events).toEqual([])
    expect(sentFrames()).toEqual([])
  })

  it('answers an unknown room with ResourceNotFoundException', async () => {
    const error = await rejectionOf(ivschat().send(new SendEventCommand({ roomIdentifier: MISSING_ROOM_ARN, eventName: 'app:X' })))
    expect(error).toBeInstanceOf(ResourceNotFoundException)
    expect(error).toMatchObject({ resourceId: 'NoSuchRoom12', resourceType: 'ROOM' })
  })
})

describe('DeleteMessage', () => {
  it('broadcasts aws:DELETE_MESSAGE: every client gets messageDelete for the message', async () => {
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    const message = await alice.room.sendMessage(new SendMessageRequest('delete me'))
    const atBob = nextEvent(bob.room, 'messageDelete')

    const response = await ivschat().send(new DeleteMessageCommand({ roomIdentifier: DEMO_ROOM_ARN, id: message.id, reason: 'off-topic' }))

    const deleted = await atBob
    expect(deleted).toEqual({
      id: response.id,
      messageId: message.id,
      reason: 'off-topic',
      requestId: '',
      sendTime: expect.any(Date),
      attributes: { MessageId: message.id, MessageID: message.id, Reason: 'off-topic' },
    })
    await eventually(() => expect(alice.deletes).toEqual([deleted]))
  })

  it('refuses an id that is not 12 alphanumeric characters', async () => {
    const error = await rejectionOf(ivschat().send(new DeleteMessageCommand({ roomIdentifier: DEMO_ROOM_ARN, id: 'short' })))
    expect(error).toBeInstanceOf(ValidationException)
  })
})

describe('DisconnectUser', () => {
  it('broadcasts aws:DISCONNECT_USER and then closes every connection of that user', async () => {
    const alice = await join({ userId: 'alice' })
    const aliceAgain = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    const kicked = Promise.all([nextEvent(alice.room, 'disconnect'), nextEvent(aliceAgain.room, 'disconnect')])
    const atBob = nextEvent(bob.room, 'userDisconnect')

    const response = await ivschat().send(new DisconnectUserCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'alice', reason: 'banned' }))

    expect(response.$metadata.httpStatusCode).toBe(200)
    const event = await atBob
    expect(event).toMatchObject({ userId: 'alice', reason: 'banned', requestId: '' })
    expect(await kicked).toEqual(['serverDisconnect', 'serverDisconnect'])
    expect(alice.userDisconnects).toEqual([event])
    await eventually(() => expect(emulator.sessions().map((s) => s.userId)).toEqual(['bob']))
    expect(bob.room.state).toBe('connected')
  })

  it('answers an unknown room with ResourceNotFoundException', async () => {
    const error = await rejectionOf(ivschat().send(new DisconnectUserCommand({ roomIdentifier: MISSING_ROOM_ARN, userId: 'alice' })))
    expect(error).toBeInstanceOf(ResourceNotFoundException)
  })
})
