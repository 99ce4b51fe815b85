import { SendEventCommand } from '@aws-sdk/client-ivschat'
import { fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_ROOM_ARN, emulator } from '../../mocks/node'
import { ivschatClient } from '../contract/ivschat-client'
import { eventually, joinThroughPanel, messageLog, otherParticipant, rowWith, setupChatUi } from './chat-ui-helpers'

setupChatUi()

afterEach(() => vi.unstubAllGlobals())

/** A row's header: the sender's name, whose tooltip gives the user id. */
const header = (row: HTMLElement, userId: string) => within(row).queryByTitle(`User ID: ${userId}`)

describe('a run of messages from one sender', () => {
  it('shares one header (avatar, name, time); the next sender gets their own, and a screen reader still hears who', async () => {
    await joinThroughPanel({ userId: 'reader', displayName: 'Reader' })
    const grace = await otherParticipant({ userId: 'grace-7', attributes: { displayName: 'Grace' } })
    const alan = await otherParticipant({ userId: 'alan-1', attributes: { displayName: 'Alan' } })

    await grace.say('first from Grace')
    await grace.say('second from Grace')
    await alan.say('then Alan')
    await eventually(() => rowWith('then Alan'))

    expect(header(rowWith('first from Grace'), 'grace-7')).not.toBeNull()
    expect(header(rowWith('second from Grace'), 'grace-7')).toBeNull()
    expect(rowWith('second from Grace').textContent).toContain('Grace: ')
    expect(header(rowWith('then Alan'), 'alan-1')).not.toBeNull()
    // The day starts above the first line only.
    expect(within(messageLog()).getAllByText('Today')).toHaveLength(1)
    expect(rowWith('first from Grace').textContent).toMatch(/^Today/)
    expect(within(messageLog()).getAllByRole('listitem')).toHaveLength(3)
  })

  it('starts a new header after a pause of five minutes', async () => {
    await joinThroughPanel({ userId: 'reader', displayName: 'Reader' })
    const grace = await otherParticipant({ userId: 'grace-7', attributes: { displayName: 'Grace' } })
    await grace.say('before the pause')
    emulator.advanceTime(5 * 60_000)
    await grace.say('after the pause')
    await eventually(() => rowWith('after the pause'))

    expect(within(rowWith('after the pause')).queryByTitle('User ID: grace-7')).not.toBeNull()
  })
})

describe('an avatar', () => {
  it('that fails to load gives way to the initial, also when its row is drawn again', async () => {
    await joinThroughPanel({ userId: 'reader', displayName: 'Reader' })
    const grace = await otherParticipant({ userId: 'grace-7', attributes: { displayName: 'grace', avatar: 'https://images.example/missing.png' } })
    await grace.say('with a broken avatar')
    await eventually(() => rowWith('with a broken avatar'))
    const image = rowWith('with a broken avatar').querySelector('img')!
    expect(image.getAttribute('src')).toBe('https://images.example/missing.png')

    fireEvent.error(image)

    expect(rowWith('with a broken avatar').querySelector('img')).toBeNull()
    expect(within(rowWith('with a broken avatar')).getByText('G')).toBeTruthy()
    // Grouping aside, a later message with the same broken URL never tries it again.
    emulator.advanceTime(6 * 60_000)
    await grace.say('again')
    await eventually(() => rowWith('again'))
    expect(rowWith('again').querySelector('img')).toBeNull()
  })
})

describe('long content', () => {
  it('is capped with "Show more", which shows it all and folds it again', async () => {
    const user = await joinThroughPanel({ userId: 'reader', displayName: 'Reader' })
    const grace = await otherParticipant({ userId: 'grace-7', attributes: { displayName: 'Grace' } })
    await grace.say(`tall${'\n'.repeat(485)}end`)
    await eventually(() => rowWith('tall'))
    const row = rowWith('tall')
    const more = within(row).getByRole('button', { name: 'Show more' })
    const content = document.getElementById(more.getAttribute('aria-controls')!)!
    expect(content.className).toContain('capped')
    expect(more.getAttribute('aria-expanded')).toBe('false')

    await user.click(more)

    expect(content.className).not.toContain('capped')
    const less = within(row).getByRole('button', { name: 'Show less' })
    expect(less.getAttribute('aria-expanded')).toBe('true')
    await user.click(less)
    expect(within(row).getByRole('button', { name: 'Show more' })).toBeTruthy()
  })

  it('of a few short lines has no "Show more"', async () => {
    await joinThroughPanel({ userId: 'reader', displayName: 'Reader' })
    const grace = await otherParticipant({ userId: 'grace-7', attributes: { displayName: 'Grace' } })
    await grace.say('one\ntwo\nthree')
    await eventually(() => rowWith('three'))
    expect(within(rowWith('three')).queryByRole('button', { name: 'Show more' })).toBeNull()
  })
})

describe('a custom event', () => {
  it('with 256 attributes spells out six and counts the rest', async () => {
    await joinThroughPanel({ userId: 'reader', displayName: 'Reader' })
    // 1 KB exactly: 256 two-character names with two-character values.
    const attributes = Object.fromEntries(Array.from({ length: 256 }, (_, i) => [`${String.fromCharCode(97 + Math.floor(i / 36))}${(i % 36).toString(36)}`, 'ok']))

    await ivschatClient().send(new SendEventCommand({ roomIdentifier: DEMO_ROOM_ARN, eventName: 'app:MANY', attributes }))

    await eventually(() => expect(screen.getByText('app:MANY')).toBeTruthy())
    const line = screen.getByText('app:MANY').closest('p')!
    expect(line.textContent).toContain('(a0: ok, a1: ok, a2: ok, a3: ok, a4: ok, a5: ok, and 250 more)')
    expect(line.textContent).not.toContain('a6')
  })
})
