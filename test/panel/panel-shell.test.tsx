import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { EmulatorPanel } from '../../mocks/panel'
import { openPanel, setupPanelEmulator } from './panel-harness'

setupPanelEmulator()

const SECTIONS = ['Live sessions', 'Faults', 'Settings and time', 'Simulated chatters', 'Rooms', 'Issued tokens', 'Frame log']

describe('emulator panel shell', () => {
  it('starts collapsed, as a complementary landmark with its toggle', () => {
    render(<EmulatorPanel emulator={emulator} />)
    const toggle = screen.getByRole('button', { name: 'Emulator panel' })
    expect(screen.getByRole('complementary', { name: 'Emulator' }).contains(toggle)).toBe(true)
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    for (const name of SECTIONS) expect(screen.queryByRole('region', { name })).toBeNull()
  })

  it('opens with the toggle and shows every section', async () => {
    await openPanel()
    expect(screen.getByRole('button', { name: 'Emulator panel' }).getAttribute('aria-expanded')).toBe('true')
    for (const name of SECTIONS) expect(screen.getByRole('region', { name }).closest('[hidden]')).toBeNull()
  })

  it('says that it lives in this browser profile, and how to chat across browsers and devices', async () => {
    await openPanel()
    const note = screen.getByText(/one per browser profile/)
    expect(note.textContent).toContain('its tabs share it')
    expect(note.textContent).toContain('npm run emulator')
    expect(note.textContent).toContain('mocks off')
  })

  it('opens from the keyboard and closes with Escape, focus back on the toggle', async () => {
    const user = userEvent.setup()
    render(<EmulatorPanel emulator={emulator} />)
    await user.tab()
    const toggle = screen.getByRole('button', { name: 'Emulator panel' })
    expect(document.activeElement).toBe(toggle)
    await user.keyboard('{Enter}')
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    await user.tab()
    expect(document.activeElement).not.toBe(toggle)
    await user.keyboard('{Escape}')
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(toggle)
    expect(screen.queryByRole('region', { name: 'Rooms' })).toBeNull()
  })

  it('collapses with the toggle', async () => {
    const { user } = await openPanel()
    await user.click(screen.getByRole('button', { name: 'Emulator panel' }))
    expect(screen.getByRole('button', { name: 'Emulator panel' }).getAttribute('aria-expanded')).toBe('false')
    expect(screen.queryByRole('region', { name: 'Faults' })).toBeNull()
  })
})
