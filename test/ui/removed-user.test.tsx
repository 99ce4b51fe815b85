import { screen, within } from '@testing-library/react'
import { DisconnectUserRequest } from 'amazon-ivs-chat-messaging'
import { expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { descriptionOf, eventually, joinThroughPanel, messageLog, otherParticipant, rowWith, setupChatUi } from './chat-ui-helpers'

/** Issue 11.3: a removed user's view is coherent; the moderator sees what their action did. */
setupChatUi()

it("a removed user's composer is disabled with the reason, the countdowns stop at Ended, and Join again is the one way back", async () => {
  const user = await joinThroughPanel({ userId: 'ada-1' })
  const moderator = await otherParticipant({ userId: 'mod-1', capabilities: ['DISCONNECT_USER'] })

  await moderator.room.disconnectUser(new DisconnectUserRequest('ada-1', 'spam'))

  await eventually(() => expect(screen.getByRole('status').textContent).toBe('Disconnected: you were removed from the room by a moderator (“spam”).'))
  const box = screen.getByRole('textbox', { name: 'Message' })
  expect(box.hasAttribute('disabled')).toBe(true)
  expect(descriptionOf(box)).toBe('You cannot send: a moderator removed you from this room. Use Join again to come back.')
  expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true)
  expect(screen.queryByPlaceholderText('Waiting for the connection…')).toBeNull()
  const timers = screen.getAllByRole('timer')
  expect(timers.map((timer) => timer.textContent)).toEqual(['Ended', 'Ended'])
  expect(descriptionOf(timers[1]!)).toMatch(/^Stopped/)
  expect(screen.getAllByRole('button', { name: 'Join again' })).toHaveLength(1)

  await user.click(screen.getByRole('button', { name: 'Join again' }))

  await eventually(() => expect(screen.getByRole('status').textContent).toBe('Connected'))
  expect(screen.getByRole('textbox', { name: 'Message' }).hasAttribute('disabled')).toBe(false)
  expect(screen.getAllByRole('timer').every((timer) => /^\d+:\d\d/.test(timer.textContent ?? ''))).toBe(true)
})

it('confirms a moderator\'s delete and disconnect in the timeline, and offers no second Disconnect for a user already removed', async () => {
  const user = await joinThroughPanel({ userId: 'mo-1', displayName: 'Mo' })
  const grace = await otherParticipant({ userId: 'grace-7', attributes: { displayName: 'Grace' } })
  await grace.say('first from Grace')
  await grace.say('second from Grace')
  await eventually(() => rowWith('second from Grace'))

  await user.click(within(rowWith('first from Grace')).getByRole('button', { name: 'Delete message from Grace' }))
  await user.click(screen.getByRole('button', { name: 'Delete message' }))
  await eventually(() => within(messageLog()).getByText(/^You deleted a message from Grace\./))

  await user.click(within(rowWith('second from Grace')).getByRole('button', { name: 'Disconnect Grace' }))
  await user.type(screen.getByRole('textbox', { name: 'Reason (optional)' }), 'rude')
  await user.click(screen.getByRole('button', { name: 'Disconnect user' }))
  await eventually(() => within(messageLog()).getByText(/^You disconnected Grace: “rude”\./))

  expect(within(rowWith('second from Grace')).queryByRole('button', { name: 'Disconnect Grace' })).toBeNull()
  expect(within(rowWith('second from Grace')).getByRole('button', { name: 'Delete message from Grace' })).toBeTruthy()
  await eventually(() => expect(emulator.sessions().map((s) => s.userId)).toEqual(['mo-1']))
})

it('a deleted room: says so, offers no Join again (it would fail the same way), and Leave is the way on', async () => {
  const user = await joinThroughPanel({ userId: 'ada-2' })
  const room = emulator.sessions()[0]!.roomArn

  emulator.rooms.delete(room)
  await eventually(() => expect(screen.getByRole('status').textContent).toBe('Disconnected: the chat server closed the connection.'))
  // Closed by the server: joining again is worth a try, and says what it found.
  await user.click(screen.getByRole('button', { name: 'Join again' }))

  await eventually(() => expect(screen.getByRole('status').textContent).toBe('Disconnected: the token request failed (ResourceNotFoundException).'))
  expect(screen.getByText('This room no longer exists. Leave, then choose another room.')).toBeTruthy()
  expect(screen.queryByRole('button', { name: 'Join again' })).toBeNull()
  expect(descriptionOf(screen.getByRole('textbox', { name: 'Message' }))).toBe(
    'You cannot send: you are disconnected from the room, and joining it again would fail the same way. Leave to choose another room.',
  )
  await user.click(screen.getByRole('button', { name: 'Leave' }))
  expect(screen.getByRole('form', { name: 'Join a chat room' })).toBeTruthy()
})
