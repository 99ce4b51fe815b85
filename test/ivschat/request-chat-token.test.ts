import { http, HttpResponse, delay } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, emulator, server } from '../../mocks/node'
import { requestChatToken } from '../../src/ivschat/request-chat-token'
import { RestCallError, type RestFailure } from '../../src/ivschat/rest-client'

/** The typed fetch layer: every outcome is a value the UI can switch on. */

const ENDPOINT = 'https://ivschat.us-west-2.amazonaws.com/CreateChatToken'
const TOKEN_BACKEND = 'https://tokens.example.test/chat-token'

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => {
  server.resetHandlers()
  emulator.reset()
})
afterAll(() => server.close())

async function failureOf(promise: Promise<unknown>): Promise<RestFailure> {
  try {
    await promise
  } catch (error) {
    if (error instanceof RestCallError) return error.failure
    throw new Error(`Expected a RestCallError, got ${String(error)}`, { cause: error })
  }
  throw new Error('Expected the token request to fail, but it succeeded')
}

describe('a token', () => {
  it('comes back with its expiry times as Dates, from the configured endpoint by default', async () => {
    const before = Date.now()
    const token = await requestChatToken({ roomIdentifier: DEMO_ROOM_ARN, userId: 'alice', sessionDurationInMinutes: 5 })
    expect(token.token).toMatch(/^[A-Za-z0-9._-]+$/)
    expect(token.tokenExpirationTime).toBeInstanceOf(Date)
    expect(token.sessionExpirationTime).toBeInstanceOf(Date)
    expect(token.sessionExpirationTime.getTime() - before).toBeGreaterThanOrEqual(5 * 60_000 - 1_000)
    expect(token.sessionExpirationTime.getTime() - before).toBeLessThanOrEqual(5 * 60_000 + 1_000)
  })

  it('is requested with exactly the CreateChatToken body, from any endpoint (a token backend)', async () => {
    let received: unknown
    server.use(
      http.post(TOKEN_BACKEND, async ({ request }) => {
        received = await request.json()
        return HttpResponse.json({ token: 'abc.def', tokenExpirationTime: '2030-01-01T00:00:00Z', sessionExpirationTime: '2030-01-01T01:00:00.123456789Z' })
      }),
    )
    const request = { roomIdentifier: DEMO_ROOM_ARN, userId: 'bob', capabilities: ['SEND_MESSAGE' as const], attributes: { displayName: 'Bob' } }
    const token = await requestChatToken(request, { endpoint: TOKEN_BACKEND })
    expect(received).toEqual(request)
    expect(token.sessionExpirationTime.toISOString()).toBe('2030-01-01T01:00:00.123Z')
  })
})

describe('each error of the service, mapped', () => {
  it('ValidationException, with the field list', async () => {
    const failure = await failureOf(requestChatToken({ roomIdentifier: DEMO_ROOM_ARN, userId: '', sessionDurationInMinutes: 181 }, { endpoint: ENDPOINT }))
    expect(failure).toMatchObject({ kind: 'ValidationException', reason: 'FIELD_VALIDATION_FAILED', requestId: expect.stringMatching(/[0-9a-f-]{36}/) })
    const names = 'fieldList' in failure ? failure.fieldList.map((field) => field.name).sort() : []
    expect(names).toEqual(['sessionDurationInMinutes', 'userId'])
  })

  it('ResourceNotFoundException, with the resource', async () => {
    const failure = await failureOf(requestChatToken({ roomIdentifier: 'arn:aws:ivschat:us-west-2:123456789012:room/NoSuchRoom00', userId: 'u' }))
    expect(failure).toMatchObject({ kind: 'ResourceNotFoundException', resourceId: 'NoSuchRoom00', resourceType: 'ROOM' })
  })

  it.each(['AccessDeniedException', 'PendingVerification'] as const)('%s', async (type) => {
    emulator.faults.failNextTokenRequests(1, type)
    const failure = await failureOf(requestChatToken({ roomIdentifier: DEMO_ROOM_ARN, userId: 'u' }))
    expect(failure.kind).toBe(type)
    expect(failure.message.length).toBeGreaterThan(0)
  })

  it('any other AWS error as a ServiceError with its type and status, however the type travels', async () => {
    server.use(
      http.post(TOKEN_BACKEND, () =>
        HttpResponse.json({ message: 'Rate exceeded' }, { status: 429, headers: { 'x-amzn-ErrorType': 'ThrottlingException:http://internal.amazon.com/coral/com.amazonaws.ivschat/' } }),
      ),
    )
    expect(await failureOf(requestChatToken({ roomIdentifier: DEMO_ROOM_ARN, userId: 'u' }, { endpoint: TOKEN_BACKEND }))).toMatchObject({
      kind: 'ServiceError',
      type: 'ThrottlingException',
      status: 429,
      message: 'Rate exceeded',
    })
    server.use(http.post(TOKEN_BACKEND, () => HttpResponse.json({ __type: 'com.amazonaws.ivschat#ValidationException', message: 'bad', fieldList: [{ name: 'userId', message: 'm' }] }, { status: 400 })))
    expect(await failureOf(requestChatToken({ roomIdentifier: DEMO_ROOM_ARN, userId: 'u' }, { endpoint: TOKEN_BACKEND }))).toMatchObject({
      kind: 'ValidationException',
      fieldList: [{ name: 'userId', message: 'm' }],
    })
  })
})

describe('what is not an answer of the service', () => {
  it('a network failure', async () => {
    server.use(http.post(TOKEN_BACKEND, () => HttpResponse.error()))
    expect((await failureOf(requestChatToken({ roomIdentifier: DEMO_ROOM_ARN, userId: 'u' }, { endpoint: TOKEN_BACKEND }))).kind).toBe('NetworkError')
  })

  it('an abort, before or during the request', async () => {
    const aborted = new AbortController()
    aborted.abort()
    expect((await failureOf(requestChatToken({ roomIdentifier: DEMO_ROOM_ARN, userId: 'u' }, { signal: aborted.signal }))).kind).toBe('Aborted')

    server.use(
      http.post(TOKEN_BACKEND, async () => {
        await delay('infinite')
        return HttpResponse.json({})
      }),
    )
    const during = new AbortController()
    const pending = requestChatToken({ roomIdentifier: DEMO_ROOM_ARN, userId: 'u' }, { endpoint: TOKEN_BACKEND, signal: during.signal })
    setTimeout(() => during.abort(), 10)
    expect((await failureOf(pending)).kind).toBe('Aborted')
  })

  it.each([
    ['a body that is not JSON', () => new HttpResponse('<html>ok</html>', { status: 200, headers: { 'content-type': 'text/html' } })],
    ['epoch numbers for the times', () => HttpResponse.json({ token: 't', tokenExpirationTime: 1_800_000_000, sessionExpirationTime: 1_800_000_000 })],
    ['no token', () => HttpResponse.json({ tokenExpirationTime: '2030-01-01T00:00:00Z', sessionExpirationTime: '2030-01-01T00:00:00Z' })],
    ['an error status with an HTML page', () => new HttpResponse('<h1>502 Bad Gateway</h1>', { status: 502 })],
  ])('a malformed response: %s', async (_, answer) => {
    server.use(http.post(TOKEN_BACKEND, answer))
    const failure = await failureOf(requestChatToken({ roomIdentifier: DEMO_ROOM_ARN, userId: 'u' }, { endpoint: TOKEN_BACKEND }))
    expect(failure.kind).toBe('MalformedResponse')
  })
})
