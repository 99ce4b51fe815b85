import { Suspense, useEffect, useState, type ComponentType } from 'react'
import { ConnectionStatus } from '../features/chat/ConnectionStatus'
import { JoinPanel } from '../features/join/JoinPanel'
import { ChatProvider, useChat, type ChatContextValue } from '../chat/react'
import { config } from '../config'
import { createDemoChat } from './demo-chat'
import { preloadedLazy } from '../lib/preloaded-lazy'

/**
 * The chat view (with its virtualized list) is not needed to draw the join panel, so it is not
 * on the first render's critical path: its chunk starts loading with the app and is long there
 * by the time a token has been issued. A join waits for it, so that the chat view is there the
moment the room is (see preloadedLazy).
 */
const chatView = preloadedLazy(() => import('../features/chat/ChatView').then((module) => module.ChatView))
const ChatView = chatView.Component

/** The demo: join a room, chat, and (with the emulator) the developer panel beside it. */
export interface AppProps {
  /**
   * The chat this page shows (main.tsx makes one and hands it to the emulator's glue too).
   * Without it the App makes its own from the configuration, and leaves it on unmount.
   */
  chat?: ChatContextValue | undefined
  /** The in-page emulator's panel, once the emulator runs. */
  EmulatorPanel?: ComponentType | undefined
  /** False while the in-page emulator starts: nothing may reach the network before it does. */
  backendReady?: boolean
  /** Why the in-page emulator could not start. */
  startupError?: string | undefined
}

export function App({ chat, ...props }: AppProps) {
  // The first chat stays for the App's lifetime: a new one would drop the room.
  const [{ value, owned }] = useState(() => (chat ? { value: chat, owned: false } : { value: createDemoChat(config), owned: true }))
  useEffect(() => (owned ? () => value.client.leave() : undefined), [owned, value])
  return (
    <ChatProvider value={value}>
      <Demo {...props} />
    </ChatProvider>
  )
}

function Demo({ EmulatorPanel, backendReady = true, startupError }: Omit<AppProps, 'chat'>) {
  // The join panel stays while its token is requested (it shows "Joining…"): a refused request
  // must come back to the fields as the user filled them, with the error next to the culprit.
  const joined = useChat((state) => state.status !== 'idle' && state.tokenExpiresAt !== undefined)
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <h1>IVS Chat</h1>
          <span className="mode">{config.mocks ? 'Emulated in your browser' : 'Amazon IVS Chat'}</span>
        </div>
        <ConnectionStatus />
      </header>
      <div className="app-body">
        <main className="app-main">
          {startupError && (
            <p className="form-error" role="alert">
              {startupError}
            </p>
          )}
          {joined ? (
            <Suspense fallback={<p className="hint">Opening the room…</p>}>
              <ChatView />
            </Suspense>
          ) : (
            <JoinPanel backendReady={backendReady} backendFailed={startupError !== undefined} beforeJoin={() => chatView.ready} />
          )}
        </main>
        {EmulatorPanel && <EmulatorPanel />}
      </div>
    </div>
  )
}
