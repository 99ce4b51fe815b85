import { http, HttpResponse, ws } from 'msw'
import { setupWorker } from 'msw/browser'
import { DEMO_ROOM_ARN, Emulator } from '../../mocks/emulator/emulator'
import { createHandlers } from '../../mocks/handlers'
import { requestChatToken } from '../../src/ivschat/request-chat-token'

/**
 * The baselines that need a handler of their own next to the emulator's, in one worker and
 * one page: a no-op HTTP handler (the token figure's baseline) and a bare `ws` echo whose
 * answer is appended to a plain list (the latency figure's baseline). The emulator and the
 * app's fetch layer are the same code the app runs.
 */
const NOOP_URL = 'https://bench.invalid/noop'
const ECHO_URL = 'wss://bench.invalid/echo'
const TOKEN_ENDPOINT = 'https://ivschat.us-west-2.amazonaws.com/CreateChatToken'
const REQUEST = {
  roomIdentifier: DEMO_ROOM_ARN,
  userId: 'bench-user',
  capabilities: ['SEND_MESSAGE' as const],
  attributes: { displayName: 'Bench user', color: '#1f77b4', badges: 'moderator' },
}

const emulator = new Emulator()
const echo = ws.link(ECHO_URL)
const worker = setupWorker(
  ...createHandlers(emulator),
  http.post(NOOP_URL, () => HttpResponse.json({ ok: true })),
  echo.addEventListener('connection', ({ client }) => {
    client.addEventListener('message', (event) => client.send(event.data))
  }),
)
await worker.start({ serviceWorker: { url: './mockServiceWorker.js' }, onUnhandledFrame: 'error', quiet: true })

/** Frames at the display's rate, as in the app's page (the probe runs the same loop there). */
function keepFramesComing(): void {
  const loop = () => requestAnimationFrame(loop)
  requestAnimationFrame(loop)
}

let socket: WebSocket | undefined
const echoes = document.getElementById('echoes')!

const harness = {
  /** CreateChatToken through the app's fetch layer and the emulator (mint), then the token opened (decrypt): ms. */
  async token(): Promise<number> {
    const start = performance.now()
    const { token } = await requestChatToken(REQUEST, { endpoint: TOKEN_ENDPOINT })
    await emulator.tokens.open(token)
    return performance.now() - start
  },
  /** The same request body to a handler that answers `{"ok":true}`: ms. */
  async noop(): Promise<number> {
    const start = performance.now()
    const response = await fetch(NOOP_URL, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(REQUEST) })
    await response.json()
    return performance.now() - start
  },
  async openEcho(): Promise<void> {
    keepFramesComing()
    socket = new WebSocket(ECHO_URL)
    await new Promise((resolve) => socket!.addEventListener('open', resolve, { once: true }))
  },
  /** A frame to the bare echo, its answer appended to a list, until the frame that renders it starts: ms. */
  async echoToPaint(text: string): Promise<number> {
    // From a random point of the frame, as a message typed by a person would be.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 17))
    const start = performance.now()
    return new Promise((resolve) => {
      socket!.addEventListener(
        'message',
        (event) => {
          const item = document.createElement('li')
          item.textContent = String(event.data)
          echoes.append(item)
          requestAnimationFrame(() => resolve(performance.now() - start))
        },
        { once: true },
      )
      socket!.send(text)
    })
  },
}
export type BenchHarness = typeof harness

Object.assign(window, { benchHarness: harness })
