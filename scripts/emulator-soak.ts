import type { ChatConnection } from '../mocks/emulator/connection'
import { createChatToken } from '../mocks/emulator/control-plane'
import { DEMO_ROOM_ARN, type Emulator } from '../mocks/emulator/emulator'
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
