import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Emulator } from '../../mocks/emulator/emulator'
import { createSnapshotStore } from '../../mocks/panel/use-emulator-snapshot'

/** Node has no requestAnimationFrame: the store falls back to a 16 ms timer, which fake timers drive. */
let emulator: Emulator

beforeEach(() => {
  vi.useFakeTimers()
  emulator = new Emulator()
})

afterEach(() => {
  emulator.reset()
  vi.useRealTimers()
})

function addFrames(count: number): void {
  for (let i = 0; i < count; i++) {
    emulator.frameLog.add({ time: Date.now(), direction: 'event', connectionId: 'c', userId: 'u', roomArn: '', text: `frame ${i}` })
  }
}

describe('the panel’s snapshot store', () => {
  it('coalesces a burst of changes into one update per frame', () => {
    const store = createSnapshotStore(emulator)
    const listener = vi.fn<() => void>()
    const unsubscribe = store.subscribe(listener)
    vi.advanceTimersByTime(16)
    listener.mockClear()

    addFrames(500)
    emulator.advanceTime(1_000)
    expect(listener).not.toHaveBeenCalled()
    vi.advanceTimersByTime(16)
    expect(listener).toHaveBeenCalledTimes(1)
    expect(store.getSnapshot().frames).toHaveLength(500)
    expect(store.getSnapshot().clockOffset).toBe(1_000)
    unsubscribe()
  })

  it('keeps the same snapshot object until something changes, as useSyncExternalStore requires', () => {
    const store = createSnapshotStore(emulator)
    const unsubscribe = store.subscribe(() => {})
    vi.advanceTimersByTime(16)
    const first = store.getSnapshot()
    expect(store.getSnapshot()).toBe(first)
    emulator.configure({ latencyMs: 5 })
    expect(store.getSnapshot()).toBe(first)
    vi.advanceTimersByTime(16)
    expect(store.getSnapshot()).not.toBe(first)
    expect(store.getSnapshot().settings.latencyMs).toBe(5)
    unsubscribe()
  })

  it('re-reads only the frame log when only frames came: rooms, sessions and tokens keep their objects', () => {
    const store = createSnapshotStore(emulator)
    const unsubscribe = store.subscribe(() => {})
    vi.advanceTimersByTime(16)
    const before = store.getSnapshot()
    const spy = vi.spyOn(emulator, 'issuedTokens')

    addFrames(10)
    vi.advanceTimersByTime(16)

    const after = store.getSnapshot()
    expect(after).not.toBe(before)
    expect(after.frames).toHaveLength(10)
    expect(after.rooms).toBe(before.rooms)
    expect(after.sessions).toBe(before.sessions)
    expect(spy).not.toHaveBeenCalled()
    unsubscribe()
  })

  it('ticks once a second for the countdowns while subscribed', () => {
    const store = createSnapshotStore(emulator)
    const listener = vi.fn<() => void>()
    const unsubscribe = store.subscribe(listener)
    vi.advanceTimersByTime(16)
    listener.mockClear()
    vi.advanceTimersByTime(3_000)
    expect(listener).toHaveBeenCalledTimes(3)
    unsubscribe()
  })

  it('leaves no timer and no listener once the last subscriber is gone', () => {
    const store = createSnapshotStore(emulator)
    const listener = vi.fn<() => void>()
    const unsubscribe = store.subscribe(listener)
    addFrames(1)
    unsubscribe()
    expect(vi.getTimerCount()).toBe(0)
    addFrames(1)
    emulator.changed()
    vi.advanceTimersByTime(5_000)
    expect(listener).not.toHaveBeenCalled()
  })
})
