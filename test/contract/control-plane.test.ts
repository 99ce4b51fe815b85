import {
  CreateChatTokenCommand,
  CreateRoomCommand,
  DeleteMessageCommand,
  DeleteRoomCommand,
  DisconnectUserCommand,
  GetRoomCommand,
  ListRoomsCommand,
  ResourceNotFoundException,
  SendEventCommand,
  UpdateRoomCommand,
} from '@aws-sdk/client-ivschat'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, DEMO_ROOM_ID, emulator, server } from '../../mocks/node'
import { ivschatClient, rejectionOf } from './ivschat-client'

/**
 * Every control-plane operation through AWS's real client against `server`: what a user's
 * backend code sees. Bad inputs are in control-plane-errors.test.ts.
 */

const client = ivschatClient()
const MINUTE = 60_000
const LAMBDA_ARN = 'arn:aws:lambda:us-west-2:123456789012:function:review-chat'

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => emulator.reset())
afterAll(() => {
  client.destroy()
  server.close()
})

/** Creates rooms one emulated second apart, so their order by update time is certain. */
async function createRoomsInOrder(names: string[]): Promise<string[]> {
  const arns: string[] = []
  for (const name of names) {
    emulator.advanceTime(1_000)
    const room = await client.send(new CreateRoomCommand({ name }))
    arns.push(room.arn!)
  }
  return arns
}

describe('CreateChatToken', () => {
  it('answers a token of subprotocol-safe characters and Date expiry times', async () => {
    const answer = await client.send(new CreateChatTokenCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'alice' }))

    expect(answer.$metadata.httpStatusCode).toBe(200)
    expect(answer.token).toMatch(/^[A-Za-z0-9._-]+$/)
    expect(answer.token!.split('.')).toHaveLength(5)
    expect(answer.tokenExpirationTime).toBeInstanceOf(Date)
    expect(answer.sessionExpirationTime).toBeInstanceOf(Date)
    expect(emulator.tokens.check(answer.token).ok).toBe(true)
  })

  it('ends the session at issue time + sessionDurationInMinutes', async () => {
    const answer = await client.send(
      new CreateChatTokenCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'alice', sessionDurationInMinutes: 180 }),
    )
    const [issued] = emulator.issuedTokens()

    expect(answer.sessionExpirationTime!.getTime()).toBe(issued!.issuedAt + 180 * MINUTE)
  })

  it('defaults the session to 60 minutes and the token lifetime to 60 minutes', async () => {
    const answer = await client.send(new CreateChatTokenCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'alice' }))
    const [issued] = emulator.issuedTokens()

    expect(answer.sessionExpirationTime!.getTime()).toBe(issued!.issuedAt + 60 * MINUTE)
    expect(answer.tokenExpirationTime!.getTime()).toBe(issued!.issuedAt + 60 * MINUTE)
  })

  it('takes the token lifetime from the emulator setting, independent of the session', async () => {
    emulator.configure({ tokenLifetimeMs: MINUTE })
    const answer = await client.send(
      new CreateChatTokenCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'alice', sessionDurationInMinutes: 5 }),
    )
    const [issued] = emulator.issuedTokens()

    expect(answer.tokenExpirationTime!.getTime()).toBe(issued!.issuedAt + MINUTE)
    expect(answer.sessionExpirationTime!.getTime()).toBe(issued!.issuedAt + 5 * MINUTE)
  })

  it('binds user, room, capabilities (once each) and attributes into the token', async () => {
    const attributes = { displayName: 'Zoë 😀', color: 'teal' }
    const answer = await client.send(
      new CreateChatTokenCommand({
        roomIdentifier: DEMO_ROOM_ARN,
        userId: 'alice',
        capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE', 'SEND_MESSAGE'],
        attributes,
      }),
    )
    const claims = await emulator.tokens.open(answer.token!)

    expect(claims).toMatchObject({
      roomArn: DEMO_ROOM_ARN,
      userId: 'alice',
      capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE'],
      attributes,
    })
  })

  it('mints a different token for every call, even with the same input', async () => {
    const input = { roomIdentifier: DEMO_ROOM_ARN, userId: 'alice' }
    const first = await client.send(new CreateChatTokenCommand(input))
    const second = await client.send(new CreateChatTokenCommand(input))

    expect(first.token).not.toBe(second.token)
  })
})

describe('CreateRoom and GetRoom', () => {
  it('creates a room with the documented defaults and a 12-character id', async () => {
    const room = await client.send(new CreateRoomCommand({}))

    expect(room.$metadata.httpStatusCode).toBe(200)
    expect(room.id).toMatch(/^[a-zA-Z0-9]{12}$/)
    expect(room.arn).toBe(`arn:aws:ivschat:us-west-2:123456789012:room/${room.id}`)
    expect(room.maximumMessageLength).toBe(500)
    expect(room.maximumMessageRatePerSecond).toBe(10)
    expect(room.createTime).toBeInstanceOf(Date)
    expect(room.updateTime).toEqual(room.createTime)
    expect(room.tags).toEqual({})
    expect(room.loggingConfigurationIdentifiers).toEqual([])
    expect(room.name).toBeUndefined()
    expect(room.messageReviewHandler).toBeUndefined()
  })

  it('puts the region of the endpoint it was called at into the ARN, and finds a room only in its own region', async () => {
    const frankfurt = ivschatClient('eu-central-1')
    const room = await frankfurt.send(new CreateRoomCommand({ name: 'frankfurt' }))

    expect(room.arn).toBe(`arn:aws:ivschat:eu-central-1:123456789012:room/${room.id}`)
    await expect(frankfurt.send(new GetRoomCommand({ identifier: room.arn }))).resolves.toMatchObject({ name: 'frankfurt' })
    // As on AWS, a room belongs to one region: the Oregon endpoint does not know it (FIDELITY.md).
    const elsewhere = await rejectionOf(client.send(new GetRoomCommand({ identifier: room.arn })))
    expect(elsewhere).toBeInstanceOf(ResourceNotFoundException)
    const oregon = await client.send(new ListRoomsCommand({ name: 'frankfurt' }))
    expect(oregon.rooms).toEqual([])
    const listed = await frankfurt.send(new ListRoomsCommand({}))
    expect(listed.rooms?.map((r) => r.arn)).toEqual([room.arn])
    // The seeded demo room lives in us-west-2 only.
    const demo = await rejectionOf(frankfurt.send(new CreateChatTokenCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'alice' })))
    expect(demo).toBeInstanceOf(ResourceNotFoundException)
    frankfurt.destroy()
  })

  it('keeps every field given, with fallbackResult defaulting to ALLOW', async () => {
    const room = await client.send(
      new CreateRoomCommand({
        name: 'launch_party-2',
        maximumMessageLength: 1,
        // botocore's 2022 model caps this at 10; the documented maximum is 100 (FIDELITY.md).
        maximumMessageRatePerSecond: 100,
        messageReviewHandler: { uri: LAMBDA_ARN },
        tags: { team: 'web' },
      }),
    )

    expect(room).toMatchObject({
      name: 'launch_party-2',
      maximumMessageLength: 1,
      maximumMessageRatePerSecond: 100,
      messageReviewHandler: { uri: LAMBDA_ARN, fallbackResult: 'ALLOW' },
      tags: { team: 'web' },
    })
  })

  it('GetRoom answers the room as CreateRoom did', async () => {
    const { $metadata: _created, ...created } = await client.send(new CreateRoomCommand({ name: 'lobby', tags: { a: 'b' } }))
    const { $metadata, ...fetched } = await client.send(new GetRoomCommand({ identifier: created.arn }))

    expect($metadata.httpStatusCode).toBe(200)
    expect(fetched).toEqual(created)
  })

  it('GetRoom finds the seeded demo room', async () => {
    const room = await client.send(new GetRoomCommand({ identifier: DEMO_ROOM_ARN }))

    expect(room).toMatchObject({ arn: DEMO_ROOM_ARN, id: DEMO_ROOM_ID, maximumMessageLength: 500, maximumMessageRatePerSecond: 10 })
  })
})

describe('ListRooms', () => {
  it('lists newest-updated first, as summaries without the limits', async () => {
    const [first, second, third] = await createRoomsInOrder(['one', 'two', 'three'])
    const { rooms, nextToken } = await client.send(new ListRoomsCommand({}))

    expect(rooms!.map((room) => room.arn)).toEqual([third, second, first, DEMO_ROOM_ARN])
    expect(nextToken).toBeUndefined()
    expect(rooms![0]).not.toHaveProperty('maximumMessageLength')
    expect(rooms![0]!.updateTime).toBeInstanceOf(Date)
  })

  it('answers at most maxResults rooms and a nextToken when there are more', async () => {
    await createRoomsInOrder(['one', 'two', 'three'])
    const page = await client.send(new ListRoomsCommand({ maxResults: 2 }))

    expect(page.rooms).toHaveLength(2)
    expect(page.nextToken).toEqual(expect.any(String))
  })

  it('pages through every room exactly once, in the order of a single listing', async () => {
    // Half of them in the same millisecond: ties must not break the paging.
    for (let i = 0; i < 12; i++) {
      if (i % 2 === 0) emulator.advanceTime(1)
      await client.send(new CreateRoomCommand({ name: `room-${i}` }))
    }
    const all = await client.send(new ListRoomsCommand({ maxResults: 50 }))
    const paged: string[] = []
    let nextToken: string | undefined
    let pages = 0
    do {
      const page = await client.send(new ListRoomsCommand({ maxResults: 5, nextToken }))
      paged.push(...page.rooms!.map((room) => room.arn!))
      nextToken = page.nextToken
      pages++
    } while (nextToken)

    expect(pages).toBe(3)
    expect(new Set(paged).size).toBe(13)
    expect(paged).toEqual(all.rooms!.map((room) => room.arn))
  })

  it('filters by exact name', async () => {
    const [alpha1, , alpha2] = await createRoomsInOrder(['alpha', 'beta', 'alpha', 'alpha-2'])
    const { rooms } = await client.send(new ListRoomsCommand({ name: 'alpha' }))

    expect(rooms!.map((room) => room.arn)).toEqual([alpha2, alpha1])
  })

  it('filters by review handler', async () => {
    const reviewed = await client.send(new CreateRoomCommand({ messageReviewHandler: { uri: LAMBDA_ARN } }))
    await client.send(new CreateRoomCommand({}))
    const { rooms } = await client.send(new ListRoomsCommand({ messageReviewHandlerUri: LAMBDA_ARN }))

    expect(rooms!.map((room) => room.arn)).toEqual([reviewed.arn])
  })
})

describe('UpdateRoom', () => {
  it('changes only the given fields and moves updateTime forward', async () => {
    const created = await client.send(new CreateRoomCommand({ name: 'before', maximumMessageLength: 200 }))
    emulator.advanceTime(5_000)
    const updated = await client.send(new UpdateRoomCommand({ identifier: created.arn, name: 'after' }))

    expect(updated).toMatchObject({ name: 'after', maximumMessageLength: 200, maximumMessageRatePerSecond: 10 })
    expect(updated.createTime).toEqual(created.createTime)
    // The emulator's clock is the wall clock plus the time advanced.
    expect(updated.updateTime!.getTime()).toBeGreaterThanOrEqual(created.updateTime!.getTime() + 5_000)
  })

  it('moves an updated room to the front of ListRooms', async () => {
    const [oldest, , newest] = await createRoomsInOrder(['a', 'b', 'c'])
    emulator.advanceTime(1_000)
    await client.send(new UpdateRoomCommand({ identifier: oldest, maximumMessageRatePerSecond: 5 }))
    const { rooms } = await client.send(new ListRoomsCommand({ maxResults: 2 }))

    expect(rooms!.map((room) => room.arn)).toEqual([oldest, newest])
  })

  it('gives a later updateTime even within the same millisecond', async () => {
    const created = await client.send(new CreateRoomCommand({}))
    const first = await client.send(new UpdateRoomCommand({ identifier: created.arn, name: 'x' }))
    const second = await client.send(new UpdateRoomCommand({ identifier: created.arn, name: 'y' }))

    expect(first.updateTime!.getTime()).toBeGreaterThan(created.updateTime!.getTime())
    expect(second.updateTime!.getTime()).toBeGreaterThan(first.updateTime!.getTime())
  })

  it('disassociates the review handler on an empty uri, the emulated function with it', async () => {
    const created = await client.send(
      new CreateRoomCommand({ messageReviewHandler: { uri: LAMBDA_ARN, fallbackResult: 'DENY' } }),
    )
    emulator.setReviewHandler(created.arn!, () => ({ ReviewResult: 'DENY' }), 'DENY')
    const updated = await client.send(new UpdateRoomCommand({ identifier: created.arn, messageReviewHandler: { uri: '' } }))
    const fetched = await client.send(new GetRoomCommand({ identifier: created.arn }))

    expect(updated.messageReviewHandler).toBeUndefined()
    expect(fetched.messageReviewHandler).toBeUndefined()
    expect(emulator.rooms.get(created.arn!).review).toBeUndefined()
  })

  it('keeps the review handler members an update leaves out', async () => {
    const created = await client.send(new CreateRoomCommand({ messageReviewHandler: { uri: LAMBDA_ARN } }))
    const updated = await client.send(
      new UpdateRoomCommand({ identifier: created.arn, messageReviewHandler: { fallbackResult: 'DENY' } }),
    )

    expect(updated.messageReviewHandler).toEqual({ uri: LAMBDA_ARN, fallbackResult: 'DENY' })
  })

  it('keeps the tags, which UpdateRoom cannot change', async () => {
    const created = await client.send(new CreateRoomCommand({ tags: { env: 'dev' } }))
    const updated = await client.send(new UpdateRoomCommand({ identifier: created.arn, name: 'renamed' }))

    expect(updated.tags).toEqual({ env: 'dev' })
  })
})

describe('DeleteRoom', () => {
  it('answers 204, after which the room is gone', async () => {
    const room = await client.send(new CreateRoomCommand({}))
    const deleted = await client.send(new DeleteRoomCommand({ identifier: room.arn }))
    const error = await rejectionOf(client.send(new GetRoomCommand({ identifier: room.arn })))

    expect(deleted.$metadata.httpStatusCode).toBe(204)
    expect(error).toBeInstanceOf(ResourceNotFoundException)
    expect(error).toMatchObject({ resourceId: room.id, resourceType: 'ROOM' })
    const { rooms } = await client.send(new ListRoomsCommand({}))
    expect(rooms!.map((r) => r.arn)).toEqual([DEMO_ROOM_ARN])
  })

  it('refuses tokens for a deleted room', async () => {
    const room = await client.send(new CreateRoomCommand({}))
    await client.send(new DeleteRoomCommand({ identifier: room.arn }))
    const error = await rejectionOf(client.send(new CreateChatTokenCommand({ roomIdentifier: room.arn, userId: 'alice' })))

    expect(error).toBeInstanceOf(ResourceNotFoundException)
  })
})

/** Only the REST answers here; what the sockets see is the data-plane tests' business. */
describe('SendEvent, DeleteMessage and DisconnectUser (REST answers)', () => {
  it('SendEvent answers the 12-character id of the event', async () => {
    const answer = await client.send(
      new SendEventCommand({ roomIdentifier: DEMO_ROOM_ARN, eventName: 'app:poll-opened', attributes: { pollId: '7' } }),
    )

    expect(answer.$metadata.httpStatusCode).toBe(200)
    expect(answer.id).toMatch(/^[a-zA-Z0-9]{12}$/)
  })

  it('DeleteMessage answers an id without checking that the message exists', async () => {
    const answer = await client.send(
      new DeleteMessageCommand({ roomIdentifier: DEMO_ROOM_ARN, id: 'abcdefABCDEF', reason: 'spam' }),
    )

    expect(answer.$metadata.httpStatusCode).toBe(200)
    expect(answer.id).toMatch(/^[a-zA-Z0-9]{12}$/)
  })

  it('DisconnectUser answers 200 with nothing but metadata, connected or not', async () => {
    const { $metadata, ...rest } = await client.send(
      new DisconnectUserCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'nobody', reason: 'bye' }),
    )

    expect($metadata.httpStatusCode).toBe(200)
    expect(rest).toEqual({})
  })
})
