import {
  CreateLoggingConfigurationCommand,
  CreateRoomCommand,
  GetRoomCommand,
  type IvschatClient,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  ValidationException,
} from '@aws-sdk/client-ivschat'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, emulator, server } from '../../mocks/node'
import { MISSING_ROOM_ARN, MISSING_ROOM_ID, ivschatClient, rejectionOf, untyped } from './ivschat-client'

/**
 * TagResource (POST), UntagResource (DELETE with `tagKeys` in the query) and
 * ListTagsForResource (GET) at `/tags/{resourceArn}`, through AWS's own client, for both
 * taggable resources: rooms and logging configurations.
 */

const client = ivschatClient()

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => emulator.reset())
afterAll(() => {
  client.destroy()
  server.close()
})

type Call = (client: IvschatClient) => Promise<unknown>

const s = (length: number, char = 'a') => char.repeat(length)
const tagsOf = (count: number, prefix = 'k') => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 'v']))
const listTags = async (resourceArn: string) => (await client.send(new ListTagsForResourceCommand({ resourceArn }))).tags
const tag = (resourceArn: string, tags: Record<string, string>) => client.send(new TagResourceCommand({ resourceArn, tags }))
const untag = (resourceArn: string, tagKeys: string[]) => client.send(new UntagResourceCommand({ resourceArn, tagKeys }))
const tagCall = (tags: Record<string, string>, resourceArn = DEMO_ROOM_ARN): Call => (c) => c.send(new TagResourceCommand({ resourceArn, tags }))

async function loggingConfigurationArn(): Promise<string> {
  const created = await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { s3: { bucketName: 'chat-logs' } }, tags: { team: 'chat' } }))
  return created.arn!
}

describe.each([
  { resource: 'a room', arnOf: async () => (await client.send(new CreateRoomCommand({ tags: { team: 'chat' } }))).arn! },
  { resource: 'a logging configuration', arnOf: loggingConfigurationArn },
])('on $resource', ({ arnOf }) => {
  it('ListTagsForResource answers the tags it was created with', async () => {
    expect(await listTags(await arnOf())).toEqual({ team: 'chat' })
  })

  it('TagResource adds and overwrites, answering 200 with no members', async () => {
    const arn = await arnOf()
    const answer = await tag(arn, { team: 'video', env: 'dev' })

    expect(answer.$metadata.httpStatusCode).toBe(200)
    expect(await listTags(arn)).toEqual({ team: 'video', env: 'dev' })
  })

  it('UntagResource removes the keys named (several, and one it does not have is no error)', async () => {
    const arn = await arnOf()
    await tag(arn, { env: 'dev', owner: 'me' })
    const answer = await untag(arn, ['team', 'owner', 'absent'])

    expect(answer.$metadata.httpStatusCode).toBe(200)
    expect(await listTags(arn)).toEqual({ env: 'dev' })
  })

  it('holds 50 tags; the 51st is refused and the 50 are kept', async () => {
    const arn = await arnOf()
    await tag(arn, tagsOf(49))
    expect(Object.keys((await listTags(arn))!)).toHaveLength(50)

    const error = await rejectionOf(tag(arn, { one: 'more' }))
    expect(error).toBeInstanceOf(ValidationException)
    expect((error as ValidationException).fieldList?.map((field) => field.name)).toEqual(['tags'])
    expect(Object.keys((await listTags(arn))!)).toHaveLength(50)
    // Overwriting one of the 50 is no 51st.
    await tag(arn, { team: 'other' })
    expect((await listTags(arn))!.team).toBe('other')
  })
})

describe('a room\'s tags through the tag operations and GetRoom agree', () => {
  it('TagResource on the demo room shows in GetRoom', async () => {
    await tag(DEMO_ROOM_ARN, { env: 'dev' })

    expect((await client.send(new GetRoomCommand({ identifier: DEMO_ROOM_ARN }))).tags).toEqual({ purpose: 'demo', env: 'dev' })
  })
})

describe('ValidationException names each bad field', () => {
  it.each<{ label: string; call: Call; fields: string[] }>([
    { label: 'TagResource: a key with the reserved prefix aws:', call: tagCall({ 'aws:owner': 'me' }), fields: ['tags'] },
    { label: 'TagResource: the reserved prefix in mixed case', call: tagCall({ 'Aws:owner': 'me' }), fields: ['tags'] },
    { label: 'TagResource: 51 tags in one call', call: tagCall(tagsOf(51)), fields: ['tags'] },
    { label: 'TagResource: an empty key', call: tagCall({ '': 'v' }), fields: ['tags'] },
    { label: 'TagResource: a key of 129 characters', call: tagCall({ [s(129)]: 'v' }), fields: ['tags'] },
    { label: 'TagResource: a value of 257 characters', call: tagCall({ k: s(257) }), fields: ['tags.k'] },
    { label: 'TagResource: no tags', call: tagCall(untyped(undefined)), fields: ['tags'] },
    { label: 'TagResource: an ARN of another service', call: tagCall({ k: 'v' }, 'arn:aws:ivs:us-west-2:123456789012:channel/abcd'), fields: ['resourceArn'] },
    { label: 'TagResource: an ARN of 129 characters', call: tagCall({ k: 'v' }, `${DEMO_ROOM_ARN}${s(129 - DEMO_ROOM_ARN.length)}`), fields: ['resourceArn'] },
    { label: 'UntagResource: a key with the reserved prefix', call: (c) => c.send(new UntagResourceCommand({ resourceArn: DEMO_ROOM_ARN, tagKeys: ['purpose', 'aws:cloudformation:stack-name'] })), fields: ['tagKeys'] },
    { label: 'UntagResource: 51 keys', call: (c) => c.send(new UntagResourceCommand({ resourceArn: DEMO_ROOM_ARN, tagKeys: Object.keys(tagsOf(51)) })), fields: ['tagKeys'] },
    { label: 'UntagResource: a key of 129 characters', call: (c) => c.send(new UntagResourceCommand({ resourceArn: DEMO_ROOM_ARN, tagKeys: [s(129)] })), fields: ['tagKeys.0'] },
    { label: 'ListTagsForResource: a bare room id', call: (c) => c.send(new ListTagsForResourceCommand({ resourceArn: 'DemoChatRoom' })), fields: ['resourceArn'] },
    { label: 'CreateRoom: a tag key with the reserved prefix', call: (c) => c.send(new CreateRoomCommand({ tags: { 'aws:owner': 'me' } })), fields: ['tags'] },
  ])('$label', async ({ call, fields }) => {
    const before = emulator.rooms.snapshot()
    const error = await rejectionOf(call(client))

    expect(error).toBeInstanceOf(ValidationException)
    const validation = error as ValidationException
    expect(validation.$metadata.httpStatusCode).toBe(400)
    expect(validation.fieldList?.map((field) => field.name)).toEqual(fields)
    expect(emulator.rooms.snapshot()).toEqual(before)
  })

  it('the reserved prefix is refused in words that say why', async () => {
    const error = await rejectionOf(tag(DEMO_ROOM_ARN, { 'aws:owner': 'me' }))

    expect((error as ValidationException).fieldList?.[0]?.message).toContain('aws:')
  })
})

describe('limits accepted at their edge', () => {
  it('a key of 128 and a value of 256 characters, an empty value, 50 tags in one call, aws: later in a key', async () => {
    await tag(DEMO_ROOM_ARN, { [s(128)]: s(256), empty: '', 'team:aws:x': 'v' })
    await untag(DEMO_ROOM_ARN, Object.keys((await listTags(DEMO_ROOM_ARN))!))
    await tag(DEMO_ROOM_ARN, tagsOf(50))

    expect(Object.keys((await listTags(DEMO_ROOM_ARN))!)).toHaveLength(50)
  })

  it('UntagResource with 50 keys, and with none', async () => {
    await untag(DEMO_ROOM_ARN, Object.keys(tagsOf(50)))
    await untag(DEMO_ROOM_ARN, [])

    expect(await listTags(DEMO_ROOM_ARN)).toEqual({ purpose: 'demo' })
  })
})

describe('an ARN that names nothing → ResourceNotFoundException', () => {
  it.each([
    { label: 'a room that does not exist', arn: MISSING_ROOM_ARN, id: MISSING_ROOM_ID },
    { label: 'a logging configuration that does not exist', arn: 'arn:aws:ivschat:us-west-2:123456789012:logging-configuration/NoSuchConfig', id: 'NoSuchConfig' },
    { label: 'a resource type the service does not have', arn: 'arn:aws:ivschat:us-west-2:123456789012:channel/abcdABCD1234', id: 'abcdABCD1234' },
    { label: 'the demo room in another region', arn: DEMO_ROOM_ARN.replace('us-west-2', 'eu-west-1'), id: 'DemoChatRoom' },
  ])('$label: for all three operations', async ({ arn, id }) => {
    for (const call of [tag(arn, { k: 'v' }), untag(arn, ['k']), listTags(arn)]) {
      const error = await rejectionOf(call)
      expect(error).toBeInstanceOf(ResourceNotFoundException)
      expect(error).toMatchObject({ resourceId: id, resourceType: 'ROOM', $metadata: { httpStatusCode: 404 } })
    }
  })
})
