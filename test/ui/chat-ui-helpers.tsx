import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent, { type UserEvent } from '@testing-library/user-event'
import {
  ChatRoom,
  SendMessageRequest,
  type ChatLogger,
  type ChatMessage,
  type DeleteMessageEvent,
  type DisconnectReason,
  type DisconnectUserEvent,
} from 'amazon-ivs-chat-messaging'
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest'
import { DEMO_ROOM_ARN, emulator, server } from '../../mocks/node'
import { App } from '../../src/app/App'
import { createDemoChat } from '../../src/app/demo-chat'
import type { ChatClientOptions } from '../../src/chat/chat-client'
import type { ChatContextValue } from '../../src/chat/react'
import { config } from '../../src/config'
import type { ChatTokenCapability } from '../../mocks/contract/constraints'
import { requestChatToken } from '../../src/ivschat/request-chat-token'
import { postJson } from '../../src/ivschat/rest-client'
import { Room, type CreateRoomRequest, type UpdateRoomRequest } from '../../mocks/contract/rooms'

/** The emulated control plane the app's default chat client talks to. */
export const CONTROL_PLANE = 'https://ivschat.us-west-2.amazonaws.com'
const TOKEN_ENDPOINT = `${CONTROL_PLANE}/CreateChatToken`

const others = new Set<ChatRoom>()
/** The chat of the App this test rendered (a new one per render: nothing carries over). */
let rendered: ChatContextValue | undefined

/** The rendered App's chat: its client and store. */
export function appChat(): ChatContextValue {
  if (!rendered) throw new Error('Render the app first (renderApp)')
  return rendered
}

/**
 * `server` for the whole file; after each test the page unmounts, the saved join is forgotten, the app's client leaves,
 * every other participant disconnects, timers are real again and the emulator returns to
 * its seeded state.
 */
export function setupChatUi(): void {
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  afterEach(async () => {
    cleanup()
    // The join panel remembers the last persona and room: each test starts as a first visit.
    localStorage.clear()
    rendered?.client.leave()
    rendered = undefined
    for (const room of others) if (room.state !== 'disconnected') room.disconnect()
    others.clear()
    try {
      await vi.waitFor(() => expect(emulator.sessions()).toHaveLength(0), { timeout: 2_000, interval: 5 })
    } finally {
      // Only now: closing sockets may still need the timers a test faked. And whatever
      // happened, the next test starts clean.
      vi.useRealTimers()
      server.resetHandlers()
      emulator.reset()
    }
  })
  afterAll(() => server.close())
}

/** Creates a room through the emulated REST API, as any client would. */
export function createRoom(request: CreateRoomRequest): Promise<Room> {
  return postJson(`${CONTROL_PLANE}/CreateRoom`, request, Room)
}

export function updateRoom(request: UpdateRoomRequest): Promise<Room> {
  return postJson(`${CONTROL_PLANE}/UpdateRoom`, request, Room)
}

/** How the join panel's Room list names a room. */
export function roomOption(room: Room): string {
  return room.name ? `${room.name} (${room.id})` : room.id
}

export async function deleteRoom(arn: string): Promise<void> {
  await postJson(`${CONTROL_PLANE}/DeleteRoom`, { identifier: arn }, null)
}

/** What a join through the panel fills in; anything left out keeps the panel's random persona. */
export interface JoinFields {
  userId?: string
  displayName?: string
  color?: string
  badge?: string
  avatar?: string
  /** Each capability's checkbox is set to this; unnamed ones stay checked. */
  capabilities?: Partial<Record<'Send messages' | 'Delete messages' | 'Disconnect users', boolean>>
  duration?: string
  /** A room's option label (its name and id) in the Room list. */
  room?: string
}

/**
 * Fake timers that still move with real time (MSW, the SDK and the emulator keep working),
 * so a test can also jump ahead. `Date` is faked too, and the emulator's clock follows it.
 */
export function useAdvancingFakeTimers(): { advanceTimers: (ms: number) => unknown } {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  return { advanceTimers: (ms) => vi.advanceTimersByTime(ms) }
}

export interface RenderOptions {
  advanceTimers?: (ms: number) => unknown
  /** Options for the app's chat client (a short backoff, a page clock that is off). */
  client?: Partial<ChatClientOptions>
}

/** Renders the app and waits for the room list, so the join panel is ready to use. */
export async function renderApp(options: RenderOptions = {}): Promise<UserEvent> {
  const user = userEvent.setup(options.advanceTimers ? { advanceTimers: options.advanceTimers } : {})
  rendered = createDemoChat(config, options.client)
  render(<App chat={rendered} />)
  await screen.findByRole('combobox', { name: 'Room' })
  return user
}

/** Fills the join panel as a user would, without pressing Join. */
export async function fillJoinPanel(user: UserEvent, fields: JoinFields): Promise<void> {
  const replace = async (name: string, value: string | undefined, role: 'textbox' | 'combobox' = 'textbox') => {
    if (value === undefined) return
    const input = screen.getByRole(role, { name })
    await user.clear(input)
    // Pasting is one event: long values (the 1 KB budget) stay fast.
    if (value !== '') {
      await user.click(input)
      await user.paste(value)
    }
  }
  await replace('User ID', fields.userId)
  await replace('Display name', fields.displayName)
  // A text field with suggestions (a datalist) is a combobox.
  await replace('Badge', fields.badge, 'combobox')
  await replace('Avatar URL', fields.avatar)
  if (fields.color !== undefined) {
    // A native color picker cannot be typed into; its value changes as a whole.
    fireEvent.input(screen.getByLabelText('Color'), { target: { value: fields.color } })
  }
  for (const [name, checked] of Object.entries(fields.capabilities ?? {})) {
    const box = screen.getByRole('checkbox', { name })
    if ((box as HTMLInputElement).checked !== checked) await user.click(box)
  }
  if (fields.duration !== undefined) {
    const duration = screen.getByRole('spinbutton', { name: 'Session duration (minutes)' })
    await user.clear(duration)
    if (fields.duration !== '') await user.type(duration, fields.duration)
  }
  if (fields.room !== undefined) {
    await user.selectOptions(screen.getByRole('combobox', { name: 'Room' }), screen.getByRole('option', { name: fields.room }))
  }
}

/** Renders the app, joins with `fields` and waits until the status says Connected. */
export async function joinThroughPanel(fields: JoinFields = {}, options: RenderOptions = {}): Promise<UserEvent> {
  const user = await renderApp(options)
  await fillJoinPanel(user, fields)
  await user.click(screen.getByRole('button', { name: 'Join' }))
  await vi.waitFor(() => expect(screen.getByRole('status').textContent).toBe('Connected'), { timeout: 3_000, interval: 5 })
  return user
}

/** The message log and its rows. */
export function messageLog(): HTMLElement {
  return screen.getByRole('log', { name: 'Messages' })
}

/** The one row of the log whose text contains `text`. */
export function rowWith(text: string): HTMLElement {
  const rows = within(messageLog())
    .queryAllByRole('listitem')
    .filter((row) => row.textContent?.includes(text))
  if (rows.length !== 1) throw new Error(`Expected one message row containing ${JSON.stringify(text)}, found ${rows.length}`)
  return rows[0]!
}

/** The element an `aria-describedby` points at, joined: what a screen reader reads after the name. */
export function descriptionOf(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
}

/** Waits (real time, polling) until `check` stops throwing. */
export function eventually(check: () => void, timeout = 3_000): Promise<void> {
  return vi.waitFor(check, { timeout, interval: 5 })
}

/** A logger that keeps the SDK's output out of the console (ERROR frames arrive through `error`). */
class QuietLogger implements ChatLogger {
  readonly errors: string[] = []
  debug(): void {}
  info(): void {}
  error(message: string): void {
    this.errors.push(message)
  }
}

/** Another person in the room: AWS's `ChatRoom` with a token of its own, and what it saw. */
export interface OtherParticipant {
  userId: string
  room: ChatRoom
  messages: ChatMessage[]
  deletes: DeleteMessageEvent[]
  userDisconnects: DisconnectUserEvent[]
  disconnects: DisconnectReason[]
  /** Sends a message and resolves with the server's echo. */
  say: (content: string) => Promise<ChatMessage>
}

export interface OtherOptions {
  userId: string
  attributes?: Record<string, string>
  capabilities?: ChatTokenCapability[]
  roomArn?: string
}

/** Connects another participant through the real SDK; resolves once it is connected. */
export async function otherParticipant(options: OtherOptions): Promise<OtherParticipant> {
  const room = new ChatRoom({
    regionOrUrl: 'us-west-2',
    tokenProvider: () =>
      requestChatToken(
        {
          roomIdentifier: options.roomArn ?? DEMO_ROOM_ARN,
          userId: options.userId,
          capabilities: options.capabilities ?? ['SEND_MESSAGE'],
          ...(options.attributes ? { attributes: options.attributes } : {}),
        },
        { endpoint: TOKEN_ENDPOINT },
      ),
  })
  room.logger = new QuietLogger()
  room.logLevel = 'error'
  others.add(room)
  const other: OtherParticipant = {
    userId: options.userId,
    room,
    messages: [],
    deletes: [],
    userDisconnects: [],
    disconnects: [],
    say: (content) => room.sendMessage(new SendMessageRequest(content)),
  }
  room.addListener('message', (message) => other.messages.push(message))
  room.addListener('messageDelete', (event) => other.deletes.push(event))
  room.addListener('userDisconnect', (event) => other.userDisconnects.push(event))
  room.addListener('disconnect', (reason) => other.disconnects.push(reason))
  const connected = new Promise<void>((resolve) => {
    const stop = room.addListener('connect', () => {
      stop()
      resolve()
    })
  })
  room.connect()
  await connected
  return other
}
