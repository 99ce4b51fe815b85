import { describe, expect, it } from 'vitest'
import { Emulator } from '../../mocks/emulator/emulator'
import { runSoak, type SoakFigures } from '../../scripts/soak-emulator'

/**
 * The quick version of `npm run soak` (which adds the heap check over 100,000 messages):
 * thousands of messages and hundreds of reconnects through the emulator core, and everything
 * the emulator holds stays bounded and returns to zero when everyone has left.
 */

const MESSAGES = 5_000
const RECONNECTS = 400
const PARTICIPANTS = 4
/** Short-lived tokens, so the registry reaches the size where it forgets expired ones. */
const TOKEN_LIFETIME_MS = 10_000
/** Expired tokens the registry keeps (tokens.ts). */
const EXPIRED_TOKENS_KEPT = 200

describe('a long chat through the emulator core', () => {
  it(`${MESSAGES} messages and ${RECONNECTS} reconnects: membership, timers, frame log and token registry stay bounded and return to zero`, async () => {
    const emulator = new Emulator({ tokenLifetimeMs: TOKEN_LIFETIME_MS })
    const during: SoakFigures[] = []
    const end = await runSoak(emulator, { messages: MESSAGES, reconnects: RECONNECTS, participants: PARTICIPANTS, checkpointEvery: 250, onCheckpoint: (f) => void during.push(f) })
    const whileRunning = during.slice(0, -1)

    // While it runs: exactly the participants are members, one session timer each, the log at its cap.
    expect(whileRunning.length).toBeGreaterThan(10)
    for (const figures of whileRunning) {
      expect(figures.sessions).toBe(PARTICIPANTS)
      expect(figures.pendingTimers).toBe(PARTICIPANTS)
      expect(figures.frameLogEntries).toBeLessThanOrEqual(figures.frameLogLimit)
    }
    // Every message reached every participant, and nothing was refused.
    expect(end).toMatchObject({ messagesSent: MESSAGES, messagesReceived: MESSAGES * PARTICIPANTS, errorsReceived: 0, reconnects: RECONNECTS })
    // The registry forgot expired tokens: far fewer than the 404 issued.
    const unexpiredAtMost = Math.ceil(TOKEN_LIFETIME_MS / ((MESSAGES / RECONNECTS) * 100)) + PARTICIPANTS
    expect(end.issuedTokens).toBeLessThanOrEqual(EXPIRED_TOKENS_KEPT + unexpiredAtMost)
    expect(end.frameLogEntries).toBe(end.frameLogLimit)
    // Everyone left: no member, no timer.
    expect(end.sessions).toBe(0)
    expect(end.pendingTimers).toBe(0)
    expect(emulator.sessions()).toEqual([])
  })
})
