import { DeleteMessageRequest, DisconnectUserRequest, SendMessageRequest } from 'amazon-ivs-chat-messaging'
import { describe, expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { chatErrorOf, eventually, fetchToken, join, nextEvent, openRawSocket, sentFrames, setupEmulatorServer } from './helpers'

setupEmulatorServer()

describe('capabilities: ERROR 403 to the sender only', () => {
  it('refuses SEND_MESSAGE without the SEND_MESSAGE capability', async () => {
    const viewer = await join({ userId: 'viewer', capabilities: [] })
    const bob = await join({ userId: 'bob' })
    const request = new SendMessageRequest('let me talk')

    const error = await chatErrorOf(viewer.room.sendMessage(request))

    expect(error).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
      errorCode: 403,
      errorMessage: 'The token does not grant SEND_MESSAGE',
      requestId: request.requestId,
    })
    expect(error).not.toBeInstanceOf(Error)
    // Nothing reached the room; the socket stays open.
    expect(bob.messages).toEqual([])
    expect(sentFrames().map((f) => f.Type)).toEqual(['ERROR'])
    expect(viewer.room.state).toBe('connected')
  })

  it('refuses DELETE_MESSAGE without the DELETE_MESSAGE capability', async () => {
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    const message = await alice.room.sendMessage(new SendMessageRequest('mine'))
    const request = new DeleteMessageRequest(message.id, 'I changed my mind')

    const error = await chatErrorOf(alice.room.deleteMessage(request))

    expect(error).toEqual({ id: expect.any(String), errorCode: 403, errorMessage: 'The token does not grant DELETE_MESSAGE', requestId: request.requestId })
    expect(bob.deletes).toEqual([])
    expect(alice.room.state).toBe('connected')
  })

  it('refuses DISCONNECT_USER without the DISCONNECT_USER capability', async () => {
    const alice = await join({ userId: 'alice', capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE'] })
    const bob = await join({ userId: 'bob' })
    const request = new DisconnectUserRequest('bob', 'go away')

    const error = await chatErrorOf(alice.room.disconnectUser(request))

    expect(error).toEqual({ id: expect.any(String), errorCode: 403, errorMessage: 'The token does not grant DISCONNECT_USER', requestId: request.requestId })
    expect(bob.room.state).toBe('connected')
    expect(bob.userDisconnects).toEqual([])
    expect(emulator.sessions()).toHaveLength(2)
  })
})

describe('DELETE_MESSAGE', () => {
  it('broadcasts aws:DELETE_MESSAGE with MessageId, MessageID and Reason; everyone gets messageDelete', async () => {
    const alice = await join({ userId: 'alice' })
    const moderator = await join({ userId: 'mod', capabilities: ['DELETE_MESSAGE'] })
    const bob = await join({ userId: 'bob' })
    const message = await alice.room.sendMessage(new SendMessageRequest('spam spam spam'))
    const request = new DeleteMessageRequest(message.id, 'spam')
    const atBob = nextEvent(bob.room, 'messageDelete')

    const confirmed = await moderator.room.deleteMessage(request)
    const seenByBob = await atBob

    expect(confirmed).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
      messageId: message.id,
      reason: 'spam',
      requestId: request.requestId,
      sendTime: expect.any(Date),
      attributes: { MessageId: message.id, MessageID: message.id, Reason: 'spam' },
    })
    expect(seenByBob).toEqual(confirmed)
    await eventually(() => expect(alice.deletes).toEqual([confirmed]))
    // A system event: no `event` listener call.
    expect(bob.events).toEqual([])
    const frame = sentFrames().find((f) => f.Type === 'EVENT')
    expect(frame).toMatchObject({ EventName: 'aws:DELETE_MESSAGE', RequestId: request.requestId })
  })

  it('leaves Reason out when none is given', async () => {
    const moderator = await join({ userId: 'mod', capabilities: ['DELETE_MESSAGE', 'SEND_MESSAGE'] })
    const message = await moderator.room.sendMessage(new SendMessageRequest('oops'))
    const event = await moderator.room.deleteMessage(new DeleteMessageRequest(message.id))
    expect(event.reason).toBeUndefined()
    expect(event.attributes).toEqual({ MessageId: message.id, MessageID: message.id })
  })

  it('does not check that the message exists (AWS documents it as an instruction to clients)', async () => {
    const moderator = await join({ userId: 'mod', capabilities: ['DELETE_MESSAGE'] })
    const event = await moderator.room.deleteMessage(new DeleteMessageRequest('NoSuchMsg123', 'cleanup'))
    expect(event.messageId).toBe('NoSuchMsg123')
  })
})

describe('DISCONNECT_USER', () => {
  it('broadcasts aws:DISCONNECT_USER, then closes every connection of that user; the kicked user sees serverDisconnect', async () => {
    const moderator = await join({ userId: 'mod', capabilities: ['DISCONNECT_USER'] })
    const bob = await join({ userId: 'bob' })
    // Alice is in the room twice (two tabs): both connections go.
    const alice = await join({ userId: 'alice' })
    const aliceAgain = await join({ userId: 'alice' })
    const kicked = Promise.all([nextEvent(alice.room, 'disconnect'), nextEvent(aliceAgain.room, 'disconnect')])
    const request = new DisconnectUserRequest('alice', 'rude')

    const confirmed = await moderator.room.disconnectUser(request)

    expect(confirmed).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
      userId: 'alice',
      reason: 'rude',
      requestId: request.requestId,
      sendTime: expect.any(Date),
      attributes: { UserId: 'alice', Reason: 'rude' },
    })
    expect(await kicked).toEqual(['serverDisconnect', 'serverDisconnect'])
    // The event arrived before the close: the kicked user can tell why.
    expect(alice.userDisconnects).toEqual([confirmed])
    expect(aliceAgain.userDisconnects).toEqual([confirmed])
    expect(bob.userDisconnects).toEqual([confirmed])
    expect(bob.room.state).toBe('connected')
    expect(alice.room.state).toBe('disconnected')
    // Closed by the server without a reconnect: one token each, no new session.
    expect(alice.tokenRequests()).toBe(1)
    await eventually(() => expect(emulator.sessions().map((s) => s.userId).sort()).toEqual(['bob', 'mod']))
  })

  it('closes the kicked socket with 1000 and the reason, after the event', async () => {
    const { token } = await fetchToken('alice')
    const raw = await openRawSocket(token)
    const moderator = await join({ userId: 'mod', capabilities: ['DISCONNECT_USER'] })
    const closed = new Promise<CloseEvent>((resolve) => raw.socket.addEventListener('close', resolve))

    await moderator.room.disconnectUser(new DisconnectUserRequest('alice', 'rude'))

    const close = await closed
    expect([close.code, close.reason]).toEqual([1000, 'rude'])
    expect(raw.frames).toEqual([expect.objectContaining({ Type: 'EVENT', EventName: 'aws:DISCONNECT_USER', Attributes: { UserId: 'alice', Reason: 'rude' } })])
  })

  it('disconnects a user who is not in the room without error (the event still goes out)', async () => {
    const moderator = await join({ userId: 'mod', capabilities: ['DISCONNECT_USER'] })
    const event = await moderator.room.disconnectUser(new DisconnectUserRequest('nobody'))
    expect(event.userId).toBe('nobody')
    expect(event.reason).toBeUndefined()
    expect(emulator.sessions().map((s) => s.userId)).toEqual(['mod'])
  })

  it('lets a moderator disconnect themself: the event, then their own close', async () => {
    const moderator = await join({ userId: 'mod', capabilities: ['DISCONNECT_USER'] })
    const closed = nextEvent(moderator.room, 'disconnect')
    await moderator.room.disconnectUser(new DisconnectUserRequest('mod', 'bye'))
    expect(await closed).toBe('serverDisconnect')
  })
})
