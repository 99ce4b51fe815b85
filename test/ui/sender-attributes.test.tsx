import { screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { eventually, joinThroughPanel, messageLog, otherParticipant, rowWith, setupChatUi } from './chat-ui-helpers'

setupChatUi()

it('shows your own attributes on your message: name in your color, badge chip, time, content', async () => {
  const user = await joinThroughPanel({ userId: 'ada-1', displayName: 'Ada L.', color: '#2563eb', badge: 'founder' })

  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello from Ada{Enter}')

  await eventually(() => rowWith('Hello from Ada'))
  const row = rowWith('Hello from Ada')
  const message = within(row).getByText('Hello from Ada').closest('.message') as HTMLElement
  // #2563eb already reaches 4.5:1 on white, so it is used as is.
  expect(message.style.getPropertyValue('--sender-light')).toBe('rgb(37, 99, 235)')
  expect(within(row).getByText('Ada L.').className).toContain('sender-name')
  expect(within(row).getByText('founder').className).toBe('badge')
  const sent = emulator.frameLog.entries().filter((e) => e.direction === 'out' && e.text.includes('"MESSAGE"'))
  const sendTime = (JSON.parse(sent.at(-1)!.text) as { SendTime: string }).SendTime
  expect(within(row).getByRole('time').getAttribute('datetime')).toBe(new Date(sendTime).toISOString())
  expect(within(row).getByRole('time').textContent).toMatch(/\d{1,2}:\d{2}/)
})

it("shows another participant's attributes as the server attached them to their message", async () => {
  await joinThroughPanel({ userId: 'me', displayName: 'Me' })
  const grace = await otherParticipant({
    userId: 'grace-7',
    attributes: { displayName: 'Grace H.', color: '#7c3aed', badges: 'moderator,vip' },
  })

  const echo = await grace.say('Hi, it is Grace')

  await eventually(() => rowWith('Hi, it is Grace'))
  const row = rowWith('Hi, it is Grace')
  const message = within(row).getByText('Hi, it is Grace').closest('.message') as HTMLElement
  expect(message.style.getPropertyValue('--sender-light')).toBe('rgb(124, 58, 237)')
  expect(message.className).not.toContain('mine')
  expect(within(row).getByText('Grace H.').className).toContain('sender-name')
  expect(within(row).getByText('moderator').className).toBe('badge')
  expect(within(row).getByText('vip').className).toBe('badge')
  expect(within(row).getByRole('time').getAttribute('datetime')).toBe(echo.sendTime.toISOString())
  expect(within(messageLog()).getAllByRole('listitem')).toHaveLength(1)
})
