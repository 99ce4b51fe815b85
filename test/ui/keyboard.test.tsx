import { getDefaultNormalizer, screen, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { eventually, messageLog, otherParticipant, renderApp, rowWith, setupChatUi } from './chat-ui-helpers'

setupChatUi()

const messageBox = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement
const disconnect = () => within(rowWith('hi')).getByRole('button', { name: 'Disconnect Grace' })

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `limit` presses. */
async function tabTo(user: UserEvent, target: () => HTMLElement, { limit = 10, backwards = false } = {}): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await user.tab({ shift: backwards })
    if (document.activeElement === target()) return presses
  }
  throw new Error(`Focus did not reach ${target().tagName} within ${limit} presses; it is on ${document.activeElement?.outerHTML.slice(0, 80)}`)
}

/** Joins with the keyboard alone: Tab into the form, Enter submits it. */
async function joinByKeyboard(): Promise<UserEvent> {
  const user = await renderApp()
  await tabTo(user, () => screen.getByRole('textbox', { name: 'User ID' }))
  await user.keyboard('{Enter}')
  await eventually(() => expect(screen.getByRole('status').textContent).toBe('Connected'))
  return user
}

it('joins, writes and sends with the keyboard: Enter sends, Shift+Enter starts a new line', async () => {
  const user = await joinByKeyboard()

  // Joining replaced the form that had focus: focus goes on to the message box, not to <body>.
  expect(document.activeElement).toBe(messageBox())
  await user.keyboard('first line{Shift>}{Enter}{/Shift}second line')
  expect(messageBox().value).toBe('first line\nsecond line')
  await user.keyboard('{Enter}')

  await eventually(() => rowWith('second line'))
  // The newline is kept (the default matcher would collapse it away).
  const keepNewlines = getDefaultNormalizer({ collapseWhitespace: false })
  expect(within(rowWith('second line')).getByText('first line\nsecond line', { normalizer: keepNewlines })).toBeTruthy()
  expect(messageBox().value).toBe('')
  expect(document.activeElement).toBe(messageBox())
})

it('reaches the message box with Tab from the log, through each message’s actions', async () => {
  const user = await joinByKeyboard()
  const grace = await otherParticipant({ userId: 'grace', attributes: { displayName: 'Grace' } })
  await grace.say('hi')
  await eventually(() => rowWith('hi'))

  await tabTo(user, messageLog, { backwards: true })
  const stops: (Element | null)[] = []
  while (document.activeElement !== messageBox() && stops.length < 5) {
    await user.tab()
    stops.push(document.activeElement)
  }

  const row = rowWith('hi')
  expect(stops).toEqual([
    within(row).getByRole('button', { name: 'Delete message from Grace' }),
    within(row).getByRole('button', { name: 'Disconnect Grace' }),
    messageBox(),
  ])
  await user.keyboard('back to you{Enter}')
  await eventually(() => rowWith('back to you'))
})

it('returns focus to the button that opened the moderation dialog when Escape closes it', async () => {
  const user = await joinByKeyboard()
  const grace = await otherParticipant({ userId: 'grace', attributes: { displayName: 'Grace' } })
  await grace.say('hi')
  await eventually(() => rowWith('hi'))

  await tabTo(user, disconnect, { backwards: true })
  await user.keyboard('{Enter}')
  expect(document.activeElement).toBe(within(screen.getByRole('dialog', { name: 'Disconnect Grace' })).getByRole('textbox', { name: 'Reason (optional)' }))
  await user.keyboard('{Escape}')

  expect(screen.queryByRole('dialog')).toBeNull()
  expect(document.activeElement).toBe(disconnect())
})
