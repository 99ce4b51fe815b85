import { screen, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { DeleteMessageRequest, DisconnectUserRequest } from 'amazon-ivs-chat-messaging'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { emulator } from '../../mocks/node'
import { eventually, joinThroughPanel, messageLog, otherParticipant, rowWith, setupChatUi, type JoinFields } from './chat-ui-helpers'

setupChatUi()

const ME: JoinFields = { userId: 'me-1', displayName: 'Mo' }

async function say(user: UserEvent, text: string): Promise<void> {
  await user.type(screen.getByRole('textbox', { name: 'Message' }), `${text}{Enter}`)
  await eventually(() => rowWith(text))
}

/** Joins as Mo with `capabilities`, with Grace in the room; one message from each. */
async function roomWithGrace(capabilities: JoinFields['capabilities'], graceCapabilities: ('SEND_MESSAGE' | 'DELETE_MESSAGE' | 'DISCONNECT_USER')[] = ['SEND_MESSAGE']) {
  const user = await joinThroughPanel({ ...ME, capabilities })
  const grace = await otherParticipant({ userId: 'grace-7', attributes: { displayName: 'Grace' }, capabilities: graceCapabilities })
  await grace.say('Hello from Grace')
  await eventually(() => rowWith('Hello from Grace'))
  await say(user, 'Hello from Mo')
  return { user, grace }
}

const buttonIn = (row: HTMLElement, name: string) => within(row).queryByRole('button', { name })

describe('moderation buttons follow the capabilities', () => {
  it('shows none without DELETE_MESSAGE and DISCONNECT_USER', async () => {
    await roomWithGrace({ 'Delete messages': false, 'Disconnect users': false })

    expect(within(messageLog()).queryAllByRole('button')).toHaveLength(0)
  })

  it('shows delete on every message and disconnect on others only, with both', async () => {
    await roomWithGrace({})

    const graces = rowWith('Hello from Grace')
    const mine = rowWith('Hello from Mo')
    expect(buttonIn(graces, 'Delete message from Grace')).not.toBeNull()
    expect(buttonIn(graces, 'Disconnect Grace')).not.toBeNull()
    expect(buttonIn(mine, 'Delete message from Mo')).not.toBeNull()
    expect(within(mine).queryAllByRole('button', { name: /^Disconnect/ })).toHaveLength(0)
  })

  it('shows delete only, with DELETE_MESSAGE alone', async () => {
    await roomWithGrace({ 'Disconnect users': false })

    expect(buttonIn(rowWith('Hello from Grace'), 'Delete message from Grace')).not.toBeNull()
    expect(within(messageLog()).queryAllByRole('button', { name: /^Disconnect/ })).toHaveLength(0)
  })

  it('shows disconnect only, with DISCONNECT_USER alone', async () => {
    await roomWithGrace({ 'Delete messages': false })

    expect(buttonIn(rowWith('Hello from Grace'), 'Disconnect Grace')).not.toBeNull()
    expect(within(messageLog()).queryAllByRole('button', { name: /^Delete/ })).toHaveLength(0)
  })
})

describe('moderation works', () => {
  it("deletes another's message with a reason: it leaves the log and everyone gets the event", async () => {
    const { user, grace } = await roomWithGrace({})
    const doomed = grace.messages.find((m) => m.content === 'Hello from Grace')!

    await user.click(buttonIn(rowWith('Hello from Grace'), 'Delete message from Grace')!)
    const dialog = screen.getByRole('dialog', { name: 'Delete message from Grace' })
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toBe(document.activeElement)
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason (optional)' }), 'Spam')
    await user.click(within(dialog).getByRole('button', { name: 'Delete message' }))

    await eventually(() => expect(messageLog().textContent).not.toContain('Hello from Grace'))
    expect(screen.queryByRole('dialog')).toBeNull()
    await eventually(() => expect(grace.deletes.map((d) => [d.messageId, d.reason])).toEqual([[doomed.id, 'Spam']]))
    expect(rowWith('Hello from Mo')).toBeTruthy()
  })

  it('shows its author a placeholder with the reason when a moderator deletes their message', async () => {
    const { grace } = await roomWithGrace({}, ['SEND_MESSAGE', 'DELETE_MESSAGE'])
    const mine = await eventuallyMessage(grace.messages, 'Hello from Mo')

    await grace.room.deleteMessage(new DeleteMessageRequest(mine.id, 'Off topic'))

    await eventually(() => rowWith('Your message was deleted by a moderator: “Off topic”.'))
    expect(messageLog().textContent).not.toContain('Hello from Mo')
    expect(rowWith('Hello from Grace')).toBeTruthy()
  })

  it('quotes the start of a long message in the delete dialog without splitting a character', async () => {
    const { user, grace } = await roomWithGrace({})
    await grace.say(`a${'😀'.repeat(200)}`)
    await eventually(() => rowWith('a😀😀'))

    await user.click(buttonIn(rowWith('a😀😀'), 'Delete message from Grace')!)

    const quote = within(screen.getByRole('dialog', { name: 'Delete message from Grace' })).getByText(/^a😀/).textContent ?? ''
    expect(quote).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    expect(quote).toBe(`a${'😀'.repeat(139)}…`)
  })

  it('cancels with Escape, and nothing is sent', async () => {
    const { user } = await roomWithGrace({})

    await user.click(buttonIn(rowWith('Hello from Grace'), 'Disconnect Grace')!)
    await user.keyboard('{Escape}')

    expect(screen.queryByRole('dialog')).toBeNull()
    expect(emulator.frameLog.entries().filter((e) => e.direction === 'in' && e.text.includes('DISCONNECT_USER'))).toHaveLength(0)
  })

  it('disconnects another participant with a reason: their ChatRoom is disconnected', async () => {
    const { user, grace } = await roomWithGrace({})

    await user.click(buttonIn(rowWith('Hello from Grace'), 'Disconnect Grace')!)
    const dialog = screen.getByRole('dialog', { name: 'Disconnect Grace' })
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason (optional)' }), 'Cool off')
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect user' }))

    await eventually(() => expect(grace.disconnects).toEqual(['serverDisconnect']))
    expect(grace.userDisconnects.map((e) => [e.userId, e.reason])).toEqual([['grace-7', 'Cool off']])
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('status').textContent).toBe('Connected')
  })

  it('tells you when a moderator removed you, and "Join again" brings you back', async () => {
    const { user, grace } = await roomWithGrace({}, ['SEND_MESSAGE', 'DISCONNECT_USER'])

    await grace.room.disconnectUser(new DisconnectUserRequest('me-1', 'Be nice'))

    await eventually(() =>
      expect(screen.getByRole('status').textContent).toBe('Disconnected: you were removed from the room by a moderator (“Be nice”).'),
    )
    expect(screen.getByText('A moderator removed you from this room: “Be nice”. You will not be reconnected automatically.')).toBeTruthy()
    expect(emulator.sessions().map((s) => s.userId)).toEqual(['grace-7'])

    await user.click(screen.getByRole('button', { name: 'Join again' }))

    await eventually(() => expect(screen.getByRole('status').textContent).toBe('Connected'))
    expect(screen.queryByRole('button', { name: 'Join again' })).toBeNull()
    expect(emulator.sessions().map((s) => s.userId).sort()).toEqual(['grace-7', 'me-1'])
  })
})

/** The message with `content` once the participant has received it. */
async function eventuallyMessage<T extends { content: string }>(messages: T[], content: string): Promise<T> {
  await eventually(() => expect(messages.some((m) => m.content === content)).toBe(true))
  return messages.find((m) => m.content === content)!
}

describe('the moderation form, by keyboard and screen reader', () => {
  it('is a dialog named for its action; focus moves into it, and Escape returns focus to the button that opened it', async () => {
    const { user } = await roomWithGrace({})
    const opener = buttonIn(rowWith('Hello from Grace'), 'Delete message from Grace')!

    await user.click(opener)
    const dialog = screen.getByRole('dialog', { name: 'Delete message from Grace' })
    expect(dialog.contains(document.activeElement)).toBe(true)
    await user.keyboard('{Escape}')

    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('Cancel also returns focus to the opener', async () => {
    const { user } = await roomWithGrace({})
    const opener = buttonIn(rowWith('Hello from Grace'), 'Disconnect Grace')!

    await user.click(opener)
    await user.click(within(screen.getByRole('dialog', { name: 'Disconnect Grace' })).getByRole('button', { name: 'Cancel' }))

    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })
})

/** A screen that matches `(hover: none)` and `(pointer: coarse)`. */
function touchScreen(): void {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: /hover: none|pointer: coarse/.test(query),
    media: query,
    addEventListener() {},
    removeEventListener() {},
  }))
}

describe('on a touch screen (no hover)', () => {
  afterEach(() => vi.unstubAllGlobals())

  it("puts a line's actions behind one More button instead of a row of buttons", async () => {
    touchScreen()
    await roomWithGrace({})

    const graces = rowWith('Hello from Grace')
    expect(within(graces).getAllByRole('button')).toEqual([within(graces).getByRole('button', { name: 'More' })])
    expect(buttonIn(graces, 'Delete message from Grace')).toBeNull()
    expect(within(rowWith('Hello from Mo')).getAllByRole('button').map((b) => b.textContent)).toEqual(['⋯More'])
  })

  it('opens a menu by keyboard: arrows move, Escape closes it and returns to More', async () => {
    touchScreen()
    const { user } = await roomWithGrace({})
    const more = within(rowWith('Hello from Grace')).getByRole('button', { name: 'More' })

    more.focus()
    await user.keyboard('{Enter}')
    const menu = screen.getByRole('menu', { name: 'Message actions' })
    expect(more.getAttribute('aria-expanded')).toBe('true')
    const items = within(menu).getAllByRole('menuitem')
    expect(items.map((item) => item.textContent)).toEqual(['Delete message from Grace', 'Disconnect Grace'])
    expect(document.activeElement).toBe(items[0])
    await user.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(items[1])
    await user.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(items[0])
    await user.keyboard('{Escape}')

    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(more)
  })

  it('deletes from the menu through the same dialog; closing it returns focus to More', async () => {
    touchScreen()
    const { user, grace } = await roomWithGrace({})
    const more = within(rowWith('Hello from Grace')).getByRole('button', { name: 'More' })

    await user.click(more)
    await user.click(screen.getByRole('menuitem', { name: 'Delete message from Grace' }))
    const dialog = screen.getByRole('dialog', { name: 'Delete message from Grace' })
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toBe(document.activeElement)
    await user.keyboard('{Escape}')
    expect(document.activeElement).toBe(more)

    await user.click(more)
    await user.click(screen.getByRole('menuitem', { name: 'Delete message from Grace' }))
    await user.click(within(screen.getByRole('dialog', { name: 'Delete message from Grace' })).getByRole('button', { name: 'Delete message' }))
    await eventually(() => expect(messageLog().textContent).not.toContain('Hello from Grace'))
    await eventually(() => expect(grace.deletes).toHaveLength(1))
  })
})
