import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { DEMO_ROOM_ARN, emulator, worker } from '../../mocks/browser'
import { createDemoChat } from '../../src/app/demo-chat'
import { ChatProvider } from '../../src/chat/react'
import { config } from '../../src/config'
import '../../src/app/app.css'
import { NaiveList } from './naive-list'

/**
 * The naive control's page: the app's emulator, chat client and store, rendered by
 * `NaiveList` in the app's layout. The runner joins through `window.benchNaive`.
 */
await worker.start({ serviceWorker: { url: './mockServiceWorker.js' }, onUnhandledFrame: 'bypass', quiet: true })

const chat = createDemoChat(config)
const chatClient = chat.client

const naive = {
  join: (userId: string) =>
    chatClient.join({ roomIdentifier: DEMO_ROOM_ARN, userId, capabilities: ['SEND_MESSAGE'], attributes: { displayName: 'Bench reader' } }),
  leave: () => {
    chatClient.reset()
  },
  status: () => chatClient.store.getState().status,
}
export type BenchNaive = typeof naive

// The same handles as the app's page (src/mocking.tsx).
Object.assign(window, { ivschatEmulator: emulator, ivschatChat: () => chatClient.store.getState(), benchNaive: naive })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <div className="app">
      <div className="app-body">
        <main className="app-main">
          <section className="chat-view card" aria-label="Chat">
            <ChatProvider value={chat}>
              <NaiveList />
            </ChatProvider>
          </section>
        </main>
      </div>
    </div>
  </StrictMode>,
)
