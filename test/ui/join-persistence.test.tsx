import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN } from '../../mocks/node'
import { App } from '../../src/app/App'
import { SAVED_JOIN_KEY } from '../../src/features/join/saved-join'
import { appChat, createRoom, eventually, joinThroughPanel, renderApp, roomOption, setupChatUi } from './chat-ui-helpers'

setupChatUi()

afterEach(() => window.history.replaceState(null, '', '/'))

const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement
const badgeField = () => screen.getByRole('combobox', { name: 'Badge' }) as HTMLInputElement
const roomField = () => screen.getByRole('combobox', { name: 'Room' }) as HTMLSelectElement

/** What a reload does to the app: everything in memory is gone, storage stays. */
async function reload(): Promise<void> {
  appChat().client.leave()
  cleanup()
  await renderApp()
}

describe('the persona and the room survive a reload', () => {
  it('prefills the persona and room last joined with, and capabilities start full again', async () => {
    const room = await createRoom({ name: 'book-club' })
    await joinThroughPanel({
      userId: 'reader-42',
      displayName: 'Reader',
      color: '#2563eb',
      badge: 'vip',
      avatar: 'https://example.com/me.png',
      capabilities: { 'Disconnect users': false },
      room: roomOption(room),
    })

    await reload()

    expect(field('User ID').value).toBe('reader-42')
    expect(field('Display name').value).toBe('Reader')
    expect((screen.getByLabelText('Color') as HTMLInputElement).value).toBe('#2563eb')
    expect(badgeField().value).toBe('vip')
    expect(field('Avatar URL').value).toBe('https://example.com/me.png')
    expect(roomField().value).toBe(room.arn)
    expect((screen.getByRole('checkbox', { name: 'Disconnect users' }) as HTMLInputElement).checked).toBe(true)
  })

  it('starts from a new random persona and the default room on a first visit', async () => {
    await renderApp()
    expect(field('User ID').value).toMatch(/^[a-z]+-[a-z]+-\d{4}$/)
    expect(roomField().value).toBe(DEMO_ROOM_ARN)
    expect(localStorage.getItem(SAVED_JOIN_KEY)).toBeNull()
  })

  it('ignores a stored value that is not JSON, and the page works', async () => {
    localStorage.setItem(SAVED_JOIN_KEY, '{"userId": "half-written')
    await renderApp()
    expect(field('User ID').value).toMatch(/^[a-z]+-[a-z]+-\d{4}$/)
    expect(screen.getByRole('button', { name: 'Join' })).toBeTruthy()
  })

  it('ignores each bad stored field alone and keeps the good ones', async () => {
    localStorage.setItem(SAVED_JOIN_KEY, JSON.stringify({ userId: 42, displayName: 'Kept Name', badge: 'x'.repeat(10_000), roomArn: 'javascript:alert(1)' }))
    await renderApp()
    expect(field('User ID').value).toMatch(/^[a-z]+-[a-z]+-\d{4}$/)
    expect(field('Display name').value).toBe('Kept Name')
    expect(badgeField().value).not.toContain('xxx')
    expect(roomField().value).toBe(DEMO_ROOM_ARN)
  })

  it('falls back to the default room when the remembered one is gone', async () => {
    localStorage.setItem(SAVED_JOIN_KEY, JSON.stringify({ roomArn: 'arn:aws:ivschat:us-west-2:123456789012:room/GoneRoom' }))
    await renderApp()
    expect(roomField().value).toBe(DEMO_ROOM_ARN)
  })
})

describe('?room= preselects a room', () => {
  it('by id', async () => {
    const room = await createRoom({ name: 'by-id' })
    window.history.replaceState(null, '', `/?room=${room.id}`)
    await renderApp()
    await eventually(() => expect(roomField().value).toBe(room.arn))
  })

  it('by ARN, over the room remembered from last time', async () => {
    const room = await createRoom({ name: 'by-arn' })
    localStorage.setItem(SAVED_JOIN_KEY, JSON.stringify({ roomArn: DEMO_ROOM_ARN }))
    window.history.replaceState(null, '', `/?room=${encodeURIComponent(room.arn)}`)
    await renderApp()
    expect(roomField().value).toBe(room.arn)
  })

  it('joins the room asked for with one click', async () => {
    const room = await createRoom({ name: 'one-click' })
    window.history.replaceState(null, '', `/?room=${room.id}`)
    await joinThroughPanel({ userId: 'visitor' })
    expect(screen.getByRole('heading', { name: `Room ${room.id}` })).toBeTruthy()
  })

  it('ignores a value that is not a room, and keeps the default', async () => {
    window.history.replaceState(null, '', '/?room=%3Cscript%3E')
    await renderApp()
    expect(roomField().value).toBe(DEMO_ROOM_ARN)
  })
})

describe('where the chat lives', () => {
  it('says the in-page emulator is one per browser profile and how to chat across browsers', async () => {
    await renderApp()
    const note = screen.getByRole('region', { name: 'Where this chat lives' })
    expect(note.textContent).toContain('one per browser profile: its tabs share it')
    expect(note.textContent).toContain('npm run emulator')
    expect(note.textContent).toContain('VITE_IVSCHAT_MOCKS=off')
  })
})

describe('when the in-page emulator cannot start', () => {
  it('shows one message that says what to do, and no "Starting…"', async () => {
    const { insecureOriginMessage } = await import('../../src/app/startup-messages')
    render(<App backendReady={false} startupError={insecureOriginMessage('192.168.1.23:5173')} />)

    const alerts = screen.getAllByRole('alert')
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.textContent).toContain('plain http from 192.168.1.23:5173')
    expect(alerts[0]!.textContent).toContain('npm run emulator')
    expect(screen.queryByText(/Starting/)).toBeNull()
    expect((screen.getByRole('button', { name: 'Join' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('while it starts, says so', () => {
    render(<App backendReady={false} />)
    expect(screen.getByText('Starting the in-page IVS Chat emulator…')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
