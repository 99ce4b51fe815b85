import { performance } from 'node:perf_hooks'
import { cpus } from 'node:os'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Worker } from 'node:worker_threads'
import { startEmulatorServer } from '../mocks/server/server'
import type { LoadPlan, ToClients, ToMain } from './load-emulator-clients'

/**
 * Load test of the emulator as a local server (`npm run load:server`, not part of npm test):
 * 500 sockets in one room on loopback, messages fanned out to all of them at a rate the
 * room accepts, and the figures printed. Exits 1 if a socket or a delivery is unaccounted for.
 * Bounded: a fixed number of clients and messages, and a deadline for the whole run.
 */

const CLIENTS = 500
const SENDERS = 20
const MESSAGES = 200
/** Under the room's 100/s, and 4/s per sender, under the 10 requests/s of a connection. */
const MESSAGES_PER_SECOND = 80
const DEADLINE_MS = 90_000

const deadline = setTimeout(() => {
  console.error(`load test: not done after ${DEADLINE_MS / 1000} s`)
  process.exit(1)
}, DEADLINE_MS)

let errorLines = 0
const server = await startEmulatorServer({
  port: 0,
  host: '127.0.0.1',
  log: { info: () => {}, error: (line) => (errorLines++, console.error(line)) },
})
const room = await fetch(`${server.url}/CreateRoom`, {
  method: 'POST',
  body: JSON.stringify({ name: 'load', maximumMessageRatePerSecond: 100 }),
}).then((response) => response.json() as Promise<{ arn: string }>)

const baseline = memory()
const plan: LoadPlan = {
  url: server.url,
  socketUrl: server.socketUrl,
  roomArn: room.arn,
  clients: CLIENTS,
  senders: SENDERS,
  messages: MESSAGES,
  messagesPerSecond: MESSAGES_PER_SECOND,
}
const clients = new Worker(new URL('./load-emulator-clients.ts', import.meta.url), { workerData: plan })
const next = (kind: ToMain['kind']) =>
  new Promise<ToMain>((resolve, reject) => {
    clients.once('error', reject)
    clients.on('message', function listener(message: ToMain) {
      if (message.kind !== kind) return
      clients.off('message', listener)
      resolve(message)
    })
  })
// oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker thread has no origin
const send = (message: ToClients) => clients.postMessage(message)

const connected = (await next('connected')) as Extract<ToMain, { kind: 'connected' }>
const sessionsOpen = server.emulator.sessions().length
const loaded = memory()
const busyBefore = performance.eventLoopUtilization()
send({ kind: 'chat' })
const delivered = (await next('delivered')) as Extract<ToMain, { kind: 'delivered' }>
const serverBusy = performance.eventLoopUtilization(busyBefore).utilization
send({ kind: 'close' })
await next('closed')
const closeStart = performance.now()
while (server.emulator.sessions().length > 0 && performance.now() - closeStart < 10_000) {
  await new Promise((resolve) => setTimeout(resolve, 10))
}
const sessionsLeft = server.emulator.sessions().length
await clients.terminate()
await server.close()
clearTimeout(deadline)

const perConnection = (bytes: number) => `${(bytes / CLIENTS / 1024).toFixed(1)} kB`
const ok = sessionsOpen === CLIENTS && delivered.latencyMs.length === delivered.expected && sessionsLeft === 0 && errorLines === 0
console.info(
  [
    `IVS Chat emulator server load test, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} CPUs, loopback`,
    `  ${CLIENTS} sockets in one room; ${MESSAGES} messages at ${MESSAGES_PER_SECOND}/s from ${SENDERS} senders, each to all ${CLIENTS}`,
    `  tokens minted (REST)  ${CLIENTS} in ${connected.mintMs.toFixed(0)} ms`,
    `  connect time          p50 ${ms(percentile(connected.connectMs, 50))}  p95 ${ms(percentile(connected.connectMs, 95))}  (all ${CLIENTS} opened at once)`,
    `  fan-out latency       p50 ${ms(percentile(delivered.latencyMs, 50))}  p95 ${ms(percentile(delivered.latencyMs, 95))}  (send to receipt, every receiver)`,
    `  busy while chatting   server thread ${percent(serverBusy)}, clients' thread ${percent(delivered.clientsBusy)} (event-loop utilization)`,
    `  memory / connection   server heap ${perConnection(loaded.heapUsed - baseline.heapUsed)}, ` +
      `heap + external ${perConnection(loaded.heapUsed + loaded.external - baseline.heapUsed - baseline.external)}, ` +
      `process RSS ${perConnection(loaded.rss - baseline.rss)} (RSS includes the clients' thread)`,
    `  deliveries            ${delivered.latencyMs.length}/${delivered.expected}, ERROR frames ${delivered.errors.length}${delivered.errors.length ? ` (first: ${delivered.errors[0]})` : ''}`,
    `  sessions              ${sessionsOpen} open at peak, ${sessionsLeft} left after close; server error lines ${errorLines}`,
    `  result                ${ok ? 'OK: every socket and delivery accounted for' : 'FAILED'}`,
  ].join('\n'),
)
process.exit(ok ? 0 : 1)

/** The main thread's memory after a full collection: the server's share alone (the clients run in a worker). */
function memory(): NodeJS.MemoryUsage {
  collectGarbage()
  return process.memoryUsage()
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
  gc()
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(0)}%`
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`
}
