import * as fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../mocks/emulator/settings'
import { DEMO_ROOM_ARN, Emulator } from '../../mocks/emulator/emulator'
import { OPERATION_NAMES, type RestAnswer } from '../../mocks/emulator/rest-protocol'
import type { RoomSnapshot } from '../../mocks/emulator/room-store'
import { emulator as sharedEmulator, server } from '../../mocks/node'
import { CreateChatTokenRequest, CreateChatTokenResponse } from '../../mocks/contract/chat-token'
import { DeleteMessageRequest, DisconnectUserRequest, OperationIdResponse, SendEventRequest } from '../../mocks/contract/messaging-api'
import {
  CreateLoggingConfigurationRequest,
  ListLoggingConfigurationsRequest,
  ListLoggingConfigurationsResponse,
  LoggingConfiguration,
  LoggingConfigurationByIdentifierRequest,
  UpdateLoggingConfigurationRequest,
} from '../../mocks/contract/logging-configurations'
import { toLoggingConfiguration } from '../../mocks/emulator/logging-configurations'
import { CreateRoomRequest, ListRoomsRequest, ListRoomsResponse, Room, RoomByIdentifierRequest, UpdateRoomRequest } from '../../mocks/contract/rooms'
import { codePointLength } from '../../mocks/contract/text'
import { expectWellFormedError, REGION, restCall, SEED, textOfBytes, utf8Bytes } from './support'

/**
 * Random and hostile JSON at every operation of the control plane, straight into
 * `answerRestCall` on a fresh emulator (and a few through real HTTP with MSW): every answer is
 * a well-formed AWS error or a success that the response schema accepts and that did what the
 * request said; nothing throws, nothing hangs, and the rooms change only when a call succeeded.
 *
 * Length limits count characters (code points), as AWS's models do (Smithy's `@length` counts
 * Unicode scalar values), not UTF-16 code units: 128 emoji are a valid `userId`, 129 are not.
 */

/** Runs per operation of the random-body property (14 operations at `POST /<Operation>`). */
const RUNS_PER_OPERATION = 120
/** Runs of the property that sends bodies which are not a JSON object, to any path and method. */
const RUNS_RAW_BODIES = 300
/** Runs of the property that sends 5 to 15 calls in a row to one emulator. */
const RUNS_SEQUENCES = 40

const ACCOUNT = DEFAULT_SETTINGS.accountId
const FUZZ_ROOM_ID = 'FuzzRoom0001'
const FUZZ_ROOM_ARN = `arn:aws:ivschat:${REGION}:${ACCOUNT}:room/${FUZZ_ROOM_ID}`
const MISSING_ROOM_ARN = `arn:aws:ivschat:${REGION}:${ACCOUNT}:room/NoSuchRoom12`
const FUZZ_LOGGING_ID = 'FuzzLogging1'
const FUZZ_LOGGING_ARN = `arn:aws:ivschat:${REGION}:${ACCOUNT}:logging-configuration/${FUZZ_LOGGING_ID}`

/** The input members of each operation, from the request schemas the emulator validates with. */
const MEMBERS: Record<string, readonly string[]> = {
  CreateChatToken: Object.keys(CreateChatTokenRequest.shape),
  CreateRoom: Object.keys(CreateRoomRequest.shape),
  GetRoom: Object.keys(RoomByIdentifierRequest.shape),
  ListRooms: Object.keys(ListRoomsRequest.shape),
  UpdateRoom: Object.keys(UpdateRoomRequest.shape),
  DeleteRoom: Object.keys(RoomByIdentifierRequest.shape),
  SendEvent: Object.keys(SendEventRequest.shape),
  DeleteMessage: Object.keys(DeleteMessageRequest.shape),
  DisconnectUser: Object.keys(DisconnectUserRequest.shape),
  CreateLoggingConfiguration: Object.keys(CreateLoggingConfigurationRequest.shape),
  GetLoggingConfiguration: Object.keys(LoggingConfigurationByIdentifierRequest.shape),
  ListLoggingConfigurations: Object.keys(ListLoggingConfigurationsRequest.shape),
  UpdateLoggingConfiguration: Object.keys(UpdateLoggingConfigurationRequest.shape),
  DeleteLoggingConfiguration: Object.keys(LoggingConfigurationByIdentifierRequest.shape),
}

/** A fresh emulator with the seeded demo room and one more room to aim at. */
function freshEmulator(): Emulator {
  const emulator = new Emulator()
  emulator.rooms.create({ id: FUZZ_ROOM_ID, region: REGION, accountId: ACCOUNT, name: 'fuzz', tags: { owner: 'fuzz' } })
  emulator.loggingConfigurations.create({
    id: FUZZ_LOGGING_ID,
    region: REGION,
    accountId: ACCOUNT,
    destinationConfiguration: { s3: { bucketName: 'fuzz-bucket' } },
  })
  return emulator
}

// ---- building bodies ---------------------------------------------------------------------

/** JSON text spliced into a body as is: nesting too deep for `JSON.stringify` to build. */
class RawJson {
  readonly text: string

  constructor(text: string) {
    this.text = text
  }
}

/** `JSON.stringify` that writes `RawJson` values verbatim. */
function toJsonText(value: unknown): string {
  const raws: string[] = []
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (!(v instanceof RawJson)) return v
    raws.push(v.text)
    return `\u0000raw${raws.length - 1}\u0000`
  })
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_match, index: string) => raws[Number(index)]!)
}

/** An object whose own keys are exactly `entries`' (`__proto__` included, as JSON.parse makes it). */
function objectOf<Value>(entries: readonly (readonly [string, Value])[]): Record<string, Value> {
  return Object.fromEntries(entries)
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'] as const

const deepNesting = fc.integer({ min: 5_000, max: 50_000 }).map((depth) => new RawJson(`${'['.repeat(depth)}1${']'.repeat(depth)}`))
const hugeString = fc.integer({ min: 1_000, max: 300_000 }).map((length) => '\u{1F600}x'.repeat(Math.ceil(length / 3)))
/** Strings of every kind: any code unit (lone surrogates too), graphemes, the texts attackers use. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202Eevil',
    '\u200B',
    'e\u0301'.repeat(100),
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '%00',
    '../../etc/passwd',
    ...PROTOTYPE_KEYS,
  ),
)
/** Values of the wrong JSON type for any member, and structures meant to break a parser or walker. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.constant(Object.fromEntries([['__proto__', { polluted: 'yes' }]])),
  deepNesting,
)
const anyValue = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 3, arbitrary: wrongType }, { weight: 1, arbitrary: hugeString })

const mapKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'color', ''), fc.string({ unit: 'binary', maxLength: 16 }))
/** Attribute maps: random keys and values, 1 KB boundaries of multi-byte text, and wrong value types. */
const attributeMap = fc.oneof(
  fc.array(fc.tuple(mapKey, fc.string({ unit: 'grapheme', maxLength: 40 })), { maxLength: 8 }).map(objectOf),
  fc
    .tuple(fc.constantFrom(1023, 1024, 1025), fc.constantFrom(2, 3, 4) as fc.Arbitrary<2 | 3 | 4>)
    .map(([bytes, width]) => ({ k: textOfBytes(bytes - 1, width) })),
  fc.array(fc.tuple(mapKey, anyValue), { minLength: 1, maxLength: 3 }).map(objectOf),
)
const roomReference = fc.constantFrom(
  DEMO_ROOM_ARN,
  FUZZ_LOGGING_ARN,
  `${FUZZ_LOGGING_ARN}x`,
  FUZZ_ROOM_ARN,
  MISSING_ROOM_ARN,
  DEMO_ROOM_ARN.toUpperCase(),
  `${DEMO_ROOM_ARN} `,
  'DemoChatRoom',
  `arn:aws:ivschat:${REGION}:${ACCOUNT}:room/${'a'.repeat(200)}`,
  `arn:aws:ivschat:${REGION}:${ACCOUNT}:room/__proto__`,
)
const userId = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 140 }),
  fc.constantFrom('😀'.repeat(64), '😀'.repeat(64) + 'a', '😀'.repeat(128), '😀'.repeat(129), 'a'.repeat(127) + '😀', 'a'.repeat(128) + '😀'),
)
const wholeNumber = (min: number, max: number) => fc.oneof(fc.integer({ min: min - 2, max: max + 2 }), fc.constantFrom(min, max, 1.5, 1e300, -1))

/** A plausible value for each member (by name, across operations), to reach past the first check. */
const PLAUSIBLE: Record<string, fc.Arbitrary<unknown>> = {
  roomIdentifier: roomReference,
  identifier: roomReference,
  userId,
  capabilities: fc.array(fc.constantFrom('SEND_MESSAGE', 'DELETE_MESSAGE', 'DISCONNECT_USER', 'send_message', '', 'ADMIN'), { maxLength: 5 }),
  sessionDurationInMinutes: wholeNumber(1, 180),
  attributes: attributeMap,
  name: fc.oneof(fc.stringMatching(/^[a-zA-Z0-9_-]{0,130}$/), hostileString),
  maximumMessageRatePerSecond: wholeNumber(1, 100),
  maximumMessageLength: wholeNumber(1, 500),
  messageReviewHandler: fc.record(
    {
      uri: fc.constantFrom('', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:review`, 'arn:aws:lambda:us-west-2:1:function:f', 'javascript:alert(1)'),
      fallbackResult: fc.constantFrom('ALLOW', 'DENY', 'allow', 'MAYBE'),
    },
    { requiredKeys: [] },
  ),
  tags: fc.oneof(attributeMap, fc.array(fc.tuple(fc.string({ maxLength: 5 }), fc.constant('v')), { minLength: 49, maxLength: 52 }).map(objectOf)),
  loggingConfigurationIdentifiers: fc.array(
    fc.oneof(fc.constant(`arn:aws:ivschat:${REGION}:${ACCOUNT}:logging-configuration/abc`), hostileString),
    { maxLength: 5 },
  ),
  nextToken: fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.tuple(fc.integer(), fc.string({ maxLength: 12 })).map((cursor) => btoa(JSON.stringify(cursor)).replaceAll('=', '')),
    fc.constantFrom(btoa('[1e400,"x"]'), btoa('{"__proto__":1}'), btoa('5')),
  ),
  maxResults: wholeNumber(1, 50),
  messageReviewHandlerUri: fc.constantFrom('', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:review`, 'x'),
  loggingConfigurationIdentifier: fc.constantFrom(`arn:aws:ivschat:${REGION}:${ACCOUNT}:logging-configuration/abc`, ''),
  eventName: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 110 }), fc.constantFrom('😀'.repeat(100), '😀'.repeat(101), 'aws:DISCONNECT_USER')),
  id: fc.oneof(fc.stringMatching(/^[a-zA-Z0-9]{12}$/), fc.string({ maxLength: 14 })),
  reason: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 260 }), fc.constantFrom('😀'.repeat(256), '😀'.repeat(257))),
  destinationConfiguration: fc.oneof(
    fc.record(
      {
        s3: fc.record({ bucketName: fc.oneof(fc.stringMatching(/^[a-z0-9.-]{2,64}$/), hostileString) }, { requiredKeys: [] }),
        cloudWatchLogs: fc.record({ logGroupName: fc.oneof(fc.stringMatching(/^[./#_A-Za-z0-9-]{0,513}$/), hostileString) }, { requiredKeys: [] }),
        firehose: fc.record({ deliveryStreamName: fc.oneof(fc.stringMatching(/^[a-zA-Z0-9_.-]{0,65}$/), hostileString) }, { requiredKeys: [] }),
        kinesis: fc.record({ streamName: fc.string() }),
      },
      { requiredKeys: [] },
    ),
    wrongType,
  ),
}

const LAMBDA_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:review`
const LOGGING_ARN = `arn:aws:ivschat:${REGION}:${ACCOUNT}:logging-configuration/abc`
const smallMap = fc
  .array(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }).filter((key) => key !== '__proto__'), fc.string({ maxLength: 20 })), { maxLength: 5 })
  .map(objectOf)

/** A valid value for each member, so that whole requests get past validation often enough. */
const VALID: Record<string, fc.Arbitrary<unknown>> = {
  roomIdentifier: fc.constantFrom(DEMO_ROOM_ARN, FUZZ_ROOM_ARN),
  identifier: fc.constantFrom(DEMO_ROOM_ARN, FUZZ_ROOM_ARN, FUZZ_LOGGING_ARN),
  userId: fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
  capabilities: fc.subarray(['SEND_MESSAGE', 'DELETE_MESSAGE', 'DISCONNECT_USER']),
  sessionDurationInMinutes: fc.integer({ min: 1, max: 180 }),
  attributes: smallMap,
  name: fc.stringMatching(/^[a-zA-Z0-9_-]{0,20}$/),
  maximumMessageRatePerSecond: fc.integer({ min: 1, max: 100 }),
  maximumMessageLength: fc.integer({ min: 1, max: 500 }),
  messageReviewHandler: fc.record({ uri: fc.constantFrom('', LAMBDA_ARN), fallbackResult: fc.constantFrom('ALLOW', 'DENY') }, { requiredKeys: [] }),
  tags: smallMap,
  loggingConfigurationIdentifiers: fc.array(fc.constant(LOGGING_ARN), { maxLength: 3 }),
  nextToken: fc.constant(''),
  maxResults: fc.integer({ min: 1, max: 50 }),
  messageReviewHandlerUri: fc.constantFrom('', LAMBDA_ARN),
  loggingConfigurationIdentifier: fc.constant(LOGGING_ARN),
  eventName: fc.string({ minLength: 1, maxLength: 50 }),
  id: fc.stringMatching(/^[a-zA-Z0-9]{12}$/),
  reason: fc.string({ minLength: 1, maxLength: 100 }),
  destinationConfiguration: fc.oneof(
    fc.record({ s3: fc.record({ bucketName: fc.stringMatching(/^[a-z0-9.-]{3,63}$/) }) }),
    fc.record({ cloudWatchLogs: fc.record({ logGroupName: fc.stringMatching(/^[./#_A-Za-z0-9-]{1,512}$/) }) }),
    fc.record({ firehose: fc.record({ deliveryStreamName: fc.stringMatching(/^[a-zA-Z0-9_.-]{1,64}$/) }) }),
  ),
}

/** A JSON object body for `operation`: each member absent, valid, at an edge or hostile, plus extra members. */
function objectBody(operation: string): fc.Arbitrary<string> {
  const members = MEMBERS[operation]!.map((member) =>
    fc.option(
      fc
        .oneof({ weight: 4, arbitrary: VALID[member]! }, { weight: 2, arbitrary: PLAUSIBLE[member]! }, { weight: 1, arbitrary: anyValue })
        .map((value) => [member, value] as const),
      { nil: undefined, freq: 3 },
    ),
  )
  const extras = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 })), anyValue), { maxLength: 3 })
  return fc.tuple(fc.tuple(...members), extras).map(([given, extra]) =>
    toJsonText(objectOf([...extra, ...given.filter((entry) => entry !== undefined)])),
  )
}

// ---- what every answer must be -------------------------------------------------------------

interface State {
  rooms: RoomSnapshot[]
  tokens: number
  loggingConfigurations: LoggingConfiguration[]
}

function stateOf(emulator: Emulator): State {
  return {
    rooms: emulator.rooms.snapshot(),
    tokens: emulator.tokens.issued().length,
    loggingConfigurations: emulator.loggingConfigurations.all().map(toLoggingConfiguration),
  }
}

function parsed(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function sortedEntries(map: unknown): [string, unknown][] {
  return Object.entries(map as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

function byArn(rooms: RoomSnapshot[]): Map<string, RoomSnapshot> {
  return new Map(rooms.map((room) => [room.arn, room]))
}

/** The rooms other than `except` are exactly as they were. */
function expectOtherRoomsUnchanged(before: State, after: State, except: string | undefined): void {
  const previous = byArn(before.rooms)
  for (const room of after.rooms) if (room.arn !== except && previous.has(room.arn)) expect(room).toEqual(previous.get(room.arn))
}

/**
 * An independent reading of the attribute rule (own keys as JSON carries them, Node's UTF-8
 * count): a map the emulator accepted must pass it.
 */
function attributesAcceptable(attributes: unknown): boolean {
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) return false
  const entries = Object.entries(attributes)
  if (entries.some(([key, value]) => key === '__proto__' || typeof value !== 'string')) return false
  return entries.reduce((sum, [key, value]) => sum + utf8Bytes(key) + utf8Bytes(value as string), 0) <= 1024
}

/** Checks a successful answer: the right status, a body the response schema accepts, the state change it implies. */
async function expectCorrectSuccess(emulator: Emulator, operation: string, input: Record<string, unknown>, answer: RestAnswer, before: State, method: string): Promise<void> {
  expect(method).toBe('POST')
  expect(Object.hasOwn(MEMBERS, operation)).toBe(true)
  const after = stateOf(emulator)
  const roomCountChange = after.rooms.length - before.rooms.length
  const configurationCountChange = after.loggingConfigurations.length - before.loggingConfigurations.length
  if (operation !== 'CreateChatToken') expect(after.tokens).toBe(before.tokens)
  if (!operation.includes('LoggingConfiguration')) expect(after.loggingConfigurations).toEqual(before.loggingConfigurations)
  switch (operation) {
    case 'CreateLoggingConfiguration': {
      expect(answer.status).toBe(200)
      const configuration = LoggingConfiguration.parse(JSON.parse(answer.body!))
      expect(configuration.state).toBe('ACTIVE')
      expect(configurationCountChange).toBe(1)
      expect(configuration.destinationConfiguration).toEqual(input.destinationConfiguration)
      break
    }
    case 'GetLoggingConfiguration':
      expect(answer.status).toBe(200)
      expect(LoggingConfiguration.parse(JSON.parse(answer.body!)).arn).toBe(input.identifier)
      expect(after.loggingConfigurations).toEqual(before.loggingConfigurations)
      break
    case 'ListLoggingConfigurations': {
      expect(answer.status).toBe(200)
      const page = ListLoggingConfigurationsResponse.parse(JSON.parse(answer.body!))
      expect(page.loggingConfigurations.length).toBeLessThanOrEqual((input.maxResults as number | undefined) ?? 50)
      expect(after.loggingConfigurations).toEqual(before.loggingConfigurations)
      break
    }
    case 'UpdateLoggingConfiguration': {
      expect(answer.status).toBe(200)
      const configuration = LoggingConfiguration.parse(JSON.parse(answer.body!))
      expect(configuration.arn).toBe(input.identifier)
      expect(configuration.state).toBe('ACTIVE')
      expect(configurationCountChange).toBe(0)
      if (input.destinationConfiguration !== undefined) expect(configuration.destinationConfiguration).toEqual(input.destinationConfiguration)
      break
    }
    case 'DeleteLoggingConfiguration':
      expect(answer).toMatchObject({ status: 204, body: null })
      expect(configurationCountChange).toBe(-1)
      expect(after.loggingConfigurations.map((configuration) => configuration.arn)).not.toContain(input.identifier)
      break
    case 'CreateChatToken': {
      expect(answer.status).toBe(200)
      const { token } = CreateChatTokenResponse.parse(JSON.parse(answer.body!))
      expect(after.tokens).toBe(before.tokens + 1)
      expect(after.rooms).toEqual(before.rooms)
      const claims = await emulator.tokens.open(token)
      expect(claims.userId).toBe(input.userId)
      expect(codePointLength(claims.userId)).toBeLessThanOrEqual(128)
      if (input.attributes !== undefined) expect(attributesAcceptable(input.attributes)).toBe(true)
      expect(sortedEntries(claims.attributes)).toEqual(sortedEntries(input.attributes ?? {}))
      expect([...claims.capabilities].sort()).toEqual([...new Set((input.capabilities as string[] | undefined) ?? [])].sort())
      return
    }
    case 'CreateRoom': {
      expect(answer.status).toBe(200)
      const room = Room.parse(JSON.parse(answer.body!))
      expect(roomCountChange).toBe(1)
      expectOtherRoomsUnchanged(before, after, room.arn)
      for (const member of ['name', 'maximumMessageRatePerSecond', 'maximumMessageLength'] as const) {
        if (input[member] !== undefined) expect(room[member]).toBe(input[member])
      }
      expect(sortedEntries(room.tags)).toEqual(sortedEntries(input.tags ?? {}))
      return
    }
    case 'UpdateRoom': {
      expect(answer.status).toBe(200)
      const room = Room.parse(JSON.parse(answer.body!))
      expect(room.arn).toBe(input.identifier)
      expect(roomCountChange).toBe(0)
      expectOtherRoomsUnchanged(before, after, room.arn)
      for (const member of ['name', 'maximumMessageRatePerSecond', 'maximumMessageLength'] as const) {
        if (input[member] !== undefined) expect(room[member]).toBe(input[member])
      }
      return
    }
    case 'DeleteRoom':
      expect(answer).toMatchObject({ status: 204, body: null })
      expect(roomCountChange).toBe(-1)
      expect(after.rooms.map((room) => room.arn)).not.toContain(input.identifier)
      expectOtherRoomsUnchanged(before, after, undefined)
      return
    case 'GetRoom':
      expect(answer.status).toBe(200)
      expect(Room.parse(JSON.parse(answer.body!)).arn).toBe(input.identifier)
      break
    case 'ListRooms': {
      expect(answer.status).toBe(200)
      const page = ListRoomsResponse.parse(JSON.parse(answer.body!))
      expect(page.rooms.length).toBeLessThanOrEqual((input.maxResults as number | undefined) ?? 50)
      break
    }
    case 'SendEvent':
      if (input.attributes !== undefined) expect(attributesAcceptable(input.attributes)).toBe(true)
      expect(answer.status).toBe(200)
      OperationIdResponse.parse(JSON.parse(answer.body!))
      break
    case 'DeleteMessage':
      expect(answer.status).toBe(200)
      OperationIdResponse.parse(JSON.parse(answer.body!))
      break
    case 'DisconnectUser':
      expect(answer).toMatchObject({ status: 200, body: '' })
      expect(codePointLength(input.userId as string)).toBeLessThanOrEqual(128)
      break
    default:
      throw new Error(`Unexpected success of ${operation}`)
  }
  expect(after.rooms).toEqual(before.rooms)
}

/** One call on `emulator`, and every check that applies to its answer. */
async function callAndCheck(emulator: Emulator, operation: string, body: string, method = 'POST'): Promise<RestAnswer> {
  const before = stateOf(emulator)
  const answer = await restCall(emulator, operation, body, method)
  expect(answer.headers['x-amzn-RequestId']).toBeDefined()
  if (answer.status >= 400) expectRefusal(emulator, operation, answer, before)
  else await expectCorrectSuccess(emulator, operation, parsed(body.trim() === '' ? '{}' : body)!, answer, before, method)
  return answer
}

/** A refused call is a well-formed error and changes nothing: no room created, deleted or touched, no token issued. */
function expectRefusal(emulator: Emulator, operation: string, answer: RestAnswer, before: State): void {
  expectWellFormedError(answer, MEMBERS[operation] ?? [])
  expect(stateOf(emulator)).toEqual(before)
}

/** `accepted`, or the members the ValidationException names (anything else fails the check). */
function outcomeOf(answer: RestAnswer, operation: string): 'accepted' | string[] {
  if (answer.status === 200) return 'accepted'
  const { type, body } = expectWellFormedError(answer, MEMBERS[operation]!)
  return [type, ...(body.fieldList ?? []).map((field) => field.name)]
}

/** fast-check's options for every property here; a run that takes 5 s has hung. */
function options(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns, timeout: 5_000, endOnFailure: true }
}

// ---- the properties ------------------------------------------------------------------------

describe('random and hostile JSON bodies, every operation', () => {
  it.each(OPERATION_NAMES)('%s: a well-formed error or a correct success, and the state only changes on success', async (operation) => {
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(objectBody(operation), async (body) => {
        const answer = await callAndCheck(freshEmulator(), operation, body)
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
      }),
      options(RUNS_PER_OPERATION),
    )
    // Both outcomes were reached: the generator gets past validation as well as failing it.
    const successes = [...statuses].filter(([status]) => status < 400).reduce((sum, [, n]) => sum + n, 0)
    expect(successes).toBeGreaterThan(0)
    expect(successes).toBeLessThan(RUNS_PER_OPERATION)
  })

  it('bodies that are not a JSON object, to any path, with any method', async () => {
    const body = fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom('', ' ', 'null', '[]', '"x"', '1e999', '{', '{"a":1', '\uFEFF{}', '{}garbage', '{"a":1}{"b":2}', 'a=b&c=d', '<xml/>', '\u0000'),
      deepNesting.map((raw) => raw.text),
      fc.integer({ min: 1, max: 8 }).map((megabytes) => `{"name":"${'a'.repeat(megabytes * 131_072)}"}`),
    )
    const operation = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...OPERATION_NAMES) }, fc.constantFrom(...PROTOTYPE_KEYS, 'createroom', 'CreateRoom/', ''), fc.string())
    const method = fc.oneof({ weight: 4, arbitrary: fc.constant('POST') }, fc.constantFrom('GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'post', 'P\u00d3ST'))
    let runs = 0
    await fc.assert(
      fc.asyncProperty(operation, body, method, async (op, text, verb) => {
        await callAndCheck(freshEmulator(), op, text, verb)
        runs++
      }),
      options(RUNS_RAW_BODIES),
    )
    expect(runs).toBe(RUNS_RAW_BODIES)
  })

  it('a sequence of calls on one emulator keeps its rooms consistent with the calls that succeeded', async () => {
    const step = fc.constantFrom(...OPERATION_NAMES).chain((operation) => objectBody(operation).map((body) => ({ operation, body })))
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 15 }), async (steps) => {
        const emulator = freshEmulator()
        let expectedRooms = emulator.rooms.all().length
        for (const { operation, body } of steps) {
          const answer = await callAndCheck(emulator, operation, body)
          if (answer.status < 400 && operation === 'CreateRoom') expectedRooms++
          if (answer.status < 400 && operation === 'DeleteRoom') expectedRooms--
          expect(emulator.rooms.all()).toHaveLength(expectedRooms)
        }
      }),
      options(RUNS_SEQUENCES),
    )
  })
})

// ---- boundaries, decided one by one ----------------------------------------------------------

describe('length limits count characters (code points), not UTF-16 code units', () => {
  const cases = [
    { label: '64 emoji (128 code units)', userId: '😀'.repeat(64), ok: true },
    { label: '64 emoji and a letter (129 code units, 65 characters)', userId: `${'😀'.repeat(64)}a`, ok: true },
    { label: '127 letters and an emoji (129 code units, 128 characters)', userId: `${'a'.repeat(127)}😀`, ok: true },
    { label: '128 emoji (256 code units, 128 characters)', userId: '😀'.repeat(128), ok: true },
    { label: '128 letters', userId: 'a'.repeat(128), ok: true },
    { label: '129 letters', userId: 'a'.repeat(129), ok: false },
    { label: '128 letters and an emoji (129 characters)', userId: `${'a'.repeat(128)}😀`, ok: false },
    { label: '129 emoji', userId: '😀'.repeat(129), ok: false },
    { label: '64 e + combining acute (128 characters, 64 graphemes)', userId: 'e\u0301'.repeat(64), ok: true },
    { label: '65 e + combining acute (130 characters)', userId: 'e\u0301'.repeat(65), ok: false },
    { label: 'an empty userId', userId: '', ok: false },
  ]

  it.each(cases)('CreateChatToken and DisconnectUser, userId of $label: ok=$ok', async ({ userId: id, ok }) => {
    for (const operation of ['CreateChatToken', 'DisconnectUser']) {
      const emulator = freshEmulator()
      const answer = await callAndCheck(emulator, operation, JSON.stringify({ roomIdentifier: DEMO_ROOM_ARN, userId: id }))
      expect(outcomeOf(answer, operation)).toEqual(ok ? 'accepted' : ['ValidationException', 'userId'])
    }
  })

  it.each([
    { member: 'reason', operation: 'DisconnectUser', max: 256, base: { roomIdentifier: DEMO_ROOM_ARN, userId: 'u' } },
    { member: 'eventName', operation: 'SendEvent', max: 100, base: { roomIdentifier: DEMO_ROOM_ARN } },
  ])('$operation $member: $max emoji accepted, one more refused', async ({ member, operation, max, base }) => {
    const accepted = await callAndCheck(freshEmulator(), operation, JSON.stringify({ ...base, [member]: '😀'.repeat(max) }))
    const refused = await callAndCheck(freshEmulator(), operation, JSON.stringify({ ...base, [member]: '😀'.repeat(max + 1) }))

    expect(accepted.status).toBe(200)
    expect(expectWellFormedError(refused, MEMBERS[operation]!).body.fieldList?.map((f) => f.name)).toEqual([member])
  })
})

describe('attributes at exactly 1 KB and 1 KB + 1 byte, built from multi-byte characters', () => {
  const widths = [2, 3, 4] as const
  const shapes = [
    { label: 'in one value', build: (bytes: number, width: 2 | 3 | 4) => ({ k: textOfBytes(bytes - 1, width) }) },
    { label: 'in one key', build: (bytes: number, width: 2 | 3 | 4) => objectOf([[textOfBytes(bytes - 1, width), 'v']]) },
    {
      label: 'across many entries',
      build: (bytes: number, width: 2 | 3 | 4) =>
        objectOf(Array.from({ length: 8 }, (_, i) => [`k${i}`, i < 7 ? textOfBytes(100, width) : textOfBytes(bytes - 7 * 102 - 2, width)])),
    },
  ]
  const cases = widths.flatMap((width) => shapes.flatMap((shape) => [1024, 1025].map((bytes) => ({ width, shape: shape.label, bytes, attributes: shape.build(bytes, width) }))))

  it.each(cases)('$bytes bytes $shape, $width-byte characters at the edge', async ({ bytes, attributes }) => {
    expect(Object.entries(attributes).reduce((sum, [k, v]) => sum + utf8Bytes(k) + utf8Bytes(v), 0)).toBe(bytes)
    for (const operation of ['CreateChatToken', 'SendEvent']) {
      const input = { roomIdentifier: DEMO_ROOM_ARN, userId: 'u', eventName: 'e', attributes }
      const answer = await callAndCheck(freshEmulator(), operation, JSON.stringify(input))
      expect(outcomeOf(answer, operation)).toEqual(bytes <= 1024 ? 'accepted' : ['ValidationException', 'attributes'])
    }
  })
})

describe('prototype-pollution keys', () => {
  it.each([
    { label: 'a __proto__ attribute with a string value', attributes: '{"__proto__":"x"}' },
    { label: 'a __proto__ attribute holding an object', attributes: '{"__proto__":{"polluted":"yes"}}' },
    { label: 'a __proto__ attribute holding a number', attributes: '{"__proto__":5,"a":"b"}' },
  ])('CreateChatToken and SendEvent refuse $label (zod would drop it unchecked)', async ({ attributes }) => {
    for (const operation of ['CreateChatToken', 'SendEvent']) {
      const answer = await callAndCheck(freshEmulator(), operation, `{"roomIdentifier":"${DEMO_ROOM_ARN}","userId":"u","eventName":"e","attributes":${attributes}}`)
      expect(outcomeOf(answer, operation)).toEqual(['ValidationException', 'attributes'])
    }
    expectNoPollution()
  })

  it('CreateRoom refuses a __proto__ tag', async () => {
    const answer = await callAndCheck(freshEmulator(), 'CreateRoom', '{"tags":{"__proto__":"x"}}')
    expect(outcomeOf(answer, 'CreateRoom')).toEqual(['ValidationException', 'tags'])
    expectNoPollution()
  })

  it('keeps constructor, prototype and toString as ordinary attribute keys', async () => {
    const emulator = freshEmulator()
    const attributes = { constructor: 'c', prototype: 'p', toString: 't', hasOwnProperty: 'h' }
    const answer = await callAndCheck(emulator, 'CreateChatToken', JSON.stringify({ roomIdentifier: DEMO_ROOM_ARN, userId: 'u', attributes }))

    expect(answer.status).toBe(200)
    expect(emulator.issuedTokens()[0]!.attributes).toEqual(attributes)
    expectNoPollution()
  })

  it('a __proto__ member of the body is an unknown member: it supplies nothing', async () => {
    const emulator = freshEmulator()
    const token = await callAndCheck(emulator, 'CreateChatToken', `{"__proto__":{"roomIdentifier":"${DEMO_ROOM_ARN}","userId":"u"}}`)
    const update = await callAndCheck(emulator, 'UpdateRoom', `{"identifier":"${DEMO_ROOM_ARN}","__proto__":{"maximumMessageLength":1}}`)

    expect(expectWellFormedError(token, MEMBERS.CreateChatToken!).body.fieldList?.map((f) => f.name).sort()).toEqual(['roomIdentifier', 'userId'])
    expect(update.status).toBe(200)
    expect(emulator.rooms.get(DEMO_ROOM_ARN).maximumMessageLength).toBe(500)
    expectNoPollution()
  })
})

describe('through real HTTP (MSW), wrong content types and bodies', () => {
  const ENDPOINT = `https://ivschat.${REGION}.amazonaws.com`

  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  afterEach(() => sharedEmulator.reset())
  afterAll(() => server.close())


  const cases: { label: string; operation: string; init: RequestInit; status: number }[] = [
    { label: 'JSON sent as text/plain', operation: 'CreateRoom', init: { headers: { 'content-type': 'text/plain' }, body: '{"name":"plain"}' }, status: 200 },
    { label: 'JSON with no content type', operation: 'GetRoom', init: { body: new Blob([`{"identifier":"${DEMO_ROOM_ARN}"}`]) }, status: 200 },
    { label: 'a form (urlencoded)', operation: 'CreateChatToken', init: { body: new URLSearchParams({ roomIdentifier: DEMO_ROOM_ARN, userId: 'u' }) }, status: 400 },
    { label: 'multipart form data', operation: 'CreateChatToken', init: { body: formData({ roomIdentifier: DEMO_ROOM_ARN, userId: 'u' }) }, status: 400 },
    { label: 'XML', operation: 'CreateRoom', init: { headers: { 'content-type': 'application/xml' }, body: '<CreateRoom/>' }, status: 400 },
    { label: 'bytes that are not UTF-8', operation: 'CreateRoom', init: { headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0xc3, 0x28, 0xff, 0x7b]) }, status: 400 },
    // fetch's text() strips a UTF-8 byte-order mark before the emulator sees the body.
    { label: 'JSON with a byte-order mark', operation: 'CreateRoom', init: { headers: { 'content-type': 'application/json' }, body: '\uFEFF{}' }, status: 200 },
    { label: 'a 2 MB JSON body', operation: 'CreateRoom', init: { headers: { 'content-type': 'application/json' }, body: `{"name":"${'a'.repeat(2_000_000)}"}` }, status: 400 },
    { label: 'deep nesting', operation: 'CreateChatToken', init: { headers: { 'content-type': 'application/json' }, body: `{"userId":${'['.repeat(50_000)}${']'.repeat(50_000)}}` }, status: 400 },
    { label: 'a __proto__ attribute', operation: 'CreateChatToken', init: { body: `{"roomIdentifier":"${DEMO_ROOM_ARN}","userId":"u","attributes":{"__proto__":{"a":1}}}` }, status: 400 },
    { label: 'an astral userId of 128 characters', operation: 'CreateChatToken', init: { body: JSON.stringify({ roomIdentifier: DEMO_ROOM_ARN, userId: '😀'.repeat(128) }) }, status: 200 },
  ]

  it.each(cases)('$label → $status', async ({ operation, init, status }) => {
    const before = stateOf(sharedEmulator)
    const response = await fetch(`${ENDPOINT}/${operation}`, { method: 'POST', ...init })
    const answer = await answerOf(response)

    expect(answer.status).toBe(status)
    // A refusal is well-formed and changed nothing; a success is one the response schema accepts.
    const check = status >= 400 ? () => expectRefusal(sharedEmulator, operation, answer, before) : () => expectSchemaAccepts(operation, answer)
    check()
  })
})

/** Nothing anywhere reached Object.prototype. */
function expectNoPollution(): void {
  expect(Object.keys(Object.prototype)).toEqual([])
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
}

/** The fetch answer in the shape `answerRestCall` gives, for the same checks. */
async function answerOf(response: Response): Promise<RestAnswer> {
  const headers: Record<string, string> = {}
  for (const name of ['content-type', 'x-amzn-ErrorType', 'x-amzn-RequestId']) {
    const value = response.headers.get(name)
    if (value !== null) headers[name] = value
  }
  const text = await response.text()
  return { status: response.status, headers, body: response.status === 204 ? null : text }
}

function expectSchemaAccepts(operation: string, answer: RestAnswer): void {
  const schemas: Record<string, { parse: (value: unknown) => unknown }> = { CreateRoom: Room, GetRoom: Room, CreateChatToken: CreateChatTokenResponse }
  expect(schemas[operation]!.parse(JSON.parse(answer.body!))).toBeDefined()
}

function formData(fields: Record<string, string>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return form
}
