import {
  AccessDeniedException,
  CreateChatTokenCommand,
  CreateRoomCommand,
  DeleteMessageCommand,
  DeleteRoomCommand,
  DisconnectUserCommand,
  GetRoomCommand,
  ListRoomsCommand,
  PendingVerification,
  ResourceNotFoundException,
  SendEventCommand,
  UpdateRoomCommand,
  ValidationException,
  type IvschatClient,
} from '@aws-sdk/client-ivschat'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN } from '../../mocks/emulator/emulator'
import { ivschatClient, rejectionOf, startTestServer, type TestServer } from './helpers'

/** The control plane over real HTTP, driven by AWS's own client with `endpoint` set. */

let server: TestServer
let client: IvschatClient

beforeAll(async () => {
  server = await startTestServer()
  client = ivschatClient(server)
})
afterAll(async () => {
  client.destroy()
  await server.close()
})

const MISSING_ROOM_ARN = 'arn:aws:ivschat:us-west-2:123456789012:room/NoSuchRoom12'

describe('every operation through @aws-sdk/client-ivschat', () => {
  it('creates, reads, lists, updates and deletes a room', async () => {
    const created = await client.send(
      new CreateRoomCommand({ name: 'server-room', maximumMessageRatePerSecond: 20, maximumMessageLength: 300, tags: { team: 'chat' } }),
    )
    expect(created.arn).toBe(`arn:aws:ivschat:us-west-2:123456789012:room/${created.id}`)
    expect(created.id).toMatch(/^[a-zA-Z0-9]{12}$/)
    expect(created).toMatchObject({ name: 'server-room', maximumMessageRatePerSecond: 20, maximumMessageLength: 300, tags: { team: 'chat' } })
    expect(created.createTime).toBeInstanceOf(Date)
    expect(created.$metadata.httpStatusCode).toBe(200)
    expect(created.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)

    const got = await client.send(new GetRoomCommand({ identifier: created.arn }))
    expect(got).toMatchObject({ arn: created.arn, name: 'server-room', maximumMessageLength: 300 })

    const listed = await client.send(new ListRoomsCommand({ name: 'server-room' }))
    expect(listed.rooms?.map((room) => room.arn)).toEqual([created.arn])

    const updated = await client.send(new UpdateRoomCommand({ identifier: created.arn, maximumMessageLength: 100 }))
    expect(updated.maximumMessageLength).toBe(100)
    expect(updated.updateTime!.getTime()).toBeGreaterThan(created.updateTime!.getTime())

    const deleted = await client.send(new DeleteRoomCommand({ identifier: created.arn }))
    expect(deleted.$metadata.httpStatusCode).toBe(204)
    const gone = await rejectionOf(client.send(new GetRoomCommand({ identifier: created.arn })))
    expect(gone).toBeInstanceOf(ResourceNotFoundException)
  })

  it('mints a chat token with its expiry times as dates', async () => {
    const answer = await client.send(
      new CreateChatTokenCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'alice', sessionDurationInMinutes: 30 }),
    )
    expect(answer.token).toMatch(/^[A-Za-z0-9._-]+$/)
    expect(answer.tokenExpirationTime).toBeInstanceOf(Date)
    expect(answer.sessionExpirationTime!.getTime() - Date.now()).toBeGreaterThan(29 * 60_000)
    expect(server.emulator.issuedTokens()).toContainEqual(expect.objectContaining({ userId: 'alice', state: 'unused' }))
  })

  it('runs the server-side messaging operations', async () => {
    const event = await client.send(new SendEventCommand({ roomIdentifier: DEMO_ROOM_ARN, eventName: 'app:ping', attributes: { a: 'b' } }))
    expect(event.id).toMatch(/^[a-zA-Z0-9]{12}$/)
    const deleted = await client.send(new DeleteMessageCommand({ roomIdentifier: DEMO_ROOM_ARN, id: 'abcdefABCDEF', reason: 'spam' }))
    expect(deleted.id).toMatch(/^[a-zA-Z0-9]{12}$/)
    const kicked = await client.send(new DisconnectUserCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'bob', reason: 'rude' }))
    expect(kicked.$metadata.httpStatusCode).toBe(200)
  })
})

describe('errors arrive as the SDK exception classes with their members', () => {
  it('ValidationException for bad input, with reason and fieldList', async () => {
    const error = await rejectionOf(
      client.send(new CreateChatTokenCommand({ roomIdentifier: 'DemoChatRoom', userId: 'alice', sessionDurationInMinutes: 181 })),
    )
    expect(error).toBeInstanceOf(ValidationException)
    const validation = error as ValidationException
    expect(validation.$metadata.httpStatusCode).toBe(400)
    expect(validation.reason).toBe('FIELD_VALIDATION_FAILED')
    expect(validation.fieldList?.map((field) => field.name).sort()).toEqual(['roomIdentifier', 'sessionDurationInMinutes'])
  })

  it('ResourceNotFoundException for a room that does not exist, with resourceId and resourceType', async () => {
    const error = await rejectionOf(client.send(new CreateChatTokenCommand({ roomIdentifier: MISSING_ROOM_ARN, userId: 'alice' })))
    expect(error).toBeInstanceOf(ResourceNotFoundException)
    expect(error).toMatchObject({ resourceId: 'NoSuchRoom12', resourceType: 'ROOM', $metadata: { httpStatusCode: 404 } })
    for (const call of [
      client.send(new GetRoomCommand({ identifier: MISSING_ROOM_ARN })),
      client.send(new UpdateRoomCommand({ identifier: MISSING_ROOM_ARN, name: 'x' })),
      client.send(new DeleteRoomCommand({ identifier: MISSING_ROOM_ARN })),
      client.send(new SendEventCommand({ roomIdentifier: MISSING_ROOM_ARN, eventName: 'e' })),
      client.send(new DeleteMessageCommand({ roomIdentifier: MISSING_ROOM_ARN, id: 'abcdefABCDEF' })),
      client.send(new DisconnectUserCommand({ roomIdentifier: MISSING_ROOM_ARN, userId: 'bob' })),
    ]) {
      expect(await rejectionOf(call)).toBeInstanceOf(ResourceNotFoundException)
    }
  })

  it('AccessDeniedException and PendingVerification when the emulator is told to fail', async () => {
    server.emulator.faults.failNextTokenRequests(1, 'AccessDeniedException')
    server.emulator.faults.failNextTokenRequests(1, 'PendingVerification')
    const input = { roomIdentifier: DEMO_ROOM_ARN, userId: 'alice' }
    const denied = await rejectionOf(client.send(new CreateChatTokenCommand(input)))
    expect(denied).toBeInstanceOf(AccessDeniedException)
    expect(denied).toMatchObject({ $metadata: { httpStatusCode: 403 } })
    expect(await rejectionOf(client.send(new CreateChatTokenCommand(input)))).toBeInstanceOf(PendingVerification)
  })

  it('a body over the size cap is a 413 ValidationException, in the same error format', async () => {
    const error = await rejectionOf(
      client.send(new CreateChatTokenCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'alice', attributes: { big: 'x'.repeat(1024 * 1024) } })),
    )
    expect(error).toBeInstanceOf(ValidationException)
    expect(error).toMatchObject({ reason: 'OTHER', message: 'The request body is larger than 1048576 bytes', $metadata: { httpStatusCode: 413 } })
  })

  it('an unknown operation or a GET is a ValidationException, never a crash', async () => {
    const unknown = await fetch(`${server.url}/CreateChannel`, { method: 'POST', body: '{}' })
    expect(unknown.status).toBe(400)
    expect(unknown.headers.get('x-amzn-errortype')).toBe('ValidationException')
    expect(await unknown.json()).toMatchObject({ reason: 'UNKNOWN_OPERATION' })
    const get = await fetch(`${server.url}/GetRoom`)
    expect(get.status).toBe(400)
    expect(await get.json()).toMatchObject({ message: 'GetRoom takes POST, not GET' })
  })
})

describe('what a network adds', () => {
  it('answers a CORS preflight for the headers AWS SDKs send', async () => {
    const response = await fetch(`${server.url}/CreateChatToken`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://192.168.1.20:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request,x-custom',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-methods')).toContain('POST')
    const allowed = response.headers.get('access-control-allow-headers')!.split(', ')
    expect(allowed).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request', 'x-custom']),
    )
  })

  it('puts CORS headers on answers and errors, exposing the request id and error type', async () => {
    const ok = await fetch(`${server.url}/GetRoom`, { method: 'POST', body: JSON.stringify({ identifier: DEMO_ROOM_ARN }) })
    const failed = await fetch(`${server.url}/GetRoom`, { method: 'POST', body: JSON.stringify({ identifier: MISSING_ROOM_ARN }) })
    for (const response of [ok, failed]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(response.headers.get('access-control-expose-headers')).toBe('x-amzn-RequestId, x-amzn-ErrorType, content-length')
    }
    expect(ok.status).toBe(200)
    expect(failed.status).toBe(404)
  })

  it('names itself on GET / (a health check)', async () => {
    const response = await fetch(`${server.url}/`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ service: 'Amazon IVS Chat emulator', rooms: expect.any(Number), sessions: 0 })
  })

  it('answers a request that is not HTTP with 400 and one error line', async () => {
    const { port } = new URL(server.url)
    const answer = await new Promise<string>((resolve) => {
      let text = ''
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('HELLO THERE\r\n\r\n'))
      socket.on('data', (chunk) => (text += chunk.toString()))
      socket.on('close', () => resolve(text))
    })
    expect(answer.startsWith('HTTP/1.1 400 Bad Request\r\n')).toBe(true)
    expect(server.log.of('error')).toEqual([expect.stringMatching(/^http client error: Parse Error/)])
  })

  it('logs one line per call', async () => {
    const before = server.log.of('info').length
    await client.send(new GetRoomCommand({ identifier: DEMO_ROOM_ARN }))
    await rejectionOf(client.send(new GetRoomCommand({ identifier: MISSING_ROOM_ARN })))
    expect(server.log.of('info').slice(before)).toEqual([
      expect.stringMatching(/^http POST \/GetRoom 200 \(\d+\.\d ms\)$/),
      expect.stringMatching(/^http POST \/GetRoom 404 ResourceNotFoundException \(\d+\.\d ms\)$/),
    ])
  })
})
