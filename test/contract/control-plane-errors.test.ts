import {
  AccessDeniedException,
  CreateChatTokenCommand,
  CreateRoomCommand,
  DeleteMessageCommand,
  DeleteRoomCommand,
  DisconnectUserCommand,
  GetRoomCommand,
  type IvschatClient,
  ListRoomsCommand,
  PendingVerification,
  ResourceNotFoundException,
  SendEventCommand,
  UpdateRoomCommand,
  ValidationException,
} from '@aws-sdk/client-ivschat'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, emulator, server } from '../../mocks/node'
import { MISSING_ROOM_ARN, MISSING_ROOM_ID, ivschatClient, rejectionOf, untyped, utf8Text } from './ivschat-client'

/**
 * Bad input through AWS's real client: the exact exception class, HTTP status and members.
 * Every limit is also tried at its edge from the accepting side, so an off-by-one fails here.
 */

const client = ivschatClient()

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => emulator.reset())
afterAll(() => {
  client.destroy()
  server.close()
})

type Call = (client: IvschatClient) => Promise<unknown>

const room = DEMO_ROOM_ARN
const token = (input: Partial<CreateChatTokenCommand['input']>): Call => (c) =>
  c.send(new CreateChatTokenCommand({ roomIdentifier: room, userId: 'alice', ...input }))
const createRoom = (input: CreateRoomCommand['input']): Call => (c) => c.send(new CreateRoomCommand(input))
const updateRoom = (input: Partial<UpdateRoomCommand['input']>): Call => (c) =>
  c.send(new UpdateRoomCommand({ identifier: room, ...input }))
const listRooms = (input: ListRoomsCommand['input']): Call => (c) => c.send(new ListRoomsCommand(input))
const sendEvent = (input: Partial<SendEventCommand['input']>): Call => (c) =>
  c.send(new SendEventCommand({ roomIdentifier: room, eventName: 'app:ping', ...input }))
const deleteMessage = (input: Partial<DeleteMessageCommand['input']>): Call => (c) =>
  c.send(new DeleteMessageCommand({ roomIdentifier: room, id: 'abcdefABCDEF', ...input }))
const disconnectUser = (input: Partial<DisconnectUserCommand['input']>): Call => (c) =>
  c.send(new DisconnectUserCommand({ roomIdentifier: room, userId: 'bob', ...input }))

const LAMBDA_ARN = 'arn:aws:lambda:us-west-2:123456789012:function:review'
const s = (length: number, char = 'a') => char.repeat(length)
/** A well-formed room ARN of exactly `length` characters. */
const roomArnOfLength = (length: number) => {
  const prefix = 'arn:aws:ivschat:us-west-2:123456789012:room/'
  return prefix + s(length - prefix.length)
}

describe('ValidationException names each bad field', () => {
  it.each<{ label: string; call: Call; fields: string[] }>([
    // CreateChatToken
    { label: 'CreateChatToken: a bare room id instead of an ARN', call: token({ roomIdentifier: 'DemoChatRoom' }), fields: ['roomIdentifier'] },
    { label: 'CreateChatToken: an ARN of another service', call: token({ roomIdentifier: 'arn:aws:ivs:us-west-2:123456789012:channel/abcd' }), fields: ['roomIdentifier'] },
    { label: 'CreateChatToken: an upper-case region in the ARN', call: token({ roomIdentifier: 'arn:aws:ivschat:US-WEST-2:123456789012:room/abc' }), fields: ['roomIdentifier'] },
    { label: 'CreateChatToken: a room ARN of 129 characters', call: token({ roomIdentifier: roomArnOfLength(129) }), fields: ['roomIdentifier'] },
    { label: 'CreateChatToken: no roomIdentifier', call: token({ roomIdentifier: untyped(undefined) }), fields: ['roomIdentifier'] },
    { label: 'CreateChatToken: an empty userId', call: token({ userId: '' }), fields: ['userId'] },
    { label: 'CreateChatToken: a userId of 129 characters', call: token({ userId: s(129) }), fields: ['userId'] },
    { label: 'CreateChatToken: an unknown capability', call: token({ capabilities: untyped(['SEND_MESSAGES']) }), fields: ['capabilities.0'] },
    { label: 'CreateChatToken: a lower-case capability after a good one', call: token({ capabilities: untyped(['SEND_MESSAGE', 'delete_message']) }), fields: ['capabilities.1'] },
    { label: 'CreateChatToken: sessionDurationInMinutes 0', call: token({ sessionDurationInMinutes: 0 }), fields: ['sessionDurationInMinutes'] },
    { label: 'CreateChatToken: sessionDurationInMinutes 181', call: token({ sessionDurationInMinutes: 181 }), fields: ['sessionDurationInMinutes'] },
    { label: 'CreateChatToken: sessionDurationInMinutes 1.5', call: token({ sessionDurationInMinutes: 1.5 }), fields: ['sessionDurationInMinutes'] },
    { label: 'CreateChatToken: sessionDurationInMinutes as a string', call: token({ sessionDurationInMinutes: untyped('60') }), fields: ['sessionDurationInMinutes'] },
    { label: 'CreateChatToken: attributes of 1025 UTF-8 bytes', call: token({ attributes: { k: utf8Text(1024) } }), fields: ['attributes'] },
    { label: 'CreateChatToken: a numeric attribute value', call: token({ attributes: untyped({ level: 3 }) }), fields: ['attributes.level'] },
    { label: 'CreateChatToken: an object attribute value', call: token({ attributes: untyped({ ok: 'yes', profile: { a: 'b' } }) }), fields: ['attributes.profile'] },
    { label: 'CreateChatToken: two bad fields at once', call: token({ userId: '', sessionDurationInMinutes: 0 }), fields: ['userId', 'sessionDurationInMinutes'] },
    // CreateRoom
    { label: 'CreateRoom: maximumMessageLength 0', call: createRoom({ maximumMessageLength: 0 }), fields: ['maximumMessageLength'] },
    { label: 'CreateRoom: maximumMessageLength 501', call: createRoom({ maximumMessageLength: 501 }), fields: ['maximumMessageLength'] },
    { label: 'CreateRoom: maximumMessageRatePerSecond 0', call: createRoom({ maximumMessageRatePerSecond: 0 }), fields: ['maximumMessageRatePerSecond'] },
    { label: 'CreateRoom: maximumMessageRatePerSecond 101', call: createRoom({ maximumMessageRatePerSecond: 101 }), fields: ['maximumMessageRatePerSecond'] },
    { label: 'CreateRoom: a name with a space and punctuation', call: createRoom({ name: 'my room!' }), fields: ['name'] },
    { label: 'CreateRoom: a name of 129 characters', call: createRoom({ name: s(129) }), fields: ['name'] },
    { label: 'CreateRoom: a review handler that is not a Lambda ARN', call: createRoom({ messageReviewHandler: { uri: 'https://example.com/review' } }), fields: ['messageReviewHandler.uri'] },
    { label: 'CreateRoom: a Lambda ARN with an 11-digit account', call: createRoom({ messageReviewHandler: { uri: 'arn:aws:lambda:us-west-2:12345678901:function:x' } }), fields: ['messageReviewHandler.uri'] },
    { label: 'CreateRoom: an unknown fallbackResult', call: createRoom({ messageReviewHandler: { uri: LAMBDA_ARN, fallbackResult: untyped('MAYBE') } }), fields: ['messageReviewHandler.fallbackResult'] },
    { label: 'CreateRoom: 51 tags', call: createRoom({ tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }), fields: ['tags'] },
    // GetRoom, UpdateRoom, DeleteRoom
    { label: 'GetRoom: a bare room id', call: (c) => c.send(new GetRoomCommand({ identifier: 'DemoChatRoom' })), fields: ['identifier'] },
    { label: 'DeleteRoom: a room ARN with an underscore in the id', call: (c) => c.send(new DeleteRoomCommand({ identifier: `${room}_x` })), fields: ['identifier'] },
    { label: 'UpdateRoom: maximumMessageLength 501', call: updateRoom({ maximumMessageLength: 501 }), fields: ['maximumMessageLength'] },
    { label: 'UpdateRoom: maximumMessageRatePerSecond 101', call: updateRoom({ maximumMessageRatePerSecond: 101 }), fields: ['maximumMessageRatePerSecond'] },
    { label: 'UpdateRoom: a name with a slash', call: updateRoom({ name: 'a/b' }), fields: ['name'] },
    // ListRooms
    { label: 'ListRooms: maxResults 0', call: listRooms({ maxResults: 0 }), fields: ['maxResults'] },
    { label: 'ListRooms: maxResults 51', call: listRooms({ maxResults: 51 }), fields: ['maxResults'] },
    { label: 'ListRooms: a nextToken it never issued', call: listRooms({ nextToken: 'not-a-token' }), fields: ['nextToken'] },
    { label: 'ListRooms: a nextToken of 1025 characters', call: listRooms({ nextToken: s(1025) }), fields: ['nextToken'] },
    { label: 'ListRooms: a name filter with bad characters', call: listRooms({ name: 'a b' }), fields: ['name'] },
    // SendEvent
    { label: 'SendEvent: an empty eventName', call: sendEvent({ eventName: '' }), fields: ['eventName'] },
    { label: 'SendEvent: an eventName of 101 characters', call: sendEvent({ eventName: s(101) }), fields: ['eventName'] },
    { label: 'SendEvent: attributes of 1025 UTF-8 bytes', call: sendEvent({ attributes: { k: utf8Text(1024) } }), fields: ['attributes'] },
    { label: 'SendEvent: a bare room id', call: sendEvent({ roomIdentifier: 'DemoChatRoom' }), fields: ['roomIdentifier'] },
    // DeleteMessage
    { label: 'DeleteMessage: an id of 11 characters', call: deleteMessage({ id: s(11) }), fields: ['id'] },
    { label: 'DeleteMessage: an id of 12 characters with a dash', call: deleteMessage({ id: 'abcdef-BCDEF' }), fields: ['id'] },
    { label: 'DeleteMessage: a reason of 257 characters', call: deleteMessage({ reason: s(257) }), fields: ['reason'] },
    { label: 'DeleteMessage: an empty reason', call: deleteMessage({ reason: '' }), fields: ['reason'] },
    // DisconnectUser
    { label: 'DisconnectUser: a userId of 129 characters', call: disconnectUser({ userId: s(129) }), fields: ['userId'] },
    { label: 'DisconnectUser: a reason of 257 characters', call: disconnectUser({ reason: s(257) }), fields: ['reason'] },
  ])('$label', async ({ call, fields }) => {
    const error = await rejectionOf(call(client))

    expect(error).toBeInstanceOf(ValidationException)
    const validation = error as ValidationException
    expect(validation.$metadata.httpStatusCode).toBe(400)
    expect(validation.reason).toBe('FIELD_VALIDATION_FAILED')
    expect(validation.fieldList?.map((field) => field.name)).toEqual(fields)
    for (const field of validation.fieldList!) expect(field.message).toMatch(/^Member must |^Pagination token /)
    expect(validation.message).toMatch(/^\d+ validation errors? detected: |^The nextToken /)
  })
})

describe('limits accepted at their edge', () => {
  it.each<{ label: string; call: Call }>([
    { label: 'attributes of exactly 1024 UTF-8 bytes (multi-byte)', call: token({ attributes: { k: utf8Text(1023) } }) },
    { label: 'attributes of 1024 bytes over several keys', call: token({ attributes: { é: utf8Text(510), ü: utf8Text(510) } }) },
    { label: 'sessionDurationInMinutes 1', call: token({ sessionDurationInMinutes: 1 }) },
    { label: 'sessionDurationInMinutes 180', call: token({ sessionDurationInMinutes: 180 }) },
    { label: 'a userId of 128 characters', call: token({ userId: s(128) }) },
    { label: 'a userId of any UTF-8 text', call: token({ userId: 'Zoë 😀 <script>' }) },
    { label: 'maximumMessageLength 1 and maximumMessageRatePerSecond 1', call: createRoom({ maximumMessageLength: 1, maximumMessageRatePerSecond: 1 }) },
    { label: 'maximumMessageLength 500 and maximumMessageRatePerSecond 100', call: createRoom({ maximumMessageLength: 500, maximumMessageRatePerSecond: 100 }) },
    { label: 'an empty name and a name of 128 characters', call: (c) => createRoom({ name: '' })(c).then(() => createRoom({ name: s(128, '-') })(c)) },
    { label: 'an empty review handler uri', call: createRoom({ messageReviewHandler: { uri: '' } }) },
    { label: 'maxResults 1 and 50', call: (c) => listRooms({ maxResults: 1 })(c).then(() => listRooms({ maxResults: 50 })(c)) },
    { label: 'an eventName of 100 characters', call: sendEvent({ eventName: s(100) }) },
    { label: 'a reason of 256 characters', call: deleteMessage({ reason: s(256) }) },
  ])('$label', async ({ call }) => {
    await expect(call(client)).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } })
  })

  it('a room ARN of 128 characters passes validation (and names no room)', async () => {
    const error = await rejectionOf(client.send(new GetRoomCommand({ identifier: roomArnOfLength(128) })))

    expect(error).toBeInstanceOf(ResourceNotFoundException)
  })
})

describe('ResourceNotFoundException for a room that does not exist', () => {
  it.each<{ operation: string; call: Call }>([
    { operation: 'CreateChatToken', call: token({ roomIdentifier: MISSING_ROOM_ARN }) },
    { operation: 'GetRoom', call: (c) => c.send(new GetRoomCommand({ identifier: MISSING_ROOM_ARN })) },
    { operation: 'UpdateRoom', call: updateRoom({ identifier: MISSING_ROOM_ARN, name: 'x' }) },
    { operation: 'DeleteRoom', call: (c) => c.send(new DeleteRoomCommand({ identifier: MISSING_ROOM_ARN })) },
    { operation: 'SendEvent', call: sendEvent({ roomIdentifier: MISSING_ROOM_ARN }) },
    { operation: 'DeleteMessage', call: deleteMessage({ roomIdentifier: MISSING_ROOM_ARN }) },
    { operation: 'DisconnectUser', call: disconnectUser({ roomIdentifier: MISSING_ROOM_ARN }) },
  ])('$operation', async ({ call }) => {
    const error = await rejectionOf(call(client))

    expect(error).toBeInstanceOf(ResourceNotFoundException)
    const notFound = error as ResourceNotFoundException
    expect(notFound.$metadata.httpStatusCode).toBe(404)
    expect(notFound.resourceId).toBe(MISSING_ROOM_ID)
    expect(notFound.resourceType).toBe('ROOM')
    expect(notFound.message).toContain(MISSING_ROOM_ARN)
  })
})

describe('account-level faults of CreateChatToken', () => {
  it.each([
    { type: 'AccessDeniedException' as const, ErrorClass: AccessDeniedException },
    { type: 'PendingVerification' as const, ErrorClass: PendingVerification },
  ])('$type fails the next call only, with status 403', async ({ type, ErrorClass }) => {
    emulator.faults.failNextTokenRequests(1, type)
    const error = await rejectionOf(token({})(client))
    const next = await client.send(new CreateChatTokenCommand({ roomIdentifier: room, userId: 'alice' }))

    expect(error).toBeInstanceOf(ErrorClass)
    expect((error as InstanceType<typeof ErrorClass>).$metadata.httpStatusCode).toBe(403)
    expect((error as Error).message).not.toBe('')
    expect(next.token).toEqual(expect.any(String))
  })

  it('queues faults in order and leaves the other operations alone', async () => {
    emulator.faults.failNextTokenRequests(1, 'PendingVerification')
    emulator.faults.failNextTokenRequests(1, 'AccessDeniedException')
    await client.send(new GetRoomCommand({ identifier: room }))

    expect(await rejectionOf(token({})(client))).toBeInstanceOf(PendingVerification)
    expect(await rejectionOf(token({})(client))).toBeInstanceOf(AccessDeniedException)
    expect(emulator.faults.pending().tokenFaults).toEqual([])
  })
})
