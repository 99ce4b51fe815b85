import { CreateRoomCommand, ValidationException } from '@aws-sdk/client-ivschat'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO_ROOM_ARN, emulator, server } from '../../mocks/node'
import { ErrorBody, parseErrorType } from '../../mocks/contract/errors'
import { ivschatClient, rejectionOf } from './ivschat-client'

/**
 * The restJson1 wire itself, with plain `fetch`: whatever arrives, the answer is a status,
 * `x-amzn-ErrorType`, `x-amzn-RequestId` and a JSON body with `message`; never an HTML page,
 * never a crash.
 */

const ENDPOINT = 'https://ivschat.us-west-2.amazonaws.com'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** ISO-8601 in UTC with milliseconds, as the emulator writes every timestamp. */
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => emulator.reset())
afterAll(() => server.close())

function call(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${ENDPOINT}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, ...init })
}

/** Reads an error answer, checking everything every error answer must have. */
async function errorOf(response: Response, type: string): Promise<ErrorBody | undefined> {
  expect(response.headers.get('x-amzn-ErrorType')).toBe(type)
  expect(response.headers.get('x-amzn-RequestId')).toMatch(UUID)
  expect(response.headers.get('content-type')).toBe('application/json')
  if (response.status === 204) return undefined
  const text = await response.text()
  if (text === '') return undefined // a HEAD answer has no body to read
  expect(text.trimStart().startsWith('<')).toBe(false)
  const body = ErrorBody.parse(JSON.parse(text))
  expect(body.message).not.toBe('')
  return body
}

describe('requests AWS would not route', () => {
  it.each<{ label: string; path: string; init: RequestInit; reason: string }>([
    { label: 'malformed JSON', path: '/CreateChatToken', init: { body: '{"roomIdentifier":' }, reason: 'OTHER' },
    { label: 'a JSON array', path: '/CreateChatToken', init: { body: JSON.stringify([{ userId: 'a' }]) }, reason: 'OTHER' },
    { label: 'JSON null', path: '/CreateRoom', init: { body: 'null' }, reason: 'OTHER' },
    { label: 'a JSON string', path: '/CreateRoom', init: { body: '"room"' }, reason: 'OTHER' },
    { label: 'bytes that are not text', path: '/CreateRoom', init: { body: new Uint8Array([0xff, 0xfe, 0x00, 0x7b]) }, reason: 'OTHER' },
    { label: 'an unknown operation', path: '/CreateChannel', init: { body: '{}' }, reason: 'UNKNOWN_OPERATION' },
    { label: 'an operation in the wrong case', path: '/createchattoken', init: { body: '{}' }, reason: 'UNKNOWN_OPERATION' },
    { label: 'a tags path with a method the model does not give it', path: `/tags/${encodeURIComponent(DEMO_ROOM_ARN)}`, init: { method: 'PUT', body: '{}' }, reason: 'UNKNOWN_OPERATION' },
    { label: 'the root path', path: '/', init: { body: '{}' }, reason: 'UNKNOWN_OPERATION' },
    { label: 'a trailing slash', path: '/CreateRoom/', init: { body: '{}' }, reason: 'UNKNOWN_OPERATION' },
    { label: 'an inherited property name', path: '/constructor', init: { body: '{}' }, reason: 'UNKNOWN_OPERATION' },
    { label: '__proto__', path: '/__proto__', init: { body: '{}' }, reason: 'UNKNOWN_OPERATION' },
    { label: 'a path that is not valid percent-encoding', path: '/%E0%A4%A', init: { body: '{}' }, reason: 'UNKNOWN_OPERATION' },
    { label: 'GET instead of POST', path: '/CreateChatToken', init: { method: 'GET' }, reason: 'OTHER' },
    { label: 'PUT instead of POST', path: '/CreateRoom', init: { method: 'PUT', body: '{}' }, reason: 'OTHER' },
    { label: 'DELETE instead of POST', path: '/DeleteRoom', init: { method: 'DELETE' }, reason: 'OTHER' },
  ])('$label → 400 ValidationException ($reason)', async ({ path, init, reason }) => {
    const response = await call(path, init)

    expect(response.status).toBe(400)
    const body = await errorOf(response, 'ValidationException')
    expect(body).toMatchObject({ reason })
  })

  it('HEAD → 400 with the error headers (a HEAD answer has no body)', async () => {
    const response = await call('/GetRoom', { method: 'HEAD' })

    expect(response.status).toBe(400)
    expect(await errorOf(response, 'ValidationException')).toBeUndefined()
  })

  it('names the operations there are when the operation is unknown', async () => {
    const body = await errorOf(await call('/CreateChannel', { body: '{}' }), 'ValidationException')

    expect(body!.message).toContain('CreateChatToken')
    expect(body!.message).toContain('CreateChannel')
  })
})

describe('bodies', () => {
  it('reads an empty body as an empty input: CreateChatToken names both required members', async () => {
    const response = await call('/CreateChatToken', { body: '' })

    expect(response.status).toBe(400)
    const body = await errorOf(response, 'ValidationException')
    expect(body).toMatchObject({
      reason: 'FIELD_VALIDATION_FAILED',
      fieldList: [
        { name: 'roomIdentifier', message: 'Member must not be null' },
        { name: 'userId', message: 'Member must not be null' },
      ],
    })
  })

  it('reads an empty body as an empty input: CreateRoom creates a room with the defaults', async () => {
    const response = await call('/CreateRoom')

    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ maximumMessageLength: 500, maximumMessageRatePerSecond: 10 })
  })

  it('ignores unknown members', async () => {
    const response = await call('/CreateRoom', { body: JSON.stringify({ name: 'x', colour: 'blue', Name: 'y' }) })
    const room = (await response.json()) as Record<string, unknown>

    expect(response.status).toBe(200)
    expect(room.name).toBe('x')
    expect(room).not.toHaveProperty('colour')
    expect(room).not.toHaveProperty('Name')
  })

  it('answers a crash inside the emulator as InternalServerException 500', async () => {
    vi.spyOn(emulator.faults, 'takeTokenFault').mockImplementation(() => {
      throw new TypeError('boom')
    })
    const response = await call('/CreateChatToken', { body: JSON.stringify({ roomIdentifier: DEMO_ROOM_ARN, userId: 'a' }) })

    expect(response.status).toBe(500)
    const body = await errorOf(response, 'InternalServerException')
    expect(body!.message).toContain('boom')
  })
})

describe('successful answers', () => {
  it('CreateChatToken: JSON, a request id, ISO-8601 UTC timestamps with milliseconds', async () => {
    const response = await call('/CreateChatToken', { body: JSON.stringify({ roomIdentifier: DEMO_ROOM_ARN, userId: 'a' }) })
    const body = (await response.json()) as Record<string, string>

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('x-amzn-RequestId')).toMatch(UUID)
    expect(response.headers.has('x-amzn-ErrorType')).toBe(false)
    expect(Object.keys(body).sort()).toEqual(['sessionExpirationTime', 'token', 'tokenExpirationTime'])
    expect(body.tokenExpirationTime).toMatch(ISO_UTC_MS)
    expect(body.sessionExpirationTime).toMatch(ISO_UTC_MS)
  })

  it('CreateRoom: ISO-8601 UTC timestamps with milliseconds', async () => {
    const room = (await (await call('/CreateRoom', { body: '{}' })).json()) as Record<string, string>

    expect(room.createTime).toMatch(ISO_UTC_MS)
    expect(room.updateTime).toMatch(ISO_UTC_MS)
  })

  it('DeleteRoom: 204 with an empty body and a request id', async () => {
    const room = (await (await call('/CreateRoom', { body: '{}' })).json()) as { arn: string }
    const response = await call('/DeleteRoom', { body: JSON.stringify({ identifier: room.arn }) })

    expect(response.status).toBe(204)
    expect(response.headers.get('x-amzn-RequestId')).toMatch(UUID)
    expect(await response.text()).toBe('')
  })

  it('DisconnectUser: 200 with an empty body', async () => {
    const response = await call('/DisconnectUser', { body: JSON.stringify({ roomIdentifier: DEMO_ROOM_ARN, userId: 'bob' }) })

    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })

  it('gives every answer its own request id', async () => {
    const ids = new Set<string | null>()
    for (let i = 0; i < 5; i++) ids.add((await call('/GetRoom', { body: JSON.stringify({ identifier: DEMO_ROOM_ARN }) })).headers.get('x-amzn-RequestId'))

    expect(ids.size).toBe(5)
  })
})

describe('the error header, as AWS clients parse it', () => {
  it('is the bare exception name, which every client parser returns unchanged', async () => {
    const response = await call('/GetRoom', { body: JSON.stringify({ identifier: 'nope' }) })
    const header = response.headers.get('x-amzn-ErrorType')

    expect(header).toMatch(/^[A-Za-z]+$/)
    expect(parseErrorType(header)).toBe(header)
  })

  it.each([
    ['ValidationException', 'ValidationException'],
    ['ValidationException:http://internal.amazon.com/coral/com.amazonaws.ivschat/', 'ValidationException'],
    ['com.amazonaws.ivschat#ResourceNotFoundException', 'ResourceNotFoundException'],
    ['aws.protocoltests#ThrottlingException:http://internal.amazon.com/coral/', 'ThrottlingException'],
    ['AccessDeniedException,SomethingElse', 'AccessDeniedException'],
    ['', undefined],
    [null, undefined],
  ])('the app reads %j as %j, as the AWS SDK does', (raw, expected) => {
    expect(parseErrorType(raw)).toBe(expected)
  })

  it('reaches the AWS SDK as $metadata.requestId and the exception class', async () => {
    const client = ivschatClient()
    const created = await client.send(new CreateRoomCommand({}))
    const error = await rejectionOf(client.send(new CreateRoomCommand({ name: 'bad name' })))
    client.destroy()

    expect(created.$metadata.requestId).toMatch(UUID)
    expect(error).toBeInstanceOf(ValidationException)
    expect((error as ValidationException).$metadata.requestId).toMatch(UUID)
    expect((error as ValidationException).$fault).toBe('client')
  })
})
