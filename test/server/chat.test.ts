import { DeleteRoomCommand, CreateRoomCommand, DisconnectUserCommand, type IvschatClient } from '@aws-sdk/client-ivschat'
import { ChatRoom, SendMessageRequest } from 'amazon-ivs-chat-messaging'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket as WsClient } from 'ws'
import { DEMO_ROOM_ARN } from '../../mocks/emulator/emulator'
import {
  closeOf,
  connect,
  disconnected,
  ivschatClient,
  join,
  mintToken,
  opened,
  startTestServer,
  until,
  type Participant,
  type TestServer,
} from './helpers'

/** The chat socket over a real network, with AWS's `ChatRoom` and raw sockets as clients. */

let server: TestServer
let client: IvschatClient
const participants: Participant[] = []
const rawSockets: (WebSocket | WsClient)[] = []

beforeAll(async () => {
  server = await startTestServer()
  client = ivschatClient(server)
})
afterEach(async () => {
  for (const participant of participants.splice(0)) participant.room.disconnect()
  for (const socket of rawSockets.splice(0)) socket.close()
  await until(() => server.emulator.sessions().length === 0)
  server.emulator.reset()
})
afterAll(async () => {
  client.destroy()
  await server.close()
})

async function joined(userId: string, options: Parameters<typeof join>[3] = {}): Promise<Participant> {
  const participant = await join(server, client, userId, options)
  participants.push(participant)
  return participant
}

/** A raw socket (Node's global WebSocket, as a browser opens it) with the token as subprotocol. */
function rawSocket(token: string, path = '/'): WebSocket {
  const socket = new WebSocket(`${server.socketUrl}${path}`, token)
  rawSockets.push(socket)
  return socket
}

/** The HTTP status a handshake was refused with (`ws` reports the response, browsers do not). */
function refusal(token: string | undefined, path = '/'): Promise<{ status: number; body: string }> {
  const socket = new WsClient(`${server.socketUrl}${path}`, token === undefined ? [] : [token])
  return new Promise((resolve, reject) => {
    socket.on('open', () => reject(new Error('the handshake was accepted')))
    socket.on('error', () => {})
    socket.on('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
  })
}

function nextFrame(socket: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    socket.addEventListener('message', (event) => resolve(JSON.parse(String(event.data)) as Record<string, unknown>), { once: true })
  })
}

describe('chatting through the server', () => {
  it('delivers a message to every ChatRoom in the room, with the sender from the token', async () => {
    const alice = await joined('alice', { attributes: { displayName: 'Alice' } })
    const bob = await joined('bob')
    const sent = await alice.room.sendMessage(new SendMessageRequest('hello over the network', { color: 'red' }))
    const received = await bob.message(1)
    expect(received).toMatchObject({
      id: sent.id,
      content: 'hello over the network',
      attributes: { color: 'red' },
      sender: { userId: 'alice', attributes: { displayName: 'Alice' } },
    })
    expect(received.sendTime).toBeInstanceOf(Date)
    expect(server.emulator.sessions().map((session) => session.userId).sort()).toEqual(['alice', 'bob'])
  })

  it('echoes the token as the subprotocol, as browsers require', async () => {
    const token = await mintToken(client)
    const socket = rawSocket(token)
    await opened(socket)
    expect(socket.protocol).toBe(token)
  })

  it('logs one line per connection, and no frames unless verbose', async () => {
    const alice = await joined('alice')
    const id = server.emulator.sessions()[0]!.id
    alice.room.disconnect()
    await until(() => server.emulator.sessions().length === 0)
    const lines = server.log.of('info').filter((line) => line.includes(id))
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^chat open ${id} user="alice" room=DemoChatRoom from 127\\.0\\.0\\.1$`)),
      `chat closed ${id} user="alice" room=DemoChatRoom: 1000`,
    ])
    expect(server.log.of('frame')).toEqual([])
  })

  it('closes a kicked user with the moderator reason cut to what a close frame holds', async () => {
    const bob = await joined('bob')
    const token = await mintToken(client, 'bob')
    const raw = rawSocket(token)
    await opened(raw)
    const reason = `spamming ${'é'.repeat(200)}`
    await client.send(new DisconnectUserCommand({ roomIdentifier: DEMO_ROOM_ARN, userId: 'bob', reason: reason.slice(0, 256) }))
    const closed = await closeOf(raw)
    expect(closed.code).toBe(1000)
    expect(closed.reason.startsWith('spamming éé')).toBe(true)
    expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123)
    expect(await disconnected(bob)).toBe('serverDisconnect')
  })
})

describe('refusals at the handshake, never open-then-close', () => {
  it('refuses a reused token with HTTP 403 and logs why', async () => {
    const token = await mintToken(client)
    await opened(rawSocket(token))
    expect(await refusal(token)).toEqual({ status: 403, body: 'Chat token refused: already-used' })
    expect(server.log.of('info')).toContainEqual(expect.stringMatching(/^chat refused from 127\.0\.0\.1: token already-used \(HTTP 403\)$/))
  })

  it('a ChatRoom given a used token fails to connect (socketError), as a browser would', async () => {
    const token = await mintToken(client)
    await opened(rawSocket(token))
    const reuser = await connect(new ChatRoom({ regionOrUrl: server.socketUrl, maxReconnectAttempts: 0, tokenProvider: async () => ({ token }) }), false)
    participants.push(reuser)
    expect(await disconnected(reuser)).toBe('socketError')
    expect(server.emulator.rejections().map((rejection) => rejection.reason)).toEqual(['already-used'])
  })

  it('answers 401 without a token, 403 for a malformed or tampered one, 404 for a deleted room or another path', async () => {
    expect((await refusal(undefined)).status).toBe(401)
    expect(await refusal('not.a.real.chat.token')).toEqual({ status: 403, body: 'Chat token refused: malformed' })
    const real = await mintToken(client)
    const tampered = real.slice(0, -2) + (real.at(-2) === 'A' ? 'B' : 'A') + real.at(-1)
    expect(await refusal(tampered)).toEqual({ status: 403, body: 'Chat token refused: not-issued' })
    const room = await client.send(new CreateRoomCommand({ name: 'short-lived' }))
    const token = await mintToken(client, 'alice', room.arn)
    await client.send(new DeleteRoomCommand({ identifier: room.arn }))
    expect(await refusal(token)).toEqual({ status: 404, body: 'Chat token refused: room-deleted' })
    expect(await refusal(await mintToken(client), '/chat')).toEqual({ status: 404, body: 'The chat socket is at /' })
  })
})

describe('robustness', () => {
  it('closes a socket that sends an oversized frame with 1009 and a clear reason', async () => {
    const socket = rawSocket(await mintToken(client))
    await opened(socket)
    const closed = closeOf(socket)
    socket.send('x'.repeat(200 * 1024))
    expect(await closed).toMatchObject({ code: 1009, reason: 'Frame larger than 131072 bytes' })
    await until(() => server.emulator.sessions().length === 0)
    expect(server.log.of('error')).toContainEqual(expect.stringMatching(/socket error: Max payload size exceeded$/))
  })

  it('leaves a frame just over the emulator limit to the emulator: ERROR 413, socket kept', async () => {
    const socket = rawSocket(await mintToken(client))
    await opened(socket)
    const frame = nextFrame(socket)
    socket.send(JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'r1', Content: 'x'.repeat(70 * 1024) }))
    expect(await frame).toMatchObject({ Type: 'ERROR', ErrorCode: 413 })
    expect(socket.readyState).toBe(WebSocket.OPEN)
  })

  it('closes a reader that cannot keep up with 1008 instead of buffering for it', async () => {
    const slow = new WsClient(server.socketUrl, [await mintToken(client, 'slow')])
    rawSockets.push(slow)
    await new Promise((resolve) => slow.once('open', resolve))
    slow.pause()
    let sent = 0
    while (server.emulator.sessions().length > 0 && sent < 100_000) {
      server.emulator.chat.sendEvent(DEMO_ROOM_ARN, 'app:flood', { blob: 'x'.repeat(1000) })
      sent++
    }
    expect(server.emulator.sessions()).toEqual([])
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      slow.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    )
    slow.resume()
    expect(await closed).toEqual({ code: 1008, reason: 'Client too slow: over 1048576 bytes of frames unread' })
    expect(server.log.of('info')).toContainEqual(expect.stringMatching(/user="slow" .*too slow \(\d+ bytes unread\): closed 1008$/))
  })
})

describe('a server of its own', () => {
  it('terminates a client that stops answering pings and keeps one that answers', async () => {
    const own = await startTestServer({ heartbeatMs: 200 })
    const ownClient = ivschatClient(own)
    try {
      const healthy = new WebSocket(own.socketUrl, await mintToken(ownClient, 'healthy'))
      await opened(healthy)
      const gone = new WsClient(own.socketUrl, [await mintToken(ownClient, 'gone')])
      await new Promise((resolve) => gone.once('open', resolve))
      gone.pause() // a client that vanished: it reads nothing, so it answers no ping
      await until(() => own.emulator.sessions().length === 1)
      expect(own.emulator.sessions().map((session) => session.userId)).toEqual(['healthy'])
      expect(own.log.of('info')).toContainEqual(expect.stringMatching(/user="gone" .*missed a heartbeat: terminated$/))
      gone.terminate()
    } finally {
      ownClient.destroy()
      await own.close()
    }
  })

  it('logs frames both ways when verbose', async () => {
    const own = await startTestServer({ verbose: true })
    const ownClient = ivschatClient(own)
    try {
      const socket = new WebSocket(own.socketUrl, await mintToken(ownClient))
      await opened(socket)
      const echoed = nextFrame(socket)
      socket.send(JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'r1', Content: 'hi' }))
      await echoed
      const id = own.emulator.sessions()[0]!.id
      expect(own.log.of('frame')).toEqual([
        `chat ${id} ← {"Action":"SEND_MESSAGE","RequestId":"r1","Content":"hi"}`,
        expect.stringMatching(new RegExp(`^chat ${id} → \\{"Type":"MESSAGE".*"Content":"hi"`)),
      ])
    } finally {
      ownClient.destroy()
      await own.close()
    }
  })

  it('close() (what SIGINT/SIGTERM call) closes every socket with 1001 and a reason, then stops listening', async () => {
    const own = await startTestServer()
    const ownClient = ivschatClient(own)
    const alice = await join(own, ownClient, 'alice')
    const raw = new WebSocket(own.socketUrl, await mintToken(ownClient, 'raw'))
    await opened(raw)
    const rawClosed = closeOf(raw)
    ownClient.destroy()
    await own.close()
    expect(await rawClosed).toEqual({ code: 1001, reason: 'Emulator server shutting down', wasClean: true })
    expect(await disconnected(alice)).toBe('serverDisconnect')
    expect(own.emulator.sessions()).toEqual([])
    await expect(fetch(`${own.url}/`)).rejects.toThrow(TypeError)
  })
})
