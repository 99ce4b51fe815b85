import type { ChatClient } from './chat-client'

/** What `followServiceClock` needs of an emulator: its clock and its change notifications. */
export interface ClockSource {
  clock: { now(): number }
  subscribe(listener: () => void): () => void
}

/**
 * The in-page emulator's time is the service's: tell the client whenever the emulator changed
 * (Advance time sends no frame). Cheap: one subtraction, and the client ignores readings that
 * agree with its estimate. Returns a function that stops it.
 */
export function followServiceClock(emulator: ClockSource, chat: Pick<ChatClient, 'observeServiceTime'>): () => void {
  chat.observeServiceTime(emulator.clock.now())
  return emulator.subscribe(() => chat.observeServiceTime(emulator.clock.now()))
}
