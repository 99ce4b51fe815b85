import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { inRegion, joinDirectly, mintToken, openPanel, setupPanelEmulator } from './panel-harness'

setupPanelEmulator()

function tokenRow(userId: string): HTMLElement {
  return within(inRegion('Issued tokens').getByRole('table')).getByRole('row', { name: new RegExp(`^${userId} `) })
}

describe('emulator panel: live sessions', () => {
  it('lists each session with its user, room, start and time left', async () => {
    await joinDirectly('viewer-1', { capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE'] })
    await openPanel()
    const sessions = inRegion('Live sessions')
    const item = (await sessions.findByText('viewer-1')).closest('li')!
    expect(item.textContent).toContain('in demo-room')
    expect(item.textContent).toContain('Connected since')
    // The default session is 60 minutes; a moment has passed.
    expect(within(item).getByText(/^(59m \d\ds|1h 00m)$/)).toBeDefined()
    expect(item.textContent).toContain('SEND_MESSAGE, DELETE_MESSAGE')
  })

  it('"End session" ends that session: ERROR 401, then a close', async () => {
    const viewer = await joinDirectly('viewer-1')
    const other = await joinDirectly('viewer-2')
    const { user } = await openPanel()
    await user.click(await screen.findByRole('button', { name: 'End session of viewer-1' }))
    await waitFor(() => expect(emulator.sessions().map((s) => s.userId)).toEqual(['viewer-2']))
    expect(viewer.sent.map((t) => JSON.parse(t) as { Type: string; ErrorCode?: number })).toEqual([
      expect.objectContaining({ Type: 'ERROR', ErrorCode: 401 }),
    ])
    expect(viewer.closes).toEqual([{ code: 1000, reason: 'Session ended by the emulator' }])
    expect(other.closes).toEqual([])
    await waitFor(() => expect(screen.queryByRole('button', { name: 'End session of viewer-1' })).toBeNull())
  })

  it('"Drop connection" breaks that connection as a network failure would', async () => {
    const viewer = await joinDirectly('viewer-1')
    const { user } = await openPanel()
    await user.click(await screen.findByRole('button', { name: 'Drop connection of viewer-1' }))
    expect(viewer.failed()).toBe(true)
    expect(viewer.closes).toEqual([])
    expect(emulator.sessions()).toEqual([])
    await waitFor(() => expect(inRegion('Live sessions').getByText(/No one is connected/)).toBeDefined())
  })
})

describe('emulator panel: issued tokens', () => {
  it('shows each token as unused, used or expired', async () => {
    await mintToken('waiting')
    await joinDirectly('joined')
    const { user } = await openPanel()
    await waitFor(() => expect(tokenRow('waiting').textContent).toContain('unused'))
    expect(tokenRow('joined').textContent).toContain('used')
    expect(tokenRow('waiting').textContent).toMatch(/in (59m \d\ds|1h 00m)/)

    await user.clear(inRegion('Settings and time').getByRole('spinbutton', { name: 'Minutes to advance' }))
    await user.type(inRegion('Settings and time').getByRole('spinbutton', { name: 'Minutes to advance' }), '61')
    await user.click(inRegion('Settings and time').getByRole('button', { name: 'Advance time' }))
    await waitFor(() => expect(tokenRow('waiting').textContent).toContain('expired'))
    expect(tokenRow('joined').textContent).toContain('used')
  })

  it('explains a refused connection and what to do', async () => {
    const { token } = await mintToken('twice')
    const transport = { send: () => {}, close: () => {}, fail: () => {} }
    expect(emulator.chat.connect(token, transport).ok).toBe(true)
    expect(emulator.chat.connect(token, transport)).toEqual({ ok: false, reason: 'already-used' })
    await openPanel()
    const refusal = await inRegion('Issued tokens').findByText(/A token opens one connection/)
    expect(refusal.textContent).toMatch(/^\d\d:\d\d:\d\d already-used: A token opens one connection\. Request a new token for every connection\.$/)
  })
})
