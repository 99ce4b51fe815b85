import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { inRegion, joinDirectly, openPanel, setupPanelEmulator, type FakeParticipant } from './panel-harness'

setupPanelEmulator()

function frames(): HTMLElement[] {
  const log = screen.getByRole('log', { name: 'Frames' })
  return within(log).queryAllByRole('listitem')
}

function texts(): string[] {
  return frames().map((row) => row.textContent ?? '')
}

async function say(participant: FakeParticipant, content: string): Promise<void> {
  await act(() => emulator.chat.receive(participant.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'r', Content: content })))
}

describe('emulator panel: frame log', () => {
  it('shows frames newest last, with direction and user', async () => {
    const viewer = await joinDirectly('viewer-1')
    await openPanel()
    await say(viewer, 'first message')
    await say(viewer, 'second message')
    await waitFor(() => expect(texts().at(-1)).toContain('second message'))
    const last = frames().at(-1)!
    expect(last.textContent).toMatch(/^\d\d:\d\d:\d\dOUTviewer-1\{"Type":"MESSAGE"/)
    const rows = texts()
    expect(rows[0]).toMatch(/EVTviewer-1connected$/)
    expect(rows.findIndex((t) => t.includes('INviewer-1') && t.includes('first message'))).toBeLessThan(rows.findIndex((t) => t.includes('second message')))
  })

  it('truncates long frames and keeps the whole text in the row’s title', async () => {
    const viewer = await joinDirectly('viewer-1')
    await openPanel()
    await say(viewer, 'x'.repeat(300))
    await waitFor(() => expect(texts().some((t) => t.includes('xxx'))).toBe(true))
    const text = within(frames().find((row) => row.textContent?.includes('"Action"'))!).getByTitle(/x{300}/)
    expect(text.textContent).toHaveLength(160)
    expect(text.textContent?.endsWith('…')).toBe(true)
  })

  it('renders at most 200 rows, however many the emulator keeps', async () => {
    await openPanel()
    act(() => {
      for (let i = 0; i < 250; i++) emulator.frameLog.add({ time: Date.now(), direction: 'event', connectionId: 'c', userId: 'u', roomArn: '', text: `entry ${i}` })
    })
    await waitFor(() => expect(texts().at(-1)).toContain('entry 249'))
    expect(frames()).toHaveLength(200)
    expect(texts()[0]).toContain('entry 50')
    expect(inRegion('Frame log').getByText('Showing 200 of 250 (newest last).')).toBeDefined()
  })

  it('filters by user or text', async () => {
    const one = await joinDirectly('viewer-1')
    const two = await joinDirectly('viewer-2')
    const { user } = await openPanel()
    await say(one, 'apples')
    await say(two, 'bananas')
    await user.type(inRegion('Frame log').getByRole('textbox', { name: 'Filter frames' }), 'bananas')
    await waitFor(() => expect(frames().length).toBeGreaterThan(0))
    for (const text of texts()) expect(text).toContain('bananas')
    // The IN frame of viewer-2 and its echo to both participants.
    expect(frames()).toHaveLength(3)
    await user.clear(inRegion('Frame log').getByRole('textbox', { name: 'Filter frames' }))
    await user.type(inRegion('Frame log').getByRole('textbox', { name: 'Filter frames' }), 'no such thing')
    expect(inRegion('Frame log').getByText('No frame matches the filter.')).toBeDefined()
  })

  it('pauses: the list stands still while frames keep being recorded', async () => {
    const viewer = await joinDirectly('viewer-1')
    const { user } = await openPanel()
    await say(viewer, 'before the pause')
    await waitFor(() => expect(texts().at(-1)).toContain('before the pause'))
    const pause = inRegion('Frame log').getByRole('button', { name: 'Pause frame log' })
    await user.click(pause)
    expect(pause.getAttribute('aria-pressed')).toBe('true')
    await say(viewer, 'during the pause')
    await waitFor(() => expect(inRegion('Frame log').getByText(/^Paused: 2 new frames since\./)).toBeDefined())
    expect(texts().some((t) => t.includes('during the pause'))).toBe(false)
    expect(emulator.frameLog.entries().some((e) => e.text.includes('during the pause'))).toBe(true)
    await user.click(pause)
    expect(pause.getAttribute('aria-pressed')).toBe('false')
    expect(texts().at(-1)).toContain('during the pause')
  })

  it('clears the emulator’s frame log', async () => {
    const viewer = await joinDirectly('viewer-1')
    const { user } = await openPanel()
    await say(viewer, 'soon gone')
    await waitFor(() => expect(frames().length).toBeGreaterThan(0))
    await user.click(inRegion('Frame log').getByRole('button', { name: 'Clear frame log' }))
    expect(emulator.frameLog.entries()).toEqual([])
    await waitFor(() => expect(inRegion('Frame log').getByText('No frames yet.')).toBeDefined())
  })
})
