import { afterEach, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, emulator } from '../../mocks/node'
import { ChatClient } from '../../src/chat/chat-client'
import { eventually, MINUTE, setupEmulatorServer, TOKEN_ENDPOINT } from '../data-plane/helpers'

/**
 * The `sessionEnd: 'close'` setting, seen from the app. With it the session's end is a bare
 * close (no ERROR 401), which the SDK reports as `serverDisconnect`; the app starts a new
 * session only when its estimate of the service's clock says the session is over. A client
 * learns that clock from tokens and frames (and, in the demo, from src/mocking.tsx); here nothing
 * tells it of a jump made with `emulator.advanceTime` alone, which ends the session in the emulator while
 * the client still thinks it has a minute left (FIDELITY.md).
 */

setupEmulatorServer()

let client: ChatClient | undefined

afterEach(() => {
  client?.leave()
  client = undefined
})

const chatState = () => client!.store.getState()

it('with emulator time alone, the app reads the bare close as the server closing, not as the session ending, and stays out', async () => {
  emulator.configure({ sessionEnd: 'close' })
  client = new ChatClient({ regionOrUrl: 'us-west-2', tokenEndpoint: TOKEN_ENDPOINT })
  expect(await client.join({ roomIdentifier: DEMO_ROOM_ARN, userId: 'me', capabilities: ['SEND_MESSAGE'], sessionDurationInMinutes: 1 })).toBe(true)
  await eventually(() => expect(chatState().status).toBe('connected'))

  emulator.advanceTime(MINUTE)

  await eventually(() => expect(chatState().status).toBe('disconnected'))
  expect(chatState().cause).toEqual({ kind: 'server-closed' })
  expect(chatState().renewals).toBe(0)
  expect(emulator.sessions()).toEqual([])
  expect(emulator.issuedTokens()).toHaveLength(1)
})
