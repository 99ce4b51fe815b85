import { parseArgs } from 'node:util'
import { Emulator } from '../mocks/emulator/emulator'
import { runSoak, type SoakFigures } from './emulator-soak'

/**
 * `npm run soak`: 100,000 messages and 1,000 reconnects through the emulator core, in Node with
 * `--expose-gc`. Prints the heap after GC at every tenth of the run, the frame log, membership,
 * pending timers and the token registry; exits 1 if the heap grew more than 10% past its plateau
 * or if membership or timers did not return to zero.
 *
 * The plateau is the heap at 60% of the run (1.7 h of emulator time at 100 ms per message): by
 * then a token lifetime (60 min) and the 200 expired tokens the registry keeps have gone by, so
 * the registry is at its steady size, like every other structure of the emulator.
 *
 *   npm run soak -- --messages 100000 --reconnects 1000
 */

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    reconnects: { type: 'string', default: '1000' },
  },
})
const messages = Number(values.messages)
const reconnects = Number(values.reconnects)
const PARTICIPANTS = 4
const PLATEAU_AT = 0.6
const MAX_GROWTH = 0.1

const collect = (globalThis as { gc?: () => void }).gc
if (!collect) {
  console.error('Run with node --expose-gc (npm run soak does).')
  process.exit(2)
}

/** Heap in use after two full collections. */
async function heapAfterGc(): Promise<number> {
  collect!()
  await new Promise((resolve) => setImmediate(resolve))
  collect!()
  return process.memoryUsage().heapUsed
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`
const rows: (SoakFigures & { heap: number })[] = []
let plateau: number | undefined
const started = performance.now()

const emulator = new Emulator()
const end = await runSoak(emulator, {
  messages,
  reconnects,
  participants: PARTICIPANTS,
  onCheckpoint: async (figures) => {
    const heap = await heapAfterGc()
    rows.push({ ...figures, heap })
    if (plateau === undefined && figures.messagesSent >= messages * PLATEAU_AT) plateau = heap
  },
})
const seconds = (performance.now() - started) / 1000

console.log(`soak: ${messages} messages, ${reconnects} reconnects, ${seconds.toFixed(1)} s (Node ${process.version})`)
console.table(
  rows.map((row) => ({
    messages: row.messagesSent,
    'heap after GC': mb(row.heap),
    sessions: row.sessions,
    'pending timers': row.pendingTimers,
    'frame log': `${row.frameLogEntries}/${row.frameLogLimit}`,
    'issued tokens': row.issuedTokens,
    reconnects: row.reconnects,
    'emulator time': `${(row.emulatorTimeMs / 3_600_000).toFixed(2)} h`,
  })),
)
const endHeap = rows.at(-1)!.heap
const growth = (endHeap - plateau!) / plateau!
console.log(`heap at the plateau (${PLATEAU_AT * 100}%): ${mb(plateau!)}; at the end: ${mb(endHeap)}; growth ${(growth * 100).toFixed(1)}%`)
console.log(`received: ${end.messagesReceived} MESSAGE frames (${end.messagesSent} × participants), ${end.errorsReceived} ERROR frames`)

const failures = [
  growth > MAX_GROWTH && `the heap grew ${(growth * 100).toFixed(1)}% past its plateau (limit ${MAX_GROWTH * 100}%)`,
  end.sessions !== 0 && `${end.sessions} sessions still open`,
  end.pendingTimers !== 0 && `${end.pendingTimers} emulator timers still pending`,
  end.frameLogEntries > end.frameLogLimit && `the frame log holds ${end.frameLogEntries} entries (limit ${end.frameLogLimit})`,
  end.messagesReceived !== messages * PARTICIPANTS && `${end.messagesReceived} MESSAGE frames received instead of ${messages * PARTICIPANTS}`,
  end.errorsReceived !== 0 && `${end.errorsReceived} ERROR frames (the pace should stay within every limit)`,
  end.reconnects !== reconnects && `${end.reconnects} reconnects instead of ${reconnects}`,
].filter((failure): failure is string => typeof failure === 'string')
for (const failure of failures) console.error(`FAIL: ${failure}`)
console.log(failures.length === 0 ? 'soak: OK' : 'soak: FAILED')
process.exit(failures.length === 0 ? 0 : 1)
