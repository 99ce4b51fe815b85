import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { server, emulator, DEMO_ROOM_ARN } from '../../mocks/node'
import { ChatClient } from '../../src/chat/chat-client'
import { backoffDelay, DEFAULT_BACKOFF } from '../../src/chat/reconnect-policy'
import { ChatActionFailed } from '../../src/chat/action-errors'

const TOKEN_ENDPOINT = 'https://ivschat.us-west-2.amazonaws.com/CreateChatToken'

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => {
  clients.splice(0).forEach((client) => client.leave())
  emulator.reset()
  vi.restoreAllMocks()
})
afterAll(() => server.close())

const clients: ChatClient[] = []

/** A client with a fast backoff so that retries happen within a test. */
function newClient(maxAttempts = 8): ChatClient {
  const client = new ChatClient({
    regionOrUrl: 'us-west-2',
    tokenEndpoint: TOKEN_ENDPOINT,
    backoff: { baseMs: 5, capMs: 40, maxAttempts },
  })
  clients.push(client)
  return client
}

function join(client: ChatClient, userId = 'alice') {
  return client.join({ roomIdentifier: DEMO_ROOM_ARN, userId, capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE', 'DISCONNECT_USER'] })
}

/** The store of the client the test made last (each test has its own: nothing to reset). */
const store = () => clients.at(-1)!.store
const status = () => store().getState().status
const sessionsOf = (userId: string) => emulator.sessions().filter((s) => s.userId === userId)

describe('backoffDelay (full jitter)', () => {
  it('stays within [0, min(cap, base·2^attempt)] and reaches the cap', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0.999)).toBeLessThan(DEFAULT_BACKOFF.baseMs)
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(2_000)
    expect(backoffDelay(20, DEFAULT_BACKOFF, () => 0.999)).toBeLessThan(DEFAULT_BACKOFF.capMs)
    expect(backoffDelay(20, DEFAULT_BACKOFF, () => 0.999)).toBeGreaterThan(DEFAULT_BACKOFF.capMs * 0.99)
    expect(backoffDelay(5, DEFAULT_BACKOFF, () => 0)).toBe(0)
  })
})

describe('reconnecting', () => {
  it('comes back after every connection is dropped, with one socket per tab', async () => {
    const client = newClient()
    await join(client)
    await vi.waitFor(() => expect(status()).toBe('connected'))
    for (let round = 0; round < 3; round++) {
      for (const session of emulator.sessions()) emulator.chat.dropConnection(session.id)
      await vi.waitFor(() => expect(status()).toBe('connected'))
      await vi.waitFor(() => expect(sessionsOf('alice')).toHaveLength(1))
    }
    expect(store().getState().renewals).toBeGreaterThanOrEqual(3)
  })

  it('retries with backoff when token requests keep failing, telling the user, then recovers', async () => {
    const client = newClient()
    await join(client)
    await vi.waitFor(() => expect(status()).toBe('connected'))
    // More failures than the SDK's own immediate retries (1 + 3): the app's backoff takes over.
    emulator.faults.failNextTokenRequests(6, 'AccessDeniedException')
    const seen = new Set<string>()
    const stop = store().subscribe((state) => {
      seen.add(state.status)
      if (state.cause?.kind === 'token-failed') seen.add(`cause:${state.cause.failure.kind}`)
    })
    emulator.chat.dropConnection(emulator.sessions()[0]!.id)
    await vi.waitFor(() => expect(emulator.faults.pending().tokenFaults).toHaveLength(0), { timeout: 5_000 })
    await vi.waitFor(() => expect(status()).toBe('connected'), { timeout: 5_000 })
    stop()
    expect(seen).toContain('reconnecting')
    expect(seen).toContain('cause:AccessDeniedException')
    expect(sessionsOf('alice')).toHaveLength(1)
  })

  it('gives up after its bounded attempts and says why', async () => {
    const client = newClient(2)
    await join(client)
    await vi.waitFor(() => expect(status()).toBe('connected'))
    emulator.faults.failNextTokenRequests(100, 'PendingVerification')
    emulator.chat.dropConnection(emulator.sessions()[0]!.id)
    await vi.waitFor(
      () => {
        const state = store().getState()
        expect(state.status).toBe('disconnected')
        expect(state.cause).toMatchObject({ kind: 'token-failed', failure: { kind: 'PendingVerification' } })
        expect(state.retry).toBeUndefined()
      },
      { timeout: 5_000 },
    )
  })

  it('waits while the browser is offline and resumes on `online`', async () => {
    const client = newClient()
    await join(client)
    await vi.waitFor(() => expect(status()).toBe('connected'))
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    // Offline: every token request fails as a network error would.
    emulator.faults.failNextTokenRequests(4, 'AccessDeniedException')
    emulator.chat.dropConnection(emulator.sessions()[0]!.id)
    await vi.waitFor(() => expect(store().getState().retry?.offline).toBe(true), { timeout: 5_000 })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(sessionsOf('alice')).toHaveLength(0)
    onLine.mockReturnValue(true)
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(status()).toBe('connected'), { timeout: 5_000 })
    expect(sessionsOf('alice')).toHaveLength(1)
  })

  it("does not retry after a moderator's disconnect", async () => {
    const client = newClient()
    await join(client)
    await vi.waitFor(() => expect(status()).toBe('connected'))
    emulator.chat.disconnectUser(DEMO_ROOM_ARN, 'alice', 'spam')
    await vi.waitFor(() => expect(status()).toBe('disconnected'))
    expect(store().getState().cause).toEqual({ kind: 'kicked', reason: 'spam' })
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(status()).toBe('disconnected')
    expect(sessionsOf('alice')).toHaveLength(0)
  })
})

describe('unconfirmed sends', () => {
  it('are never shown as sent, and can be retried once connected again', async () => {
    const client = newClient()
    await join(client)
    await vi.waitFor(() => expect(status()).toBe('connected'))
    emulator.faults.failNextSends(1, 500)
    const failure = await client.sendMessage('lost in transit').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ChatActionFailed)
    const state = store().getState()
    expect(state.lines.some((line) => line.content === 'lost in transit')).toBe(false)
    expect(state.pending).toMatchObject([{ content: 'lost in transit', state: 'failed', error: { code: 500 } }])
    await client.retrySend(state.pending[0]!.requestId)
    await vi.waitFor(() => expect(store().getState().lines.map((line) => line.content)).toEqual(['lost in transit']))
    expect(store().getState().pending).toEqual([])
  })
})

describe('duplicate and out-of-order frames', () => {
  it('renders each message once, ordered by send time', async () => {
    const client = newClient()
    await join(client)
    await vi.waitFor(() => expect(status()).toBe('connected'))
    emulator.faults.duplicateNextFrames(2)
    emulator.faults.reorderNextFrames(1)
    const order: string[] = []
    const stop = store().subscribe((state) => {
      for (const line of state.lines) if (!order.includes(line.content)) order.push(line.content)
    })
    // Not awaited one by one: the reorder fault swaps two frames in flight.
    await Promise.all(['one', 'two', 'three', 'four'].map((text) => client.sendMessage(text)))
    await new Promise((resolve) => setTimeout(resolve, 50))
    stop()
    const frames = emulator.frameLog.entries().filter((entry) => entry.direction === 'out' && entry.text.includes('"MESSAGE"'))
    const delivered = frames.map((entry) => (JSON.parse(entry.text) as { Content: string }).Content)
    // The wire really carried duplicates and a swap...
    expect(delivered.length).toBeGreaterThan(4)
    expect([...new Set(delivered)]).not.toEqual(['one', 'two', 'three', 'four'])
    // ...and the list shows each message once, in send-time order.
    const lines = store().getState().lines
    expect(lines.map((line) => line.content)).toEqual(['one', 'two', 'three', 'four'])
    expect(new Set(lines.map((line) => line.id)).size).toBe(4)
  })
})

describe('token expiry', () => {
  it('does not reconnect before the token expires: an open connection lasts until its session ends', async () => {
    // 61 s: were the SDK given tokenExpirationTime, it would open a refresh connection 1 s after joining.
    emulator.configure({ tokenLifetimeMs: 61_000 })
    const client = newClient()
    await join(client)
    await vi.waitFor(() => expect(status()).toBe('connected'))
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(emulator.issuedTokens()).toHaveLength(1)
    expect(sessionsOf('alice')).toHaveLength(1)
    expect(store().getState().renewals).toBe(0)
  })
})
