import { parseArgs } from 'node:util'
import type { ChatConnection } from '../mocks/emulator/connection'
import { createChatToken } from '../mocks/emulator/control-plane'
import { DEMO_ROOM_ARN, Emulator } from '../mocks/emulator/emulator'
import type { SocketTransport } from '../mocks/emulator/transport'

/**
 * A long chat through the emulator core, with no MSW and no sockets: participants on counting
 * transports send messages in turn while emulator time moves on, and reconnect (a fresh token
 * each time, as the SDK does) at a steady pace. `npm run soak` runs it for 100,000 messages
 * and watches the heap; test/adversarial/bounded-resources.test.ts runs a short one.
 */

export interface SoakOptions {
  messages: number
  reconnects: number
  /** Participants in the room, sending in turn (default 4). */
  participants?: number
  /** Emulator time between two messages, in ms (default 100: a default room's 10/s, exactly). */
  stepMs?: number
  /** Called after every `checkpointEvery` messages (default a tenth of them) and at the end. */
  onCheckpoint?: (figures: SoakFigures) => void | Promise<void>
  checkpointEvery?: number
}

/** What the emulator holds and what went through it, at one moment of the soak. */
export interface SoakFigures {
  messagesSent: number
  /** MESSAGE frames received, all participants together. */
  messagesReceived: number
  /** ERROR frames received: none is expected (the pace keeps within every limit). */
  errorsReceived: number
  reconnects: number
  /** `emulator.sessions().length`: room membership. */
  sessions: number
  /** `emulator.clock.pendingTimers`: session timers and the like. */
  pendingTimers: number
  frameLogEntries: number
  frameLogLimit: number
  /** Tokens the emulator remembers (issued and not yet forgotten). */
  issuedTokens: number
  emulatorTimeMs: number
}

interface Participant {
  userId: string
  connection: ChatConnection | undefined
}

/** Counts frames by type without keeping them: the harness itself must not grow. */
class CountingTransport implements SocketTransport {
  messages = 0
  errors = 0

  send(text: string): void {
    if (text.startsWith('{"Type":"MESSAGE"')) this.messages++
    else if (text.startsWith('{"Type":"ERROR"')) this.errors++
  }

  close(): void {}

  fail(): void {}
}

/** Runs the soak on `emulator` (in its demo room); every participant has left when it resolves. */
export async function runSoak(emulator: Emulator, options: SoakOptions): Promise<SoakFigures> {
  const participantCount = options.participants ?? 4
  const stepMs = options.stepMs ?? 100
  const checkpointEvery = options.checkpointEvery ?? Math.max(1, Math.floor(options.messages / 10))
  const reconnectEvery = options.reconnects > 0 ? Math.max(1, Math.floor(options.messages / options.reconnects)) : Number.POSITIVE_INFINITY
  const transport = new CountingTransport()
  const participants: Participant[] = Array.from({ length: participantCount }, (_, i) => ({ userId: `soak-${i}`, connection: undefined }))
  let reconnects = 0
  let sent = 0

  const join = async (participant: Participant): Promise<void> => {
    const { token } = await createChatToken(emulator, {
      roomIdentifier: DEMO_ROOM_ARN,
      userId: participant.userId,
      capabilities: ['SEND_MESSAGE'],
      sessionDurationInMinutes: 180,
    })
    const result = emulator.chat.connect(token, transport)
    if (!result.ok) throw new Error(`${participant.userId} was refused: ${result.reason}`)
    participant.connection = result.connection
  }
  const leave = (participant: Participant): void => {
    if (participant.connection) emulator.chat.disconnected(participant.connection, 'closed by the client')
    participant.connection = undefined
  }
  const figures = (): SoakFigures => ({
    messagesSent: sent,
    messagesReceived: transport.messages,
    errorsReceived: transport.errors,
    reconnects,
    sessions: emulator.sessions().length,
    pendingTimers: emulator.clock.pendingTimers,
    frameLogEntries: emulator.frameLog.entries().length,
    frameLogLimit: emulator.settings.frameLogLimit,
    issuedTokens: emulator.tokens.issued().length,
    emulatorTimeMs: emulator.clock.offset,
  })

  for (const participant of participants) await join(participant)
  for (let i = 0; i < options.messages; i++) {
    const sender = participants[i % participantCount]!
    await emulator.chat.receive(sender.connection!, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: `m${i}`, Content: `message ${i}` }))
    sent++
    emulator.advanceTime(stepMs)
    if ((i + 1) % reconnectEvery === 0 && reconnects < options.reconnects) {
      const participant = participants[reconnects % participantCount]!
      leave(participant)
      await join(participant)
      reconnects++
    }
    if ((i + 1) % checkpointEvery === 0 && i + 1 < options.messages) await options.onCheckpoint?.(figures())
  }
  for (const participant of participants) leave(participant)
  const end = figures()
  await options.onCheckpoint?.(end)
  return end
}

/**
 * `npm run soak` (this file, run by Node; a test imports `runSoak` alone): 100,000 messages and
 * 1,000 reconnects through the emulator core, in Node with `--expose-gc`. Prints the heap after
 * GC at every tenth of the run, the frame log, membership, pending timers and the token
 * registry; exits 1 if the heap grew more than 10% past its plateau or if membership or timers
 * did not return to zero.
 *
 * The plateau is the heap at 60% of the run (1.7 h of emulator time at 100 ms per message): by
 * then a token lifetime (60 min) and the 200 expired tokens the registry keeps have gone by, so
 * the registry is at its steady size, like every other structure of the emulator.
 *
 *   npm run soak -- --messages 100000 --reconnects 1000
 */
async function soakCli(): Promise<never> {
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
}

if (import.meta.main) await soakCli()

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`
}
