import { render, screen } from '@testing-library/react'
import userEvent, { type UserEvent } from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { expect, it } from 'vitest'
import { emulator, server } from '../../mocks/node'
import { App } from '../../src/app/App'
import { CONTROL_PLANE, createRoom, deleteRoom, descriptionOf, fillJoinPanel, renderApp, roomOption, setupChatUi, type JoinFields } from './chat-ui-helpers'

setupChatUi()

/** Fills the panel, presses Join and waits for the panel to show an error. */
async function joinExpectingError(fields: JoinFields, user?: UserEvent): Promise<void> {
  const u = user ?? (await renderApp())
  await fillJoinPanel(u, fields)
  await u.click(screen.getByRole('button', { name: 'Join' }))
  await screen.findByRole('alert')
  // Still on the join panel: nothing connected.
  expect(screen.getByRole('button', { name: 'Join' })).toBeTruthy()
  expect(emulator.sessions()).toHaveLength(0)
}

function onlyAlert(): string {
  const alerts = screen.getAllByRole('alert')
  expect(alerts).toHaveLength(1)
  return alerts[0]!.textContent ?? ''
}

it('puts a ValidationException on userId next to the User ID field', async () => {
  await joinExpectingError({ userId: '' })

  const field = screen.getByRole('textbox', { name: 'User ID' })
  // What the user typed is still there to correct (not a new random persona).
  expect((field as HTMLInputElement).value).toBe('')
  expect(field.getAttribute('aria-invalid')).toBe('true')
  expect(descriptionOf(field)).toBe(onlyAlert())
  expect(onlyAlert()).toBe('Member must have length greater than or equal to 1.')
})

it('puts a ValidationException on sessionDurationInMinutes next to the duration field', async () => {
  await joinExpectingError({ duration: '181' })

  const field = screen.getByRole('spinbutton', { name: 'Session duration (minutes)' })
  expect((field as HTMLInputElement).value).toBe('181')
  expect(field.getAttribute('aria-invalid')).toBe('true')
  expect(descriptionOf(field)).toBe(onlyAlert())
  expect(onlyAlert()).toBe('Member must have value less than or equal to 180.')
})

it('puts attributes over 1 KB on the Attributes group, and the budget shows the overrun', async () => {
  const user = await renderApp()
  await fillJoinPanel(user, { displayName: 'N'.repeat(1_100), badge: '', avatar: '' })
  expect(descriptionOf(screen.getByRole('meter', { name: 'Attribute budget' }))).toMatch(/^11\d\d of 1024 bytes used/)

  await joinExpectingError({}, user)

  expect(descriptionOf(screen.getByRole('group', { name: 'Attributes' }))).toBe(onlyAlert())
  expect(descriptionOf(screen.getByRole('meter', { name: 'Attribute budget' }))).toContain(onlyAlert())
  expect(onlyAlert()).toBe('Member must have total length (UTF-8 bytes of keys and values) less than or equal to 1024.')
})

it('puts ResourceNotFoundException next to the Room field when the room was deleted meanwhile', async () => {
  const room = await createRoom({ name: 'doomed-room' })
  const user = await renderApp()
  await fillJoinPanel(user, { room: roomOption(room) })
  await deleteRoom(room.arn)

  await joinExpectingError({}, user)

  const field = screen.getByRole('combobox', { name: 'Room' })
  expect(field.getAttribute('aria-invalid')).toBe('true')
  expect(descriptionOf(field)).toBe(onlyAlert())
  expect(onlyAlert()).toBe(`This room does not exist (${room.id}). Pick another room.`)
})

it('puts ResourceNotFoundException next to a typed room ARN when the room list is unavailable', async () => {
  server.use(
    http.post(`${CONTROL_PLANE}/ListRooms`, () =>
      HttpResponse.json({ message: 'Internal error' }, { status: 500, headers: { 'x-amzn-ErrorType': 'InternalServerException' } }),
    ),
  )
  const user = userEvent.setup()
  render(<App />)
  const field = await screen.findByRole('textbox', { name: 'Room' })
  expect(screen.getByText('Could not list rooms: Internal error')).toBeTruthy()
  await user.clear(field)
  await user.type(field, 'arn:aws:ivschat:us-west-2:123456789012:room/NoSuchRoom1')

  await joinExpectingError({}, user)

  // The same field, with what was typed: the panel stays while the token is requested.
  expect(screen.getByRole('textbox', { name: 'Room' })).toBe(field)
  expect((field as HTMLInputElement).value).toBe('arn:aws:ivschat:us-west-2:123456789012:room/NoSuchRoom1')
  expect(field.getAttribute('aria-invalid')).toBe('true')
  expect(descriptionOf(field)).toBe(onlyAlert())
  expect(onlyAlert()).toBe('This room does not exist (NoSuchRoom1). Pick another room.')
})

it('shows AccessDeniedException as an alert of the form', async () => {
  emulator.faults.failNextTokenRequests(1, 'AccessDeniedException')

  await joinExpectingError({})

  expect(onlyAlert()).toMatch(/^Access denied: the token service refused this request \(.+\)\. Check the credentials or permissions of the token backend\.$/)
  for (const name of ['User ID', 'Display name']) expect(screen.getByRole('textbox', { name }).getAttribute('aria-invalid')).not.toBe('true')
})

it('shows PendingVerification as an alert of the form, and the next Join works', async () => {
  emulator.faults.failNextTokenRequests(1, 'PendingVerification')
  const user = await renderApp()

  await joinExpectingError({}, user)

  expect(onlyAlert()).toMatch(/^The AWS account is pending verification \(.+\)\. Complete the verification in the AWS console, then try again\.$/)
  await user.click(screen.getByRole('button', { name: 'Join' }))
  await screen.findByText('Connected')
  expect(screen.queryByRole('alert')).toBeNull()

  // Leaving starts over: no error from an earlier attempt, no countdown from the last token.
  await user.click(screen.getByRole('button', { name: 'Leave' }))
  expect(screen.getByRole('button', { name: 'Join' })).toBeTruthy()
  expect(screen.queryByRole('alert')).toBeNull()
  expect(screen.getByRole('status').textContent).toBe('Not connected')
})

it('keeps the panel, its Join button reading "Joining…", while the token is requested', async () => {
  const user = await renderApp()
  emulator.configure({ latencyMs: 150 })

  await user.click(screen.getByRole('button', { name: 'Join' }))

  const joining = screen.getByRole('button', { name: 'Joining…' }) as HTMLButtonElement
  expect(joining.disabled).toBe(true)
  expect(screen.getByRole('textbox', { name: 'User ID' })).toBeTruthy()
  await screen.findByRole('log', { name: 'Messages' })
  expect(screen.queryByRole('button', { name: /^Join/ })).toBeNull()
})
