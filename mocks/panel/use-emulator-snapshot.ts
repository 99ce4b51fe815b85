import { useMemo, useSyncExternalStore } from 'react'
import type { ChatLogDestinationView } from '../emulator/chat-logging.ts'
import type { ConnectionInfo } from '../emulator/connection.ts'
import type { Emulator, IssuedTokenInfo } from '../emulator/emulator.ts'
import type { FrameLogEntry } from '../emulator/frame-log.ts'
import type { RoomRecord } from '../emulator/room-store.ts'
import type { EmulatorSettings } from '../emulator/settings.ts'
import type { ChatterInfo, ChattersSettings } from '../emulator/simulated-chatters.ts'
import type { TokenRejection } from '../emulator/tokens.ts'

/** Everything the panel shows, read from the emulator at one moment. */
export interface EmulatorSnapshot {
  /** Emulator time when it was read: countdowns are computed from it. */
  now: number
  clockOffset: number
  settings: EmulatorSettings
  rooms: RoomRecord[]
  sessions: ConnectionInfo[]
  tokens: IssuedTokenInfo[]
  rejections: { time: number; reason: TokenRejection }[]
  faults: ReturnType<Emulator['faults']['pending']>
  chatters: { running: boolean; settings: ChattersSettings; participants: ChatterInfo[] }
  frames: FrameLogEntry[]
  /** Chat logging, per destination that has received a record. */
  chatLogs: ChatLogDestinationView[]
}

/** Countdowns tick once a second even when nothing else changes. */
const TICK_MS = 1_000

/**
 * The emulator as React state. Changes (and frame-log entries, which can come hundreds a
 * second) are coalesced to one re-render per animation frame.
 */
export function useEmulatorSnapshot(emulator: Emulator): EmulatorSnapshot {
  const store = useMemo(() => createSnapshotStore(emulator), [emulator])
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}

interface SnapshotStore {
  subscribe: (listener: () => void) => () => void
  getSnapshot: () => EmulatorSnapshot
}

export function createSnapshotStore(emulator: Emulator): SnapshotStore {
  let snapshot: EmulatorSnapshot = { ...readState(emulator), frames: emulator.frameLog.entries(), chatLogs: emulator.chatLogs.destinations() }
  const listeners = new Set<() => void>()
  let cancelFrame: (() => void) | undefined
  let stopWatching: (() => void) | undefined
  // What changed since the last read: a busy room adds frames many times a frame, and re-reading
  // the rooms, sessions and issued tokens each time (nothing of which changed) was wasted work.
  const changed = new Set<Part>()

  const publish = () => {
    cancelFrame = undefined
    snapshot = { ...snapshot, ...read(emulator, changed) }
    changed.clear()
    for (const listener of listeners) listener()
  }
  const schedule = (part: Part) => () => {
    changed.add(part)
    cancelFrame ??= nextFrame(publish)
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      if (!stopWatching) {
        const offEmulator = emulator.subscribe(schedule('state'))
        const offLog = emulator.frameLog.subscribe(schedule('frames'))
        const offChatLogs = emulator.chatLogs.subscribe(schedule('chatLogs'))
        // The countdowns' `now`, and what time alone changes (expiries), are part of the state.
        const ticker = setInterval(schedule('state'), TICK_MS)
        stopWatching = () => {
          offEmulator()
          offLog()
          offChatLogs()
          clearInterval(ticker)
          cancelFrame?.()
          cancelFrame = undefined
        }
        // Whatever changed between the first render and this subscription is picked up.
        for (const part of ALL_PARTS) schedule(part)()
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) {
          stopWatching?.()
          stopWatching = undefined
        }
      }
    },
  }
}

/** What told the store of a change: the emulator (anything may have changed), a new frame, a new chat log record. */
type Part = 'state' | 'frames' | 'chatLogs'
const ALL_PARTS: ReadonlySet<Part> = new Set(['state', 'frames', 'chatLogs'])

/** The parts named in `parts`, read now. */
function read(emulator: Emulator, parts: ReadonlySet<Part>): Partial<EmulatorSnapshot> {
  // The emulator's own notice covers every part (clearing the frame log or the chat logs, a new
  // limit, a reset): everything is read then. New frames and records say only that they came.
  const all = parts.has('state')
  return {
    ...(all ? readState(emulator) : {}),
    ...(all || parts.has('frames') ? { frames: emulator.frameLog.entries() } : {}),
    ...(all || parts.has('chatLogs') ? { chatLogs: emulator.chatLogs.destinations() } : {}),
  }
}

function readState(emulator: Emulator): Omit<EmulatorSnapshot, 'frames' | 'chatLogs'> {
  return {
    now: emulator.clock.now(),
    clockOffset: emulator.clock.offset,
    settings: { ...emulator.settings },
    // Copies: the store mutates its records in place, and React compares by identity.
    rooms: emulator.rooms.all().map((room) => ({ ...room })),
    sessions: emulator.sessions(),
    tokens: emulator.issuedTokens(),
    rejections: emulator.rejections(),
    faults: emulator.faults.pending(),
    chatters: {
      running: emulator.chatters.running,
      settings: emulator.chatters.settings,
      participants: emulator.chatters.participants(),
    },
  }
}

/** `requestAnimationFrame` where there is one (browsers, jsdom), a 16 ms timer elsewhere. */
function nextFrame(callback: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(callback)
    return () => cancelAnimationFrame(handle)
  }
  const handle = setTimeout(callback, 16)
  return () => clearTimeout(handle)
}
