import { describe, expect, it } from 'vitest'
import { IvsChatError } from '../../mocks/emulator/errors'
import { parseInput } from '../../mocks/emulator/validation'
import { CreateChatTokenRequest } from '../../mocks/contract/chat-token'
import { DeleteMessageRequest, SendEventRequest } from '../../mocks/contract/messaging-api'
import { CreateRoomRequest, ListRoomsRequest } from '../../mocks/contract/rooms'

/**
 * Validation messages in the words of AWS's validator: "N validation error(s) detected:",
 * "Value 'x' at 'field' failed to satisfy constraint: Member must ...", patterns as the
 * model writes them, and sensitive values never echoed.
 */

const ROOM = 'arn:aws:ivschat:us-west-2:123456789012:room/DemoChatRoom'
/** Patterns exactly as AWS's service model writes them. */
const MODEL_PATTERNS = {
  roomIdentifier: '^arn:aws:ivschat:[a-z0-9-]+:[0-9]+:room/[a-zA-Z0-9-]+$',
  roomName: '^[a-zA-Z0-9-_]*$',
  lambdaArn: '^$|^arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:.+',
  id: '^[a-zA-Z0-9]+$',
}

/** The ValidationException `parseInput` throws for `input`. */
function failure(schema: Parameters<typeof parseInput>[0], input: unknown): IvsChatError {
  try {
    parseInput(schema, input)
  } catch (error) {
    if (error instanceof IvsChatError) return error
    throw error
  }
  throw new Error('Expected the input to be refused')
}

describe('messages', () => {
  it.each([
    {
      label: 'a pattern, printed as in the model',
      schema: CreateChatTokenRequest,
      input: { roomIdentifier: 'DemoChatRoom', userId: 'a' },
      message: `1 validation error detected: Value 'DemoChatRoom' at 'roomIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: ${MODEL_PATTERNS.roomIdentifier}`,
    },
    {
      label: 'a value above the maximum',
      schema: CreateChatTokenRequest,
      input: { roomIdentifier: ROOM, userId: 'a', sessionDurationInMinutes: 181 },
      message: "1 validation error detected: Value '181' at 'sessionDurationInMinutes' failed to satisfy constraint: Member must have value less than or equal to 180",
    },
    {
      label: 'a value below the minimum',
      schema: CreateRoomRequest,
      input: { maximumMessageRatePerSecond: 0 },
      message: "1 validation error detected: Value '0' at 'maximumMessageRatePerSecond' failed to satisfy constraint: Member must have value greater than or equal to 1",
    },
    {
      label: 'a string too long (a long value is shortened)',
      schema: SendEventRequest,
      input: { roomIdentifier: ROOM, eventName: 'e'.repeat(101) },
      message: `1 validation error detected: Value '${'e'.repeat(61)}...' at 'eventName' failed to satisfy constraint: Member must have length less than or equal to 100`,
    },
    {
      label: 'an enum',
      schema: CreateChatTokenRequest,
      input: { roomIdentifier: ROOM, userId: 'a', capabilities: ['SEND'] },
      message: "1 validation error detected: Value 'SEND' at 'capabilities.0' failed to satisfy constraint: Member must satisfy enum value set: [SEND_MESSAGE, DISCONNECT_USER, DELETE_MESSAGE]",
    },
    {
      label: 'a missing required member',
      schema: SendEventRequest,
      input: { roomIdentifier: ROOM },
      message: "1 validation error detected: Value at 'eventName' failed to satisfy constraint: Member must not be null",
    },
    {
      label: 'a room name pattern',
      schema: ListRoomsRequest,
      input: { name: 'a b' },
      message: `1 validation error detected: Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ${MODEL_PATTERNS.roomName}`,
    },
    {
      label: 'a nested member',
      schema: CreateRoomRequest,
      input: { messageReviewHandler: { uri: 'lambda' } },
      message: `1 validation error detected: Value 'lambda' at 'messageReviewHandler.uri' failed to satisfy constraint: Member must satisfy regular expression pattern: ${MODEL_PATTERNS.lambdaArn}`,
    },
    {
      label: 'an id of the wrong length (length only, the characters are fine)',
      schema: DeleteMessageRequest,
      input: { roomIdentifier: ROOM, id: 'abcdefghijk' },
      message: "1 validation error detected: Value 'abcdefghijk' at 'id' failed to satisfy constraint: Member must have length greater than or equal to 12",
    },
    {
      label: 'an id of bad characters (the pattern only)',
      schema: DeleteMessageRequest,
      input: { roomIdentifier: ROOM, id: 'abcdef_hijkl' },
      message: `1 validation error detected: Value 'abcdef_hijkl' at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: ${MODEL_PATTERNS.id}`,
    },
  ])('$label', ({ schema, input, message }) => {
    const error = failure(schema, input)

    expect(error.message).toBe(message)
    expect(error.body.message).toBe(message)
    expect(error.status).toBe(400)
    expect(error.type).toBe('ValidationException')
    expect(error.body.reason).toBe('FIELD_VALIDATION_FAILED')
  })

  it('counts and joins several errors with "; ", one fieldList entry each', () => {
    const error = failure(CreateRoomRequest, { maximumMessageLength: 501, maximumMessageRatePerSecond: 101 })

    expect(error.message).toBe(
      '2 validation errors detected: ' +
        "Value '101' at 'maximumMessageRatePerSecond' failed to satisfy constraint: Member must have value less than or equal to 100; " +
        "Value '501' at 'maximumMessageLength' failed to satisfy constraint: Member must have value less than or equal to 500",
    )
    expect(error.body.fieldList).toEqual([
      { name: 'maximumMessageRatePerSecond', message: 'Member must have value less than or equal to 100' },
      { name: 'maximumMessageLength', message: 'Member must have value less than or equal to 500' },
    ])
  })
})

describe('sensitive members', () => {
  it('never echoes a userId', () => {
    const secret = `secret-${'x'.repeat(130)}`
    const error = failure(CreateChatTokenRequest, { roomIdentifier: ROOM, userId: secret })

    expect(error.message).toBe(
      "1 validation error detected: Value at 'userId' failed to satisfy constraint: Member must have length less than or equal to 128",
    )
    expect(JSON.stringify(error.body)).not.toContain('secret')
  })

  it('never echoes attributes, too large or of the wrong type', () => {
    const tooLarge = failure(CreateChatTokenRequest, { roomIdentifier: ROOM, userId: 'a', attributes: { token: 'private'.repeat(200) } })
    const wrongType = failure(CreateChatTokenRequest, { roomIdentifier: ROOM, userId: 'a', attributes: { pin: 1234 } })

    expect(tooLarge.body.fieldList).toEqual([
      { name: 'attributes', message: 'Member must have total length (UTF-8 bytes of keys and values) less than or equal to 1024' },
    ])
    expect(JSON.stringify(tooLarge.body)).not.toContain('private')
    expect(wrongType.body.fieldList).toEqual([{ name: 'attributes.pin', message: 'Member must be of type string' }])
    expect(JSON.stringify(wrongType.body)).not.toContain('1234')
  })
})

describe('inputs that are not objects', () => {
  it.each([null, [], 'text', 42, true])('refuses %j with reason OTHER and no fieldList', (input) => {
    const error = failure(CreateRoomRequest, input)

    expect(error.type).toBe('ValidationException')
    expect(error.body).toEqual({ message: 'The request body must be a JSON object', reason: 'OTHER' })
  })
})

describe('what passes', () => {
  it('drops unknown members and keeps the known ones', () => {
    expect(parseInput(CreateRoomRequest, { name: 'lobby', extra: 1 })).toEqual({ name: 'lobby' })
  })
})
