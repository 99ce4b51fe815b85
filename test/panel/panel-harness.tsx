import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent, { type UserEvent } from '@testing-library/user-event'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { ChatConnection } from '../../mocks/emulator/connection'
import type { SocketTransport } from '../../mocks/emulator/transport'
import { DEMO_ROOM_ARN, emulator, server } from '../../mocks/node'
import { EmulatorPanel } from '../../mocks/panel'
import type { ChatTokenCapability } from '../../mocks/contract/constraints'
import { requestChatToken, type ChatToken } from '../../src/ivschat/request-chat-token'

export const TOKEN_ENDPOINT = 'https://ivschat.us-west-2.amazonaws.com/CreateChatToken'

/** `server` for the whole file; after each test the panel unmounts and the emulator resets. */
export function setupPanelEmulator(): void {
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  afterEach(() => {
    cleanup()
    emulator.reset()
  })
  afterAll(() => server.close())
}

/** Renders the panel and opens it with its toggle, as a user would. */
export async function openPanel(): Promise<{ user: UserEvent; panel: HTMLElement }> {
  const user = userEvent.setup()
  render(<EmulatorPanel emulator={emulator} />)
  await user.click(screen.getByRole('button', { name: 'Emulator panel' }))
  return { user, panel: screen.getByRole('complementary', { name: 'Emulator' }) }
}

/** The panel region named `name` (each section is one). */
export function region(name: string): HTMLElement {
  return screen.getByRole('region', { name })
}

export function inRegion(name: string) {
  return within(region(name))
}

/** A token from the emulated control plane, through the app's own fetch layer. */
export function mintToken(userId: string, options: { roomArn?: string; capabilities?: ChatTokenCapability[]; attributes?: Record<string, string> } = {}): Promise<ChatToken> {
  return requestChatToken(
    {
      roomIdentifier: options.roomArn ?? DEMO_ROOM_ARN,
      userId,
      capabilities: options.capabilities ?? ['SEND_MESSAGE'],
      ...(options.attributes ? { attributes: options.attributes } : {}),
    },
    { endpoint: TOKEN_ENDPOINT },
  )
}

/** A participant connected straight to the chat service, recording what it is sent. */
export interface FakeParticipant {
  connection: ChatConnection
  sent: string[]
  closes: { code: number; reason: string }[]
  failed: () => boolean
}

/** Mints through `server` and connects with a transport that records frames instead of a socket. */
export async function joinDirectly(userId: string, options: Parameters<typeof mintToken>[1] = {}): Promise<FakeParticipant> {
  const { token } = await mintToken(userId, options)
  const sent: string[] = []
  const closes: { code: number; reason: string }[] = []
  let failed = false
  let connection: ChatConnection | undefined
  const transport: SocketTransport = {
    send: (text) => sent.push(text),
    close: (code, reason) => closes.push({ code, reason }),
    // A real socket's close event follows a failure; here nothing else would report it.
    fail: () => {
      failed = true
      if (connection) emulator.chat.disconnected(connection, 'closed: connection lost')
    },
  }
  const result = emulator.chat.connect(token, transport)
  if (!result.ok) throw new Error(`connect refused: ${result.reason}`)
  connection = result.connection
  return { connection, sent, closes, failed: () => failed }
}
