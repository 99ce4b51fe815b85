import { describe, expect, it, vi } from 'vitest'
import { Emulator } from '../../mocks/emulator/emulator'

/** The panel and the control routes learn of queued faults from `emulator.subscribe` alone. */
describe('faults tell subscribers', () => {
  it('when queued faults are cleared, as when they are queued', () => {
    const emulator = new Emulator()
    emulator.faults.failNextSends(2, 429)
    const listener = vi.fn<() => void>()
    emulator.subscribe(listener)
    emulator.faults.clear()

    expect(emulator.faults.pending().sendFaults).toEqual([])
    expect(listener).toHaveBeenCalledTimes(1)
  })
})
