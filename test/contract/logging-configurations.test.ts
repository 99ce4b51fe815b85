import {
  ConflictException,
  CreateLoggingConfigurationCommand,
  CreateRoomCommand,
  DeleteLoggingConfigurationCommand,
  GetLoggingConfigurationCommand,
  GetRoomCommand,
  type IvschatClient,
  ListLoggingConfigurationsCommand,
  ListRoomsCommand,
  ResourceNotFoundException,
  UpdateLoggingConfigurationCommand,
  UpdateRoomCommand,
  ValidationException,
} from '@aws-sdk/client-ivschat'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, emulator, server } from '../../mocks/node'
import { ivschatClient, rejectionOf, untyped } from './ivschat-client'

/**
 * The five logging-configuration operations through AWS's own client: every member at its
 * edges (accepted at the limit, refused one past it), the union of three destination kinds,
 * the states, and the 404s and 409s.
 */

const client = ivschatClient()

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => emulator.reset())
afterAll(() => {
  client.destroy()
  server.close()
})

type Call = (client: IvschatClient) => Promise<unknown>
type Destination = CreateLoggingConfigurationCommand['input']['destinationConfiguration']

const s = (length: number, char = 'a') => char.repeat(length)
const S3: Destination = { s3: { bucketName: 'chat-logs' } }
const CLOUDWATCH: Destination = { cloudWatchLogs: { logGroupName: '/aws/ivschat/demo' } }
const FIREHOSE: Destination = { firehose: { deliveryStreamName: 'chat-stream' } }
const MISSING_ID = 'NoSuchConfig'
const MISSING_ARN = `arn:aws:ivschat:us-west-2:123456789012:logging-configuration/${MISSING_ID}`
const ARN_PATTERN = /^arn:aws:ivschat:us-west-2:123456789012:logging-configuration\/[a-zA-Z0-9]{12}$/

const create = (input: Partial<CreateLoggingConfigurationCommand['input']> = {}) =>
  client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: S3, ...input }))
const createCall = (input: Partial<CreateLoggingConfigurationCommand['input']>): Call => (c) =>
  c.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: S3, ...input }))
const tagsOf = (count: number, prefix = 'k') => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 'v']))

/** A raw restJson1 call, for bodies AWS's client will not build (a union with two members). */
async function raw(operation: string, body: unknown): Promise<{ status: number; type: string | null; json: Record<string, unknown> }> {
  const response = await fetch(`https://ivschat.us-west-2.amazonaws.com/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, type: response.headers.get('x-amzn-ErrorType'), json: (await response.json()) as Record<string, unknown> }
}

describe('CreateLoggingConfiguration', () => {
  it.each([
    { kind: 'an S3 bucket', destination: S3 },
    { kind: 'a CloudWatch Logs log group', destination: CLOUDWATCH },
    { kind: 'a Firehose delivery stream', destination: FIREHOSE },
  ])('to $kind: ACTIVE at once, with its ARN, name, destination and tags', async ({ destination }) => {
    const created = await create({ name: 'logs', destinationConfiguration: destination, tags: { team: 'chat' } })

    expect(created.$metadata.httpStatusCode).toBe(200)
    expect(created.arn).toMatch(ARN_PATTERN)
    expect(created.id).toBe(created.arn!.split('/')[1])
    expect(created).toMatchObject({ name: 'logs', state: 'ACTIVE', destinationConfiguration: destination, tags: { team: 'chat' } })
    expect(created.createTime).toEqual(created.updateTime)
    const fetched = await client.send(new GetLoggingConfigurationCommand({ identifier: created.arn }))
    expect(fetched).toMatchObject({ arn: created.arn, id: created.id, name: 'logs', state: 'ACTIVE', destinationConfiguration: destination })
  })

  it('has the region of the endpoint called in its ARN', async () => {
    const tokyo = ivschatClient('ap-northeast-1')
    const created = await tokyo.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: S3 }))
    tokyo.destroy()

    expect(created.arn).toMatch(/^arn:aws:ivschat:ap-northeast-1:123456789012:logging-configuration\//)
  })

  it('without a name or tags: no name, empty tags', async () => {
    const created = await create()

    expect(created.name).toBeUndefined()
    expect(created.tags).toEqual({})
  })
})

describe('ValidationException names each bad field', () => {
  it.each<{ label: string; call: Call; fields: string[] }>([
    { label: 'no destinationConfiguration', call: createCall({ destinationConfiguration: untyped(undefined) }), fields: ['destinationConfiguration'] },
    { label: 'a name of 129 characters', call: createCall({ name: s(129) }), fields: ['name'] },
    { label: 'a name with a space', call: createCall({ name: 'chat logs' }), fields: ['name'] },
    { label: 'a bucket name of 2 characters', call: createCall({ destinationConfiguration: { s3: { bucketName: 'ab' } } }), fields: ['destinationConfiguration.s3.bucketName'] },
    { label: 'a bucket name of 64 characters', call: createCall({ destinationConfiguration: { s3: { bucketName: s(64) } } }), fields: ['destinationConfiguration.s3.bucketName'] },
    { label: 'a bucket name in upper case', call: createCall({ destinationConfiguration: { s3: { bucketName: 'Chat-Logs' } } }), fields: ['destinationConfiguration.s3.bucketName'] },
    // Both constraints of the member fail (length and pattern): Coral lists each.
    { label: 'an empty log group name', call: createCall({ destinationConfiguration: { cloudWatchLogs: { logGroupName: '' } } }), fields: ['destinationConfiguration.cloudWatchLogs.logGroupName', 'destinationConfiguration.cloudWatchLogs.logGroupName'] },
    { label: 'a log group name of 513 characters', call: createCall({ destinationConfiguration: { cloudWatchLogs: { logGroupName: s(513) } } }), fields: ['destinationConfiguration.cloudWatchLogs.logGroupName'] },
    { label: 'a log group name with a space', call: createCall({ destinationConfiguration: { cloudWatchLogs: { logGroupName: 'chat logs' } } }), fields: ['destinationConfiguration.cloudWatchLogs.logGroupName'] },
    { label: 'an empty delivery stream name', call: createCall({ destinationConfiguration: { firehose: { deliveryStreamName: '' } } }), fields: ['destinationConfiguration.firehose.deliveryStreamName', 'destinationConfiguration.firehose.deliveryStreamName'] },
    { label: 'a delivery stream name of 65 characters', call: createCall({ destinationConfiguration: { firehose: { deliveryStreamName: s(65) } } }), fields: ['destinationConfiguration.firehose.deliveryStreamName'] },
    { label: 'a delivery stream name with a slash', call: createCall({ destinationConfiguration: { firehose: { deliveryStreamName: 'a/b' } } }), fields: ['destinationConfiguration.firehose.deliveryStreamName'] },
    { label: 'an S3 destination without its bucket name', call: createCall({ destinationConfiguration: untyped({ s3: {} }) }), fields: ['destinationConfiguration.s3.bucketName'] },
    { label: '51 tags', call: createCall({ tags: tagsOf(51) }), fields: ['tags'] },
    { label: 'a tag key with the reserved prefix aws:', call: createCall({ tags: { 'aws:team': 'chat' } }), fields: ['tags'] },
    { label: 'a tag key with the reserved prefix in upper case', call: createCall({ tags: { 'AWS:team': 'chat' } }), fields: ['tags'] },
    { label: 'an empty tag key', call: createCall({ tags: { '': 'v' } }), fields: ['tags'] },
    { label: 'a tag value of 257 characters', call: createCall({ tags: { k: s(257) } }), fields: ['tags.k'] },
    { label: 'Get: a room ARN', call: (c) => c.send(new GetLoggingConfigurationCommand({ identifier: DEMO_ROOM_ARN })), fields: ['identifier'] },
    { label: 'Get: a bare id', call: (c) => c.send(new GetLoggingConfigurationCommand({ identifier: MISSING_ID })), fields: ['identifier'] },
    { label: 'Get: an ARN of 129 characters', call: (c) => c.send(new GetLoggingConfigurationCommand({ identifier: `${MISSING_ARN}${s(129 - MISSING_ARN.length)}` })), fields: ['identifier'] },
    { label: 'Delete: no identifier', call: (c) => c.send(new DeleteLoggingConfigurationCommand({ identifier: untyped(undefined) })), fields: ['identifier'] },
    { label: 'Update: a name with a slash', call: (c) => c.send(new UpdateLoggingConfigurationCommand({ identifier: MISSING_ARN, name: 'a/b' })), fields: ['name'] },
    { label: 'List: maxResults 0', call: (c) => c.send(new ListLoggingConfigurationsCommand({ maxResults: 0 })), fields: ['maxResults'] },
    { label: 'List: maxResults 51', call: (c) => c.send(new ListLoggingConfigurationsCommand({ maxResults: 51 })), fields: ['maxResults'] },
    { label: 'List: a nextToken of 1025 characters', call: (c) => c.send(new ListLoggingConfigurationsCommand({ nextToken: s(1025) })), fields: ['nextToken'] },
    { label: 'List: a nextToken it never issued', call: (c) => c.send(new ListLoggingConfigurationsCommand({ nextToken: 'not-a-token' })), fields: ['nextToken'] },
    { label: 'CreateRoom: 4 logging configurations', call: (c) => c.send(new CreateRoomCommand({ loggingConfigurationIdentifiers: [MISSING_ARN, MISSING_ARN, MISSING_ARN, MISSING_ARN] })), fields: ['loggingConfigurationIdentifiers'] },
  ])('$label', async ({ call, fields }) => {
    const error = await rejectionOf(call(client))

    expect(error).toBeInstanceOf(ValidationException)
    const validation = error as ValidationException
    expect(validation.$metadata.httpStatusCode).toBe(400)
    expect(validation.reason).toBe('FIELD_VALIDATION_FAILED')
    expect(validation.fieldList?.map((field) => field.name)).toEqual(fields)
  })

  it.each([
    { label: 'two destinations', destinationConfiguration: { s3: { bucketName: 'chat-logs' }, firehose: { deliveryStreamName: 'chat-stream' } } },
    { label: 'all three destinations', destinationConfiguration: { ...S3, ...CLOUDWATCH, ...FIREHOSE } },
    { label: 'no destination', destinationConfiguration: {} },
    { label: 'only a destination kind the model does not have', destinationConfiguration: { kinesis: { streamName: 'x' } } },
  ])('a destination configuration with $label → 400 on destinationConfiguration (a union: exactly one)', async ({ destinationConfiguration }) => {
    const answer = await raw('CreateLoggingConfiguration', { destinationConfiguration })

    expect(answer.status).toBe(400)
    expect(answer.type).toBe('ValidationException')
    expect(answer.json.fieldList).toEqual([
      { name: 'destinationConfiguration', message: 'Member must have exactly one of s3, cloudWatchLogs, firehose set' },
    ])
    expect(emulator.loggingConfigurations.all()).toEqual([])
  })
})

describe('limits accepted at their edge', () => {
  it.each<{ label: string; input: Partial<CreateLoggingConfigurationCommand['input']> }>([
    { label: 'an empty name', input: { name: '' } },
    { label: 'a name of 128 characters', input: { name: s(128, '-') } },
    { label: 'a bucket name of 3 characters', input: { destinationConfiguration: { s3: { bucketName: 'a.b' } } } },
    { label: 'a bucket name of 63 characters', input: { destinationConfiguration: { s3: { bucketName: s(63) } } } },
    { label: 'a log group name of 1 character', input: { destinationConfiguration: { cloudWatchLogs: { logGroupName: '#' } } } },
    { label: 'a log group name of 512 characters, every allowed kind', input: { destinationConfiguration: { cloudWatchLogs: { logGroupName: `/a.b-c_d#E9${s(501)}` } } } },
    { label: 'a delivery stream name of 64 characters', input: { destinationConfiguration: { firehose: { deliveryStreamName: `A_b.c-${s(58)}` } } } },
    { label: '50 tags, keys of 128 and values of 256 characters', input: { tags: { ...tagsOf(49), [s(128)]: s(256) } } },
    { label: 'a tag key that only contains aws: later', input: { tags: { 'team:aws:x': 'v' } } },
  ])('$label', async ({ input }) => {
    const created = await create(input)

    expect(created.state).toBe('ACTIVE')
  })
})

describe('Get, Update, List and Delete', () => {
  it('Update changes the name and the destination, even to another kind; updateTime moves, createTime stays', async () => {
    const created = await create({ name: 'before', tags: { team: 'chat' } })
    const updated = await client.send(
      new UpdateLoggingConfigurationCommand({ identifier: created.arn, name: 'after', destinationConfiguration: FIREHOSE }),
    )

    expect(updated).toMatchObject({ arn: created.arn, name: 'after', destinationConfiguration: FIREHOSE, state: 'ACTIVE', tags: { team: 'chat' } })
    expect(updated.createTime).toEqual(created.createTime)
    expect(updated.updateTime!.getTime()).toBeGreaterThan(created.updateTime!.getTime())
  })

  it('Update with only the identifier changes nothing but updateTime', async () => {
    const created = await create({ name: 'same', destinationConfiguration: CLOUDWATCH })
    const updated = await client.send(new UpdateLoggingConfigurationCommand({ identifier: created.arn }))

    expect(updated).toMatchObject({ name: 'same', destinationConfiguration: CLOUDWATCH })
  })

  it('List pages newest-updated first, with a nextToken until the last page', async () => {
    const arns: string[] = []
    for (let i = 0; i < 3; i++) arns.push((await create({ name: `c${i}` })).arn!)
    const first = await client.send(new ListLoggingConfigurationsCommand({ maxResults: 2 }))
    const second = await client.send(new ListLoggingConfigurationsCommand({ maxResults: 2, nextToken: first.nextToken }))

    expect(first.loggingConfigurations?.map((c) => c.arn)).toEqual([arns[2], arns[1]])
    expect(first.nextToken).toEqual(expect.any(String))
    expect(second.loggingConfigurations?.map((c) => c.arn)).toEqual([arns[0]])
    expect(second.nextToken).toBeUndefined()
    expect(second.loggingConfigurations?.[0]).toMatchObject({ name: 'c0', state: 'ACTIVE', destinationConfiguration: S3, tags: {} })
  })

  it('List refuses a token ListRooms issued, and a token built as the old cursor was (tokens cannot be forged)', async () => {
    for (let i = 0; i < 2; i++) await client.send(new CreateRoomCommand({}))
    await create()
    const roomsToken = (await client.send(new ListRoomsCommand({ maxResults: 1 }))).nextToken
    const forged = btoa(JSON.stringify(['logging-configuration', Date.now(), 'abc'])).replaceAll('=', '')

    for (const nextToken of [roomsToken, forged]) {
      const error = await rejectionOf(client.send(new ListLoggingConfigurationsCommand({ nextToken })))
      expect(error).toBeInstanceOf(ValidationException)
      expect((error as ValidationException).fieldList?.map((field) => field.name)).toEqual(['nextToken'])
    }
  })

  it('List with nothing to list: an empty list', async () => {
    const page = await client.send(new ListLoggingConfigurationsCommand({}))

    expect(page.loggingConfigurations).toEqual([])
  })

  it('Delete answers 204; the configuration is gone for Get, Update, Delete and List', async () => {
    const created = await create()
    const deleted = await client.send(new DeleteLoggingConfigurationCommand({ identifier: created.arn }))

    expect(deleted.$metadata.httpStatusCode).toBe(204)
    for (const call of [
      new GetLoggingConfigurationCommand({ identifier: created.arn }),
      new UpdateLoggingConfigurationCommand({ identifier: created.arn, name: 'x' }),
      new DeleteLoggingConfigurationCommand({ identifier: created.arn }),
    ]) {
      const error = await rejectionOf(client.send(untyped<GetLoggingConfigurationCommand>(call)))
      expect(error).toBeInstanceOf(ResourceNotFoundException)
      expect(error).toMatchObject({ resourceId: created.id, resourceType: 'ROOM', $metadata: { httpStatusCode: 404 } })
    }
    expect((await client.send(new ListLoggingConfigurationsCommand({}))).loggingConfigurations).toEqual([])
  })

  it('an ARN that names no configuration → 404 with its id', async () => {
    const error = await rejectionOf(client.send(new GetLoggingConfigurationCommand({ identifier: MISSING_ARN })))

    expect(error).toBeInstanceOf(ResourceNotFoundException)
    expect(error).toMatchObject({ resourceId: MISSING_ID, message: `Resource: ${MISSING_ARN} not found` })
  })
})

describe('ConflictException', () => {
  it('Delete of a configuration a room uses → 409 naming the room; after UpdateRoom lets go of it, 204', async () => {
    const { arn } = await create()
    const room = await client.send(new CreateRoomCommand({ loggingConfigurationIdentifiers: [arn!] }))

    const error = await rejectionOf(client.send(new DeleteLoggingConfigurationCommand({ identifier: arn })))
    expect(error).toBeInstanceOf(ConflictException)
    expect(error).toMatchObject({ resourceId: room.id, resourceType: 'ROOM', $metadata: { httpStatusCode: 409 } })
    expect((await client.send(new GetLoggingConfigurationCommand({ identifier: arn }))).state).toBe('ACTIVE')

    await client.send(new UpdateRoomCommand({ identifier: room.arn, loggingConfigurationIdentifiers: [] }))
    const deleted = await client.send(new DeleteLoggingConfigurationCommand({ identifier: arn }))
    expect(deleted.$metadata.httpStatusCode).toBe(204)
  })

  it.each(['CREATING', 'UPDATING', 'DELETING'] as const)('Update and Delete while %s → 409; Get shows the state', async (state) => {
    const { arn, id } = await create()
    emulator.loggingConfigurations.setState(arn!, state)

    expect((await client.send(new GetLoggingConfigurationCommand({ identifier: arn }))).state).toBe(state)
    for (const call of [new UpdateLoggingConfigurationCommand({ identifier: arn, name: 'x' }), new DeleteLoggingConfigurationCommand({ identifier: arn })]) {
      const error = await rejectionOf(client.send(untyped<UpdateLoggingConfigurationCommand>(call)))
      expect(error).toBeInstanceOf(ConflictException)
      expect(error).toMatchObject({ resourceId: id, $metadata: { httpStatusCode: 409 } })
    }
  })

  it.each(['CREATE_FAILED', 'UPDATE_FAILED', 'DELETE_FAILED'] as const)('a configuration in %s can be updated (back to ACTIVE) and deleted', async (state) => {
    const { arn } = await create()
    emulator.loggingConfigurations.setState(arn!, state)

    const updated = await client.send(new UpdateLoggingConfigurationCommand({ identifier: arn, destinationConfiguration: CLOUDWATCH }))
    expect(updated.state).toBe('ACTIVE')
    emulator.loggingConfigurations.setState(arn!, state)
    expect((await client.send(new DeleteLoggingConfigurationCommand({ identifier: arn }))).$metadata.httpStatusCode).toBe(204)
  })
})

describe('rooms name logging configurations that exist', () => {
  it('CreateRoom and UpdateRoom with an unknown configuration → ResourceNotFoundException naming it; nothing changes', async () => {
    const createError = await rejectionOf(client.send(new CreateRoomCommand({ name: 'logged', loggingConfigurationIdentifiers: [MISSING_ARN] })))
    expect(createError).toBeInstanceOf(ResourceNotFoundException)
    expect(createError).toMatchObject({ resourceId: MISSING_ID, resourceType: 'ROOM', $metadata: { httpStatusCode: 404 } })
    expect((await client.send(new ListRoomsCommand({ name: 'logged' }))).rooms).toEqual([])

    const { arn } = await create()
    const updateError = await rejectionOf(
      client.send(new UpdateRoomCommand({ identifier: DEMO_ROOM_ARN, name: 'renamed', loggingConfigurationIdentifiers: [arn!, MISSING_ARN] })),
    )
    expect(updateError).toBeInstanceOf(ResourceNotFoundException)
    expect(updateError).toMatchObject({ resourceId: MISSING_ID })
    expect(await client.send(new GetRoomCommand({ identifier: DEMO_ROOM_ARN }))).toMatchObject({ name: 'demo-room', loggingConfigurationIdentifiers: [] })
  })

  it('up to three configurations of any kinds; ListRooms filters by one', async () => {
    const arns = [(await create({ destinationConfiguration: S3 })).arn!, (await create({ destinationConfiguration: CLOUDWATCH })).arn!, (await create({ destinationConfiguration: FIREHOSE })).arn!]
    const room = await client.send(new CreateRoomCommand({ name: 'logged', loggingConfigurationIdentifiers: arns }))
    await client.send(new UpdateRoomCommand({ identifier: DEMO_ROOM_ARN, loggingConfigurationIdentifiers: [arns[1]!] }))

    expect(room.loggingConfigurationIdentifiers).toEqual(arns)
    const filtered = await client.send(new ListRoomsCommand({ loggingConfigurationIdentifier: arns[1] }))
    expect(filtered.rooms?.map((r) => r.arn).sort()).toEqual([room.arn, DEMO_ROOM_ARN].sort())
    const onlyS3 = await client.send(new ListRoomsCommand({ loggingConfigurationIdentifier: arns[0] }))
    expect(onlyS3.rooms?.map((r) => r.arn)).toEqual([room.arn])
  })
})

describe('regions', () => {
  it('a configuration is found only in its own region: Get, List, Update, Delete, a room and the tag operations of another region do not see it', async () => {
    const { arn, id } = await create()
    const dublin = ivschatClient('eu-west-1')
    try {
      for (const call of [
        new GetLoggingConfigurationCommand({ identifier: arn }),
        new UpdateLoggingConfigurationCommand({ identifier: arn, name: 'x' }),
        new DeleteLoggingConfigurationCommand({ identifier: arn }),
        new CreateRoomCommand({ loggingConfigurationIdentifiers: [arn!] }),
      ]) {
        const error = await rejectionOf(dublin.send(untyped<GetLoggingConfigurationCommand>(call)))
        expect(error).toBeInstanceOf(ResourceNotFoundException)
        expect(error).toMatchObject({ resourceId: id })
      }
      expect((await dublin.send(new ListLoggingConfigurationsCommand({}))).loggingConfigurations).toEqual([])
      expect((await client.send(new ListLoggingConfigurationsCommand({}))).loggingConfigurations?.map((c) => c.arn)).toEqual([arn])
    } finally {
      dublin.destroy()
    }
  })
})
