import { SendEventCommand } from '@aws-sdk/client-ivschat'
import { screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import { DEMO_ROOM_ARN } from '../../mocks/node'
import { ivschatClient } from '../contract/ivschat-client'
import { eventually, joinThroughPanel, setupChatUi } from './chat-ui-helpers'

setupChatUi()

it("shows a backend's SendEvent in the room, its name and attributes as text", async () => {
  await joinThroughPanel({ userId: 'reader', displayName: 'Reader' })
  expect(screen.queryByText(/^Event/)).toBeNull()

  await ivschatClient().send(new SendEventCommand({ roomIdentifier: DEMO_ROOM_ARN, eventName: 'app:POLL', attributes: { question: '<b>tea?</b>' } }))

  await eventually(() => expect(screen.getByText('app:POLL')).toBeTruthy())
  const line = screen.getByText('app:POLL').closest('p')!
  expect(line.textContent).toContain('(question: <b>tea?</b>)')
  expect(line.querySelector('b')).toBeNull()
})
