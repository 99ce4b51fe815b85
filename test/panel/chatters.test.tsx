import { act, screen, waitFor, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, emulator } from '../../mocks/node'
import { inRegion, openPanel, setupPanelEmulator } from './panel-harness'

setupPanelEmulator()

const SECTION = 'Simulated chatters'

function chattersSwitch(): HTMLInputElement {
  return inRegion(SECTION).getByRole('switch', { name: 'Simulated chatters' }) as HTMLInputElement
}

async function type(user: UserEvent, name: string, value: string): Promise<void> {
  const field = inRegion(SECTION).getByRole('spinbutton', { name })
  await user.clear(field)
  await user.type(field, value)
}

function simulatedUsers(): string[] {
  return emulator
    .sessions()
    .filter((s) => s.simulated)
    .map((s) => s.userId)
}

function simulatedRooms(): Set<string> {
  return new Set(emulator.sessions().map((s) => s.roomArn))
}

function frameLog() {
  return within(screen.getByRole('log', { name: 'Frames' }))
}

describe('emulator panel: simulated chatters', () => {
  it('are off until switched on', async () => {
    await openPanel()
    expect(chattersSwitch().checked).toBe(false)
    expect(emulator.chatters.running).toBe(false)
    expect(emulator.sessions()).toEqual([])
  })

  it('switched on, join the room and their messages appear in the frame log', async () => {
    const { user } = await openPanel()
    await type(user, 'Messages per minute', '600')
    await user.click(chattersSwitch())
    expect(emulator.chatters.running).toBe(true)
    expect(emulator.chatters.settings).toEqual({ roomArn: DEMO_ROOM_ARN, count: 3, messagesPerMinute: 600 })
    expect(simulatedUsers()).toEqual(['sim-ada', 'sim-kenji', 'sim-noor'])
    await waitFor(() => expect(chattersSwitch().checked).toBe(true))
    expect(inRegion('Live sessions').getAllByText('simulated')).toHaveLength(3)

    // Their gaps are at most three times the mean (100 ms): moving the clock that far makes one speak.
    act(() => emulator.advanceTime(300))
    await waitFor(() => expect(frameLog().getAllByText(/"Action":"SEND_MESSAGE"/).length).toBeGreaterThan(0))
    const sent = emulator.frameLog.entries().filter((e) => e.direction === 'in')
    expect(sent.length).toBeGreaterThan(0)
    for (const entry of sent) expect(entry.userId).toMatch(/^sim-/)
  })

  it('switched off, leave the room with no timer left', async () => {
    const { user } = await openPanel()
    await user.click(chattersSwitch())
    expect(simulatedUsers()).toHaveLength(3)
    await user.click(chattersSwitch())
    expect(emulator.chatters.running).toBe(false)
    expect(emulator.sessions()).toEqual([])
    expect(emulator.clock.pendingTimers).toBe(0)
    await waitFor(() => expect(chattersSwitch().checked).toBe(false))
  })

  it('apply a new count and rate while running', async () => {
    const { user } = await openPanel()
    await user.click(chattersSwitch())
    await type(user, 'Number of chatters', '5')
    await type(user, 'Messages per minute', '30')
    await user.click(inRegion(SECTION).getByRole('button', { name: 'Apply chatter settings' }))
    expect(emulator.chatters.settings).toEqual({ roomArn: DEMO_ROOM_ARN, count: 5, messagesPerMinute: 30 })
    expect(simulatedUsers()).toHaveLength(5)
    expect(inRegion(SECTION).getByRole('status').textContent).toBe('Applied to the running chatters.')
    await waitFor(() => expect(within(inRegion(SECTION).getByRole('list', { name: 'Chatters' })).getAllByRole('listitem')).toHaveLength(5))
  })

  it('keep settings applied while off for when they are switched on', async () => {
    const { user } = await openPanel()
    await type(user, 'Number of chatters', '2')
    await user.click(inRegion(SECTION).getByRole('button', { name: 'Apply chatter settings' }))
    expect(emulator.chatters.running).toBe(false)
    expect(emulator.chatters.settings.count).toBe(2)
    await user.click(chattersSwitch())
    expect(simulatedUsers()).toEqual(['sim-ada', 'sim-kenji'])
  })

  it('move to the room chosen for them', async () => {
    const other = emulator.rooms.create({ region: 'us-west-2', accountId: '123456789012', name: 'other-room' })
    const { user } = await openPanel()
    await user.click(chattersSwitch())
    await user.selectOptions(inRegion(SECTION).getByRole('combobox', { name: 'Room for chatters' }), 'demo-room')
    await user.click(inRegion(SECTION).getByRole('button', { name: 'Apply chatter settings' }))
    expect(simulatedRooms()).toEqual(new Set([DEMO_ROOM_ARN]))
    await user.selectOptions(inRegion(SECTION).getByRole('combobox', { name: 'Room for chatters' }), 'other-room')
    await user.click(inRegion(SECTION).getByRole('button', { name: 'Apply chatter settings' }))
    expect(simulatedRooms()).toEqual(new Set([other.arn]))
    expect(emulator.chatters.settings.roomArn).toBe(other.arn)
  })

  it('refuse an out-of-range count: nothing applied, and the switch cannot start them', async () => {
    const { user } = await openPanel()
    await type(user, 'Number of chatters', '9')
    expect(inRegion(SECTION).getByText('Enter a whole number from 1 to 8')).toBeDefined()
    await user.click(inRegion(SECTION).getByRole('button', { name: 'Apply chatter settings' }))
    expect(emulator.chatters.settings.count).toBe(3)
    expect(chattersSwitch().disabled).toBe(true)
    await user.click(chattersSwitch())
    expect(emulator.chatters.running).toBe(false)
  })

  it('stop with "Reset emulator"', async () => {
    const { user } = await openPanel()
    await user.click(chattersSwitch())
    await user.click(inRegion('Settings and time').getByRole('button', { name: 'Reset emulator' }))
    expect(emulator.chatters.running).toBe(false)
    expect(emulator.sessions()).toEqual([])
    expect(emulator.clock.pendingTimers).toBe(0)
    await waitFor(() => expect(chattersSwitch().checked).toBe(false))
  })
})
