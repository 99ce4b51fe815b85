import { screen, waitFor } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../mocks/emulator/settings'
import { DEMO_ROOM_ARN, emulator } from '../../mocks/node'
import { RestCallError } from '../../src/ivschat/rest-client'
import { inRegion, joinDirectly, mintToken, openPanel, setupPanelEmulator } from './panel-harness'

setupPanelEmulator()

async function fill(user: UserEvent, section: string, name: string, value: string): Promise<void> {
  const field = inRegion(section).getByRole('spinbutton', { name })
  await user.clear(field)
  await user.type(field, value)
}

async function click(user: UserEvent, section: string, name: string): Promise<void> {
  await user.click(inRegion(section).getByRole('button', { name }))
}

describe('emulator panel: faults', () => {
  it.each([429, 406, 413] as const)('"Next send fails with %i" queues that many send faults', async (code) => {
    const { user } = await openPanel()
    await fill(user, 'Faults', 'Sends to fail', '2')
    await click(user, 'Faults', `Next send fails with ${code}`)
    expect(emulator.faults.pending().sendFaults.map((f) => f.errorCode)).toEqual([code, code])
    await waitFor(() => expect(inRegion('Faults').getByText(`Queued send errors: ${code}, ${code}`)).toBeDefined())
  })

  it('the queued send fault answers a person’s next send', async () => {
    const viewer = await joinDirectly('viewer-1')
    const { user } = await openPanel()
    await click(user, 'Faults', 'Next send fails with 429')
    await emulator.chat.receive(viewer.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'r1', Content: 'hi' }))
    expect(JSON.parse(viewer.sent.at(-1)!)).toMatchObject({ Type: 'ERROR', RequestId: 'r1', ErrorCode: 429 })
    expect(emulator.faults.pending().sendFaults).toEqual([])
  })

  it.each(['AccessDeniedException', 'PendingVerification'] as const)('"Next token request fails with %s" fails CreateChatToken', async (type) => {
    const { user } = await openPanel()
    await click(user, 'Faults', `Next token request fails with ${type}`)
    expect(emulator.faults.pending().tokenFaults).toEqual([type])
    const error = await mintToken('viewer').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RestCallError)
    expect((error as RestCallError).failure.kind).toBe(type)
    expect(emulator.faults.pending().tokenFaults).toEqual([])
  })

  it('queues as many token faults as asked', async () => {
    const { user } = await openPanel()
    await fill(user, 'Faults', 'Token requests to fail', '3')
    await click(user, 'Faults', 'Next token request fails with PendingVerification')
    expect(emulator.faults.pending().tokenFaults).toEqual(['PendingVerification', 'PendingVerification', 'PendingVerification'])
  })

  it('"Duplicate next frames" and "Reorder next frames" queue frame faults', async () => {
    const { user } = await openPanel()
    await fill(user, 'Faults', 'Frames to affect', '4')
    await click(user, 'Faults', 'Duplicate next frames')
    await fill(user, 'Faults', 'Frames to affect', '2')
    await click(user, 'Faults', 'Reorder next frames')
    expect(emulator.faults.pending()).toMatchObject({ duplicateFrames: 4, reorderFrames: 2 })
    await waitFor(() => expect(inRegion('Faults').getByText('Pending: 4 to duplicate, 2 to reorder.')).toBeDefined())
  })

  it('refuses a count out of range: the fault buttons are disabled and say why', async () => {
    const { user } = await openPanel()
    await fill(user, 'Faults', 'Sends to fail', '0')
    expect(inRegion('Faults').getByText('Enter a whole number from 1 to 100')).toBeDefined()
    const button = inRegion('Faults').getByRole('button', { name: 'Next send fails with 429' }) as HTMLButtonElement
    expect(button.disabled).toBe(true)
    await user.click(button)
    expect(emulator.faults.pending().sendFaults).toEqual([])
  })

  it('"Clear queued faults" empties every queue', async () => {
    emulator.faults.failNextSends(1, 406)
    emulator.faults.failNextTokenRequests(1, 'AccessDeniedException')
    emulator.faults.duplicateNextFrames(1)
    const { user } = await openPanel()
    await click(user, 'Faults', 'Clear queued faults')
    expect(emulator.faults.pending()).toEqual({ tokenFaults: [], sendFaults: [], duplicateFrames: 0, reorderFrames: 0 })
  })
})

describe('emulator panel: settings and time', () => {
  it('applies latency, token lifetime, session end and review timeout', async () => {
    const { user } = await openPanel()
    await fill(user, 'Settings and time', 'Latency (ms)', '250')
    await fill(user, 'Settings and time', 'Token lifetime (minutes)', '2')
    await fill(user, 'Settings and time', 'Review timeout (ms)', '500')
    await user.selectOptions(inRegion('Settings and time').getByRole('combobox', { name: 'Session end' }), 'Close only (the SDK stays disconnected)')
    await click(user, 'Settings and time', 'Apply settings')
    expect(emulator.settings).toMatchObject({ latencyMs: 250, tokenLifetimeMs: 120_000, sessionEnd: 'close', reviewTimeoutMs: 500 })
    expect(inRegion('Settings and time').getByRole('status').textContent).toBe('Settings applied.')
    const token = await mintToken('viewer')
    expect(token.tokenExpirationTime.getTime() - Date.now()).toBeLessThanOrEqual(120_000)
  })

  it('refuses out-of-range settings and changes nothing', async () => {
    const { user } = await openPanel()
    await fill(user, 'Settings and time', 'Latency (ms)', '10001')
    await fill(user, 'Settings and time', 'Token lifetime (minutes)', '0')
    await click(user, 'Settings and time', 'Apply settings')
    expect(inRegion('Settings and time').getByText('Enter a whole number from 0 to 10000 ms')).toBeDefined()
    expect(inRegion('Settings and time').getByText('Enter a whole number from 1 to 1440 minutes')).toBeDefined()
    expect(emulator.settings).toEqual(DEFAULT_SETTINGS)
  })

  it('"Advance time" moves the emulator clock by the minutes given', async () => {
    const { user } = await openPanel()
    await fill(user, 'Settings and time', 'Minutes to advance', '5')
    await click(user, 'Settings and time', 'Advance time')
    expect(emulator.clock.offset).toBe(5 * 60_000)
    await waitFor(() => expect(inRegion('Settings and time').getByText('5m 00s ahead')).toBeDefined())
  })

  it('"Advance time" past a session’s end ends it', async () => {
    await joinDirectly('viewer-1')
    const { user } = await openPanel()
    await fill(user, 'Settings and time', 'Minutes to advance', '60')
    await click(user, 'Settings and time', 'Advance time')
    await waitFor(() => expect(emulator.sessions()).toEqual([]))
  })

  it('"Reset emulator" returns to the seeded emulator', async () => {
    emulator.rooms.create({ region: 'us-west-2', accountId: '123456789012', name: 'extra' })
    emulator.configure({ latencyMs: 100 })
    emulator.faults.failNextSends(2, 429)
    emulator.advanceTime(60_000)
    await joinDirectly('viewer-1')
    const { user } = await openPanel()
    await click(user, 'Settings and time', 'Reset emulator')
    expect(emulator.rooms.all().map((r) => r.arn)).toEqual([DEMO_ROOM_ARN])
    expect(emulator.sessions()).toEqual([])
    expect(emulator.issuedTokens()).toEqual([])
    expect(emulator.faults.pending().sendFaults).toEqual([])
    expect(emulator.clock.offset).toBe(0)
    expect(emulator.settings).toEqual(DEFAULT_SETTINGS)
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Room extra' })).toBeNull())
    expect((inRegion('Settings and time').getByRole('spinbutton', { name: 'Latency (ms)' }) as HTMLInputElement).value).toBe('0')
  })
})
