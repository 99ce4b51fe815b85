import { SendEventCommand } from '@aws-sdk/client-ivschat'
import { DeleteMessageRequest, DisconnectUserRequest, SendMessageRequest } from 'amazon-ivs-chat-messaging'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_ROOM_ARN, emulator } from '../../mocks/node'
import { ChatActionFailed } from '../../src/chat/action-errors'
import { ChatClient, type ChatClientOptions } from '../../src/chat/chat-client'
import type { ChatLine } from '../../src/chat/chat-line'
import { createChatStore, HISTORY_LIMIT, type ChatState, type ChatStore, type ConnectionStatus } from '../../src/chat/chat-store'
import { browserFrames } from '../../src/chat/environment'
import { MessageInbox } from '../../src/chat/message-inbox'
import type { ChatTokenCapability } from '../../mocks/contract/constraints'
import { createRoom, eventually, ivschat, join, latch, MINUTE, rejectionOf, setupEmulatorServer, TOKEN_ENDPOINT } from '../data-plane/helpers'

setupEmulatorServer()

let clients: ChatClient[] = []

afterEach(() => {
  for (const client of clients) client.leave()
  clients = []
})

/** The state of the client the test made last (each test has its own clients: nothing to reset). */
function chatState(): ChatState {
  const client = clients.at(-1)
  if (!client) throw new Error('No client yet')
  return client.store.getState()
}

function newClient(options: Partial<ChatClientOptions> = {}): ChatClient {
  const client = new ChatClient({ regionOrUrl: 'us-west-2', tokenEndpoint: TOKEN_ENDPOINT, ...options })
  clients.push(client)
  return client
}

interface JoinAs {
  userId?: string
  roomArn?: string
  capabilities?: ChatTokenCapability[]
  attributes?: Record<string, string>
  sessionDurationInMinutes?: number
}

/** Joins with `client` and waits until the store says connected. */
async function joinWith(client: ChatClient, as: JoinAs = {}): Promise<void> {
  const joined = await client.join({
    roomIdentifier: as.roomArn ?? DEMO_ROOM_ARN,
    userId: as.userId ?? 'me',
    capabilities: as.capabilities ?? ['SEND_MESSAGE'],
    ...(as.attributes ? { attributes: as.attributes } : {}),
    ...(as.sessionDurationInMinutes ? { sessionDurationInMinutes: as.sessionDurationInMinutes } : {}),
  })
  expect(joined).toBe(true)
  await eventually(() => expect(chatState().status).toBe('connected'))
}

function sessionOf(userId: string) {
  const session = emulator.sessions().find((s) => s.userId === userId)
  if (!session) throw new Error(`${userId} has no session`)
  return session
}

/** Every status the client's store goes through from now on. */
function recordStatuses(client: ChatClient = clients.at(-1)!): ConnectionStatus[] {
  const seen: ConnectionStatus[] = []
  client.store.subscribe((state, previous) => {
    if (state.status !== previous.status) seen.push(state.status)
  })
  return seen
}

/** The `ChatActionFailed` a client action rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<ChatActionFailed> {
  const error = await rejectionOf(promise)
  if (!(error instanceof ChatActionFailed)) throw new Error(`Expected ChatActionFailed, got ${String(error)}`)
  return error
}

describe('ChatClient → store: each SDK event', () => {
  it('joins: connecting then connected, with the participant and both expiry times as Dates from the response', async () => {
    const client = newClient()
    const statuses = recordStatuses(client)
    await joinWith(client, { capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE'], attributes: { displayName: 'Me' } })

    const state = chatState()
    expect(statuses).toEqual(['connecting', 'connected'])
    expect(state.me).toEqual({ userId: 'me', roomArn: DEMO_ROOM_ARN, capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE'], attributes: { displayName: 'Me' } })
    const [issued] = emulator.issuedTokens()
    expect(state.tokenExpiresAt).toEqual(new Date(issued!.tokenExpiresAt))
    expect(state.sessionExpiresAt).toEqual(new Date(issued!.sessionExpiresAt))
    expect(state.renewals).toBe(0)
    expect(state.cause).toBeUndefined()
  })

  it('messageReceived: another participant\'s message lands in the history with its sender', async () => {
    await joinWith(newClient())
    const bob = await join({ userId: 'bob', attributes: { displayName: 'Bob' } })

    const sent = await bob.room.sendMessage(new SendMessageRequest('hi all', { lang: 'en' }))

    await eventually(() => expect(chatState().lines).toHaveLength(1))
    expect(chatState().lines[0]).toEqual({
      id: sent.id,
      content: 'hi all',
      sendTime: sent.sendTime,
      sender: { userId: 'bob', attributes: { displayName: 'Bob' } },
      attributes: { lang: 'en' },
      requestId: sent.requestId,
    })
  })

  it('a send is pending until the server\'s echo confirms it, then shows once', async () => {
    const client = newClient()
    await joinWith(client)
    const bob = await join({ userId: 'bob' })

    const sending = client.sendMessage('hello', { k: 'v' })
    expect(chatState().pending).toEqual([{ requestId: expect.any(String), content: 'hello', attributes: { k: 'v' }, state: 'sending' }])
    const { requestId } = chatState().pending[0]!
    await sending

    expect(chatState().pending).toEqual([])
    // The echo arrives twice (the SDK's message event and the send's answer): one line.
    await eventually(() => expect(chatState().lines.map((l) => [l.content, l.requestId])).toEqual([['hello', requestId]]))
    await eventually(() => expect(bob.messages.map((m) => m.requestId)).toEqual([requestId]))
  })

  it('messageDeleted: others\' lines disappear, the author keeps a placeholder with the reason', async () => {
    const client = newClient()
    await joinWith(client)
    const bob = await join({ userId: 'bob' })
    const moderator = await join({ userId: 'mod', capabilities: ['DELETE_MESSAGE'] })
    await client.sendMessage('mine')
    const bobs = await bob.room.sendMessage(new SendMessageRequest('bobs'))
    await eventually(() => expect(chatState().lines).toHaveLength(2))
    const mine = chatState().lines.find((l) => l.content === 'mine')!

    await moderator.room.deleteMessage(new DeleteMessageRequest(mine.id, 'off-topic'))
    await moderator.room.deleteMessage(new DeleteMessageRequest(bobs.id))

    await eventually(() => expect(chatState().lines.filter((l) => !l.notice)).toEqual([{ ...mine, deleted: { reason: 'off-topic' } }]))
    // Bob's message leaves a quiet notice in the timeline instead (issue 11); mine keeps its placeholder.
    expect(chatState().lines.flatMap((l) => (l.notice ? [l.notice] : []))).toEqual([{ kind: 'message-deleted', senderName: 'bob', byMe: false }])
  })

  it('userDisconnected (me): kicked, disconnected with the moderator\'s reason, never retried', async () => {
    await joinWith(newClient())
    const moderator = await join({ userId: 'mod', capabilities: ['DISCONNECT_USER'] })

    await moderator.room.disconnectUser(new DisconnectUserRequest('me', 'spam'))

    await eventually(() => expect(chatState().status).toBe('disconnected'))
    expect(chatState().cause).toEqual({ kind: 'kicked', reason: 'spam' })
    expect(chatState().retry).toBeUndefined()
    await eventually(() => expect(emulator.sessions().map((s) => s.userId)).toEqual(['mod']))
    expect(emulator.issuedTokens().filter((t) => t.userId === 'me')).toHaveLength(1)
  })

  it('userDisconnected (someone else) leaves me connected', async () => {
    await joinWith(newClient())
    await join({ userId: 'bob' })
    const moderator = await join({ userId: 'mod', capabilities: ['DISCONNECT_USER'] })

    await moderator.room.disconnectUser(new DisconnectUserRequest('bob', 'spam'))

    await eventually(() => expect(emulator.sessions().map((s) => s.userId).sort()).toEqual(['me', 'mod']))
    expect(chatState().status).toBe('connected')
    expect(chatState().cause).toBeUndefined()
  })

  it('a session end renews quietly: reconnecting, connected, renewals 1, the new token\'s expiry times', async () => {
    const info = vi.spyOn(console, 'info')
    const warn = vi.spyOn(console, 'warn')
    const log = vi.spyOn(console, 'log')
    await joinWith(newClient(), { sessionDurationInMinutes: 1 })
    const first = sessionOf('me')
    const statuses = recordStatuses()

    emulator.advanceTime(MINUTE)

    await eventually(() => expect(chatState().renewals).toBe(1))
    expect(statuses).toEqual(['reconnecting', 'connected'])
    expect(chatState().status).toBe('connected')
    const [newest] = emulator.issuedTokens()
    expect(chatState().sessionExpiresAt).toEqual(new Date(newest!.sessionExpiresAt))
    expect(chatState().tokenExpiresAt).toEqual(new Date(newest!.tokenExpiresAt))
    expect(chatState().sessionExpiresAt!.getTime()).toBeGreaterThanOrEqual(first.sessionExpiresAt + MINUTE)
    await eventually(() => expect(emulator.sessions()).toHaveLength(1))
    expect(sessionOf('me').id).not.toBe(first.id)
    // The SDK reports the renewal's ERROR 401 through its logger: the app keeps it off the console.
    expect([info, warn, log].map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0])
  })

  it('custom events from SendEvent land in events', async () => {
    await joinWith(newClient())
    await ivschat().send(new SendEventCommand({ roomIdentifier: DEMO_ROOM_ARN, eventName: 'app:POLL', attributes: { question: 'tea?' } }))
    await eventually(() =>
      expect(chatState().events).toEqual([{ id: expect.any(String), eventName: 'app:POLL', attributes: { question: 'tea?' }, sendTime: expect.any(Date) }]),
    )
  })

  it('leaving marks what is still in flight as not confirmed (it may have arrived)', async () => {
    emulator.configure({ reviewTimeoutMs: 5_000 })
    const gate = latch()
    emulator.setReviewHandler(DEMO_ROOM_ARN, async () => {
      await gate.wait
      return { ReviewResult: 'ALLOW' }
    })
    const client = newClient({ actionTimeoutMs: 100 })
    await joinWith(client)
    const sending = failureOf(client.sendMessage('half way'))
    await eventually(() => expect(chatState().pending).toHaveLength(1))

    client.leave()
    gate.open()

    expect(chatState().status).toBe('disconnected')
    expect(chatState().cause).toEqual({ kind: 'left' })
    expect(chatState().pending).toEqual([
      expect.objectContaining({ content: 'half way', state: 'unconfirmed', error: { code: 'not-connected', message: 'The connection closed before the server confirmed it' } }),
    ])
    // The SDK never settles it; the client's own timeout ends it, so nothing outlives the test.
    expect((await sending).detail.code).toBe('timeout')
  })
})

describe('a pending send when the socket drops', () => {
  it('fails with a clear timeout error (code "timeout"), since the SDK never settles it', async () => {
    // The review holds the message inside the emulator while the connection drops, so its
    // answer can only go to the dead socket: nothing ever reaches the SDK for this request.
    emulator.configure({ reviewTimeoutMs: 60_000 })
    const reviewing = latch()
    const gate = latch()
    emulator.setReviewHandler(DEMO_ROOM_ARN, async () => {
      reviewing.open()
      await gate.wait
      return { ReviewResult: 'DENY' }
    })
    const client = newClient({ actionTimeoutMs: 200 })
    await joinWith(client)

    const sending = failureOf(client.sendMessage('into the void'))
    await reviewing.wait
    emulator.chat.dropConnection(sessionOf('me').id)
    await eventually(() => expect(chatState().renewals).toBe(1))
    expect(chatState().status).toBe('connected')

    const failure = await sending
    gate.open()

    expect(failure.detail).toEqual({ code: 'timeout', message: 'No answer from the chat server within 200 ms' })
    expect(chatState().pending).toEqual([
      { requestId: expect.any(String), content: 'into the void', state: 'unconfirmed', error: { code: 'timeout', message: 'No answer from the chat server within 200 ms' } },
    ])
    expect(chatState().lines.filter((l) => !l.notice)).toEqual([])
  })
})

describe('action errors, mapped by errorCode', () => {
  it('403 without SEND_MESSAGE, DELETE_MESSAGE or DISCONNECT_USER', async () => {
    const client = newClient()
    await joinWith(client, { capabilities: [] })

    const send = await failureOf(client.sendMessage('let me talk'))
    expect(send.detail).toEqual({ code: 403, message: 'The token does not grant SEND_MESSAGE' })
    expect(chatState().pending).toEqual([expect.objectContaining({ content: 'let me talk', state: 'failed', error: send.detail })])
    expect((await failureOf(client.deleteMessage('AAAAAAAAAAAA'))).detail).toEqual({ code: 403, message: 'The token does not grant DELETE_MESSAGE' })
    expect((await failureOf(client.disconnectUser('bob'))).detail).toEqual({ code: 403, message: 'The token does not grant DISCONNECT_USER' })
    expect(chatState().status).toBe('connected')
  })

  it('400 for 501 code points', async () => {
    const client = newClient()
    await joinWith(client)
    const failure = await failureOf(client.sendMessage('😀'.repeat(501)))
    expect(failure.detail).toEqual({ code: 400, message: 'Message content is 501 characters; this room allows at most 500' })
  })

  it('429 over the room\'s rate', async () => {
    const roomArn = await createRoom({ name: 'one-per-second', maximumMessageRatePerSecond: 1 })
    const client = newClient()
    await joinWith(client, { roomArn })
    // Frozen `Date`: both sends fall in one instant of emulator time.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const results = await Promise.allSettled([client.sendMessage('first'), client.sendMessage('second')])
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
      const rejected = results[1] as PromiseRejectedResult
      expect((rejected.reason as ChatActionFailed).detail).toEqual({ code: 429, message: 'Rate limit exceeded: this room accepts 1 messages per second' })
    } finally {
      vi.useRealTimers()
    }
  })

  it('"not-connected" before joining', async () => {
    const failure = await failureOf(newClient().sendMessage('too early'))
    expect(failure.detail).toEqual({ code: 'not-connected', message: 'Not connected to the room' })
  })
})

/** Lets the store merge the messages queued in this task. */
const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve))

/** The i-th of a run of messages, one millisecond apart. */
const line = (i: number): ChatLine => ({
  id: `msg${String(i).padStart(9, '0')}`,
  content: `#${i}`,
  sendTime: new Date(1_700_000_000_000 + i),
  sender: { userId: 'bob', attributes: {} },
  attributes: {},
})

describe('history', () => {
  // One store and its inbox per test, as a client has them; no frames in Node: merged per task.
  let store: ChatStore
  let inbox: MessageInbox
  beforeEach(() => {
    store = createChatStore()
    inbox = new MessageInbox(store, browserFrames, (callback, ms) => {
      const timer = setTimeout(callback, ms)
      return () => clearTimeout(timer)
    })
  })
  const messageReceived = (received: ChatLine) => inbox.received(received)

  it(`keeps the newest ${HISTORY_LIMIT} messages`, async () => {
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) messageReceived(line(i))
    await flush()
    const { lines, knownIds } = store.getState()
    expect(lines).toHaveLength(HISTORY_LIMIT)
    expect(lines[0]).toEqual(line(5))
    expect(lines.at(-1)).toEqual(line(HISTORY_LIMIT + 4))
    // Ids of dropped lines are forgotten too, so memory stays bounded.
    expect(knownIds.size).toBe(HISTORY_LIMIT)
  })

  it('shows a message once, whichever batch its duplicate arrives in, and orders by send time', async () => {
    messageReceived(line(2))
    messageReceived(line(2))
    await flush()
    messageReceived(line(1))
    messageReceived(line(2))
    await flush()
    expect(store.getState().lines.map((l) => l.id)).toEqual([line(1).id, line(2).id])
  })

  it('shows a duplicated frame once (emulator fault)', async () => {
    const client = newClient()
    await joinWith(client)
    emulator.faults.duplicateNextFrames(1)
    await client.sendMessage('once')
    await client.sendMessage('after')
    expect(chatState().lines.map((l) => l.content)).toEqual(['once', 'after'])
  })
})
