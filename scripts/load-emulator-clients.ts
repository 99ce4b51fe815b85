import { performance } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'

/**
 * The clients of scripts/load-emulator-server.ts, in a worker thread so that the server's
 * heap (measured on the main thread) holds no client objects. Mints every token through the
 * REST API, opens every socket at once, then has a few senders chat at a steady rate while
 * every socket times each message it receives.
 */

export interface LoadPlan {
  url: string
  socketUrl: string
  roomArn: string
  clients: number
  senders: number
  messages: number
  messagesPerSecond: number
}

export type ToMain =
  | { kind: 'connected'; mintMs: number; connectMs: number[] }
  | { kind: 'delivered'; latencyMs: number[]; expected: number; errors: string[]; clientsBusy: number }
  | { kind: 'closed' }

export type ToClients = { kind: 'chat' } | { kind: 'close' }

const plan = workerData as LoadPlan
const port = parentPort!
const post = (message: ToMain) => port.postMessage(message)

const mintStart = performance.now()
const tokens = await inBatches(plan.clients, 25, (index) => mint(`user-${index}`))
const mintMs = performance.now() - mintStart

const sentAt = new Map<string, number>()
const latencyMs: number[] = []
const errors: string[] = []
let onDelivery = () => {}

const connectMs: number[] = []
const sockets = await Promise.all(
  tokens.map(
    (token) =>
      new Promise<WebSocket>((resolve, reject) => {
        const started = performance.now()
        const socket = new WebSocket(plan.socketUrl, token)
        socket.addEventListener('open', () => {
          connectMs.push(performance.now() - started)
          resolve(socket)
        })
        socket.addEventListener('error', () => reject(new Error('a socket failed to open')))
        socket.addEventListener('message', (event) => received(String(event.data)))
      }),
  ),
)
post({ kind: 'connected', mintMs, connectMs })

port.on('message', async (message: ToClients) => {
  if (message.kind === 'chat') post(await chat())
  if (message.kind === 'close') {
    await Promise.all(sockets.map((socket) => new Promise((resolve) => {
      socket.addEventListener('close', resolve)
      socket.close(1000)
    })))
    post({ kind: 'closed' })
  }
})

/** Sends `messages` round-robin from the first `senders` sockets and waits for every delivery. */
async function chat(): Promise<ToMain> {
  const expected = plan.messages * plan.clients
  const busyBefore = performance.eventLoopUtilization()
  const allDelivered = new Promise<void>((resolve) => {
    onDelivery = () => {
      if (latencyMs.length >= expected) resolve()
    }
  })
  for (let sequence = 0; sequence < plan.messages; sequence++) {
    const content = `load-${sequence}`
    sentAt.set(content, performance.now())
    sockets[sequence % plan.senders]!.send(JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: content, Content: content }))
    await new Promise((resolve) => setTimeout(resolve, 1000 / plan.messagesPerSecond))
  }
  await Promise.race([allDelivered, new Promise((resolve) => setTimeout(resolve, 10_000))])
  const clientsBusy = performance.eventLoopUtilization(busyBefore).utilization
  return { kind: 'delivered', latencyMs, expected, errors, clientsBusy }
}

function received(text: string): void {
  const frame = JSON.parse(text) as { Type: string; Content?: string; ErrorCode?: number; ErrorMessage?: string }
  if (frame.Type === 'ERROR') errors.push(`${frame.ErrorCode} ${frame.ErrorMessage}`)
  if (frame.Type !== 'MESSAGE') return
  const sent = sentAt.get(frame.Content ?? '')
  if (sent === undefined) return
  latencyMs.push(performance.now() - sent)
  onDelivery()
}

async function mint(userId: string): Promise<string> {
  const response = await fetch(`${plan.url}/CreateChatToken`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roomIdentifier: plan.roomArn, userId, capabilities: ['SEND_MESSAGE'] }),
  })
  if (!response.ok) throw new Error(`CreateChatToken answered ${response.status}: ${await response.text()}`)
  return ((await response.json()) as { token: string }).token
}

async function inBatches<T>(count: number, size: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let start = 0; start < count; start += size) {
    const batch = Array.from({ length: Math.min(size, count - start) }, (_, offset) => task(start + offset))
    results.push(...(await Promise.all(batch)))
  }
  return results
}
