import {
  CreateChatTokenCommand,
  CreateRoomCommand,
  GetRoomCommand,
  IvschatClient,
  ListRoomsCommand,
  ServiceQuotaExceededException,
  ThrottlingException,
} from '@aws-sdk/client-ivschat'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN } from '../../mocks/emulator/emulator'
import { AWS_QUOTAS } from '../../mocks/server/quotas'
import { rejectionOf } from '../contract/ivschat-client'
import { closeOf, mintToken, opened, startTestServer, type TestServer } from './helpers'
import { BOTO3_MISSING, hasBoto3, runPython } from './python-run'

/** The server's optional strict modes: SigV4 checked against known keys, and IVS Chat's quotas. */

function sdk(server: TestServer, accessKeyId: string, secretAccessKey: string, region = 'us-west-2'): IvschatClient {
  return new IvschatClient({ region, endpoint: server.url, maxAttempts: 1, credentials: { accessKeyId, secretAccessKey } })
}

interface Outcome {
  ok: boolean
  arn?: string
  code?: string
  status?: number
  message?: string
  limit?: number
}

describe('--verify-signatures', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ credentials: { AKIDNODE: 'node-secret', AKIDPYTHON: 'python-secret' } })
  })
  afterAll(async () => {
    await server.close()
  })

  it('accepts the AWS SDK for JavaScript signing with a known key, in any region', async () => {
    const client = sdk(server, 'AKIDNODE', 'node-secret', 'eu-west-1')
    const room = await client.send(new CreateRoomCommand({ name: 'signed', tags: { 'with space': 'and/slash=' } }))
    expect(room.arn).toMatch(/^arn:aws:ivschat:eu-west-1:/)
    await expect(client.send(new GetRoomCommand({ identifier: room.arn! }))).resolves.toMatchObject({ name: 'signed' })
    await expect(client.send(new ListRoomsCommand({ maxResults: 5 }))).resolves.toMatchObject({ rooms: [expect.objectContaining({ arn: room.arn })] })
    client.destroy()
  })

  it('answers a wrong secret with InvalidSignatureException 403, showing the canonical request as AWS does', async () => {
    const client = sdk(server, 'AKIDNODE', 'wrong-secret')
    const error = (await rejectionOf(client.send(new CreateRoomCommand({ name: 'nope' })))) as Error & { $metadata: { httpStatusCode: number } }
    expect(error.name).toBe('InvalidSignatureException')
    expect(error.$metadata.httpStatusCode).toBe(403)
    expect(error.message).toMatch(/^The request signature we calculated does not match the signature you provided\./)
    expect(error.message).toContain("The Canonical String for this request should have been\n'POST\n/CreateRoom\n")
    expect(server.emulator.rooms.all().map((r) => r.name)).not.toContain('nope')
    client.destroy()
  })

  it('answers an unknown access key with UnrecognizedClientException 403, and an unsigned call with MissingAuthenticationTokenException', async () => {
    const client = sdk(server, 'AKIDSTRANGER', 'node-secret')
    const error = (await rejectionOf(client.send(new CreateChatTokenCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'x' })))) as Error & {
      $metadata: { httpStatusCode: number }
    }
    expect(error.name).toBe('UnrecognizedClientException')
    expect(error.$metadata.httpStatusCode).toBe(403)
    expect(error.message).toBe('The security token included in the request is invalid.')
    client.destroy()

    const unsigned = await fetch(`${server.url}/ListRooms`, { method: 'POST', body: '{}' })
    expect(unsigned.status).toBe(403)
    expect(unsigned.headers.get('x-amzn-ErrorType')).toBe('MissingAuthenticationTokenException')
    expect(await unsigned.json()).toEqual({ message: 'Missing Authentication Token' })
  })

  it('refuses a signed request whose body was changed after signing', async () => {
    // Sign a request through the SDK's own middleware, then alter its body on the way out.
    const client = sdk(server, 'AKIDNODE', 'node-secret')
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body: string }
        request.body = request.body.replace('"honest"', '"forged"')
        return next(args)
      },
      { step: 'deserialize', name: 'tamperAfterSigning' },
    )
    const error = (await rejectionOf(client.send(new CreateRoomCommand({ name: 'honest' })))) as Error
    expect(error.name).toBe('InvalidSignatureException')
    client.destroy()
  })

  it('leaves the emulator controls and the chat socket unsigned', async () => {
    const controls = await fetch(`${server.url}/_emulator/sessions`)
    expect(controls.status).toBe(200)
    const client = sdk(server, 'AKIDNODE', 'node-secret')
    const socket = new WebSocket(server.socketUrl, await mintToken(client, 'alice'))
    await opened(socket)
    const closed = closeOf(socket)
    socket.close(1000)
    await closed
    client.destroy()
  })

  it.runIf(hasBoto3)(`boto3 passes with the right key and fails with a wrong secret or an unknown key${BOTO3_MISSING}`, async () => {
    const result = await runPython<Record<string, Outcome>>('strict.py', [server.url, 'signatures'])
    expect(result.right).toEqual({ ok: true, arn: expect.stringMatching(/^arn:aws:ivschat:eu-west-1:123456789012:room\//) })
    expect(result.wrongSecret).toMatchObject({ ok: false, code: 'InvalidSignatureException', status: 403 })
    expect(result.wrongSecret!.message).toContain('The request signature we calculated does not match')
    expect(result.unknownKey).toMatchObject({ ok: false, code: 'UnrecognizedClientException', status: 403, message: 'The security token included in the request is invalid.' })
  })
})

describe('--enforce-quotas', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({
      enforceQuotas: { operationsPerSecond: { CreateRoom: 2 }, roomsPerRegion: 3, connectionsPerRegion: 1 },
    })
  })
  afterAll(async () => {
    await server.close()
  })

  it('starts from AWS\'s documented numbers', () => {
    expect(AWS_QUOTAS.operationsPerSecond).toMatchObject({ CreateChatToken: 200, CreateRoom: 5, GetRoom: 5, SendEvent: 100, TagResource: 10, CreateLoggingConfiguration: 3 })
    expect(AWS_QUOTAS.connectionsPerRegion).toBe(50_000)
  })

  it('throttles an operation over its rate with ThrottlingException 429, and counts rooms per region with ServiceQuotaExceededException 402', async () => {
    const client = sdk(server, 'test', 'test')
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => client.send(new CreateRoomCommand({ name: `burst-${n}` }))))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2)
    const [throttled] = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as ThrottlingException] : []))
    expect(throttled).toBeInstanceOf(ThrottlingException)
    expect(throttled).toMatchObject({ limit: 2, resourceId: 'CreateRoom', $metadata: { httpStatusCode: 429 } })

    // A second later (emulator time) the rate allows calls again, but us-west-2 now holds 3 rooms.
    server.emulator.advanceTime(1_000)
    const full = await rejectionOf(client.send(new CreateRoomCommand({ name: 'one-too-many' })))
    expect(full).toBeInstanceOf(ServiceQuotaExceededException)
    expect(full).toMatchObject({ limit: 3, resourceId: '123456789012', resourceType: 'ROOM', $metadata: { httpStatusCode: 402 } })
    // Quotas are per region: eu-west-1 has room for more.
    const dublin = sdk(server, 'test', 'test', 'eu-west-1')
    await expect(dublin.send(new CreateRoomCommand({ name: 'dublin' }))).resolves.toMatchObject({ name: 'dublin' })
    client.destroy()
    dublin.destroy()
  })

  it('refuses a chat connection over the concurrent connections quota with HTTP 402 ServiceQuotaExceededException', async () => {
    const client = sdk(server, 'test', 'test')
    const first = new WebSocket(server.socketUrl, await mintToken(client, 'first'))
    await opened(first)
    const second = await upgrade(server, await mintToken(client, 'second'))
    expect(second.statusCode).toBe(402)
    expect(second.headers['x-amzn-errortype']).toBe('ServiceQuotaExceededException')
    expect(JSON.parse(second.body)).toMatchObject({ limit: 1, resourceType: 'ROOM', message: expect.stringContaining('Concurrent chat connections') })
    expect(server.emulator.sessions().map((s) => s.userId)).toEqual(['first'])
    const closed = closeOf(first)
    first.close(1000)
    await closed
    client.destroy()
  })

  it.runIf(hasBoto3)(`boto3 gets ThrottlingException over a rate${BOTO3_MISSING}`, async () => {
    const limited = await startTestServer({ enforceQuotas: { operationsPerSecond: { CreateRoom: 1 } } })
    const result = await runPython<Record<string, Outcome>>('strict.py', [limited.url, 'quotas'])
    await limited.close()
    expect(result.first).toMatchObject({ ok: true })
    expect(result.second).toMatchObject({ ok: false, code: 'ThrottlingException', status: 429, limit: 1 })
  })
})

/** A WebSocket upgrade by hand, to read the HTTP answer of a refused handshake. */
function upgrade(server: TestServer, token: string): Promise<{ statusCode: number; headers: IncomingMessage['headers']; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(server.url, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
        'Sec-WebSocket-Protocol': token,
      },
    })
    request.on('upgrade', () => reject(new Error('the upgrade was accepted')))
    request.on('response', (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () => resolve({ statusCode: response.statusCode!, headers: response.headers, body }))
    })
    request.on('error', reject)
    request.end()
  })
}
