import type { ChatTokenCapability } from '../contract/constraints.ts'

/** Who a simulated chatter is: what its token would carry. */
export interface SimulatedPersona {
  userId: string
  capabilities: ChatTokenCapability[]
  /**
   * The attributes the demo's join panel puts in a token: `displayName`, `color` (a hex value)
   * and `badges` (a comma list, omitted when there are none). No `avatar`: the app loads only
   * https avatars and the emulator must not make the demo fetch from hosts it does not own.
   */
  attributes: Record<string, string>
}

function persona(userId: string, displayName: string, color: string, badges: string[] = [], moderator = false): SimulatedPersona {
  return {
    userId,
    capabilities: moderator ? ['SEND_MESSAGE', 'DELETE_MESSAGE', 'DISCONNECT_USER'] : ['SEND_MESSAGE'],
    attributes: { displayName, color, ...(badges.length > 0 ? { badges: badges.join(',') } : {}) },
  }
}

/**
 * The cast, in the order they join. The `sim-` prefix keeps them apart from people's user ids
 * and makes them easy to spot in the frame log. Colors range from light to dark on purpose:
 * the app must adjust both for contrast in either theme.
 */
export const SIMULATED_PERSONAS: readonly SimulatedPersona[] = [
  persona('sim-ada', 'Ada', '#e4572e', ['moderator'], true),
  persona('sim-kenji', 'Kenji', '#2e86ab', ['subscriber']),
  persona('sim-noor', 'Noor', '#9b5de5', ['vip', 'subscriber']),
  persona('sim-lucas', 'Lucas', '#2a9d8f'),
  persona('sim-mia', 'Mia', '#f4d35e', ['subscriber']),
  persona('sim-tomasz', 'Tomasz', '#1d3557'),
  persona('sim-aiyana', 'Aiyana', '#f15bb5', ['vip']),
  persona('sim-sol', 'Sol', '#8ac926', ['subscriber']),
]

/** Short, plausible lines for a live-stream chat, with a few emoji and non-Latin scripts. */
export const SIMULATED_LINES: readonly string[] = [
  'hi everyone 👋',
  'just joined, what did I miss?',
  'this is so smooth',
  'lol',
  'GG',
  'can you show that again?',
  'audio is perfect today',
  'first time here, love it',
  'which region is this running in?',
  'that countdown is neat',
  'brb, coffee ☕',
  'back!',
  'anyone else testing the rate limit? 😅',
  'nice one',
  'hello from Lisbon',
  'こんにちは！',
  'مرحبا بالجميع',
  'how long is the session?',
  'my token just renewed, no hiccup',
  'W',
  '+1',
  'is there a replay later?',
  'the dark theme looks great',
  'what camera is that?',
  'clip it!',
  '🔥🔥🔥',
  'greetings from São Paulo',
  'ok that was impressive',
  'does the chat keep history?',
  'see you all tomorrow',
]
