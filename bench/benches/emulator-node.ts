/**
 * The emulator's broadcast path in Node, under msw/node, against MSW's bare `ws` broadcast
 * with the same clients. Run by bench/benches/emulator.ts in a process of its own (msw/node
 * patches this process's WebSocket and fetch); prints one JSON line.
 *
 * Both paths take the same frames from the same kind of client: one of CLIENTS sockets sends
 * MESSAGES frames, and the time runs until every socket has received every broadcast.
 * - emulator: SEND_MESSAGE frames through `emulator.chat` (JSON and zod validation, the
 *   connection's and the room's rate limits, review, the MESSAGE frame validated once and
 *   fanned out to every member, the frame log);
 * - bare: `ws.link(url)` whose handler calls `link.broadcast(data)` for every frame it gets.
 *
 * The rate limits would refuse all but 10 frames a second, which is the point of them and not
 * what this measures: the emulator's clock is made to advance 10 ms each time it is read
 * (the limits see 130 ms or more between a sender's frames), so they are checked on every
 * frame and never refuse one.
 */
import { EventEmitter } from 'node:events'
import { parseArgs } from 'node:util'

// MSW listens on one BroadcastChannel per connection; more than ten clients is not a leak here.
// Set before msw is loaded: the channel is created at import.
EventEmitter.defaultMaxListeners = 100
const { ws } = await import('msw')
const { setupServer } = await import('msw/node')
const { DEMO_ROOM_ARN, Emulator } = await import('../../mocks/emulator/emulator')
const { createHandlers } = await import('../../mocks/handlers')
const { requestChatToken } = await import('../../src/ivschat/request-chat-token')

const { values } = parseArgs({ options: { reps: { type: 'string', default: '5' }, messages: { type: 'string', default: '10000' }, clients: { type: 'string', default: '10' } } })
const REPS = Number(values.reps)
const MESSAGES = Number(values.messages)
const CLIENTS = Number(values.clients)
const SOCKET_URL = 'wss://edge.ivschat.us-west-2.amazonaws.com'
const TOKEN_ENDPOINT = 'https://ivschat.us-west-2.amazonaws.com/CreateChatToken'
const CLOCK_STEP_MS = 10

const emulator = new Emulator()
const server = setupServer(...createHandlers(emulator))
server.listen({ onUnhandledFrame: 'error' })

function open(url: string, protocol?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocol)
    socket.addEventListener('open', () => resolve(socket), { once: true })
    socket.addEventListener('error', () => reject(new Error(`Could not connect to ${url}`)), { once: true })
  })
}

/** Sends MESSAGES frames from `sockets[0]`; resolves with messages per second once every socket got every one. */
async function broadcastRate(sockets: WebSocket[], frame: (i: number) => string, isBroadcast: (data: unknown) => boolean): Promise<number> {
  let pending = sockets.length
  let resolveDone: (() => void) | undefined
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve
  })
  const stops = sockets.map((socket) => {
    let received = 0
    const onMessage = (event: MessageEvent) => {
      if (!isBroadcast(event.data)) return
      if (++received === MESSAGES && --pending === 0) resolveDone?.()
    }
    socket.addEventListener('message', onMessage)
    return () => socket.removeEventListener('message', onMessage)
  })
  const start = performance.now()
  for (let i = 0; i < MESSAGES; i++) sockets[0]!.send(frame(i))
  await done
  const seconds = (performance.now() - start) / 1_000
  for (const stop of stops) stop()
  return MESSAGES / seconds
}

async function emulatorRun(): Promise<number> {
  emulator.reset()
  const sockets: WebSocket[] = []
  for (let i = 0; i < CLIENTS; i++) {
    const { token } = await requestChatToken(
      { roomIdentifier: DEMO_ROOM_ARN, userId: `user-${i}`, capabilities: ['SEND_MESSAGE'], sessionDurationInMinutes: 180 },
      { endpoint: TOKEN_ENDPOINT },
    )
    sockets.push(await open(SOCKET_URL, token))
  }
  let now = Date.now()
  emulator.clock.now = () => (now += CLOCK_STEP_MS)
  const rate = await broadcastRate(
    sockets,
    (i) => JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: `r${i}`, Content: `message ${i} from the benchmark` }),
    (data) => typeof data === 'string' && data.startsWith('{"Type":"MESSAGE"'),
  )
  if (emulator.rejections().length > 0) throw new Error('The emulator refused a connection')
  for (const socket of sockets) socket.close()
  delete (emulator.clock as { now?: unknown }).now
  return rate
}

let bareRuns = 0
async function bareRun(): Promise<number> {
  const url = `wss://bench.invalid/bare-${++bareRuns}`
  const link = ws.link(url)
  server.use(link.addEventListener('connection', ({ client }) => client.addEventListener('message', (event) => link.broadcast(event.data))))
  const sockets: WebSocket[] = []
  for (let i = 0; i < CLIENTS; i++) sockets.push(await open(url))
  // MSW adds a connection to `clients` asynchronously.
  while (link.clients.size < CLIENTS) await new Promise((resolve) => setTimeout(resolve, 1))
  const rate = await broadcastRate(
    sockets,
    (i) => JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: `r${i}`, Content: `message ${i} from the benchmark` }),
    () => true,
  )
  for (const socket of sockets) socket.close()
  server.resetHandlers()
  return rate
}

// A warm-up of each, then the runs interleaved.
await emulatorRun()
await bareRun()
const emulatorRates: number[] = []
const bareRates: number[] = []
for (let rep = 0; rep < REPS; rep++) {
  emulatorRates.push(await emulatorRun())
  bareRates.push(await bareRun())
}
server.close()
console.log(JSON.stringify({ emulator: emulatorRates, bare: bareRates, messages: MESSAGES, clients: CLIENTS }))
