import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { DEMO_ROOM_ARN, emulator, worker } from '../../mocks/browser'
import { chatReset, chatState } from '../../src/chat/chat-store'
import { chatClient } from '../../src/chat/default-client'
import '../../src/app/app.css'
import { NaiveList } from './naive-list'

/**
 * The naive control's page: the app's emulator, chat client and store, rendered by
 * `NaiveList` in the app's layout. The runner joins through `window.benchNaive`.
 */
await worker.start({ serviceWorker: { url: './mockServiceWorker.js' }, onUnhandledFrame: 'bypass', quiet: true })

const naive = {
  join: (userId: string) =>
    chatClient.join({ roomIdentifier: DEMO_ROOM_ARN, userId, capabilities: ['SEND_MESSAGE'], attributes: { displayName: 'Bench reader' } }),
  leave: () => {
    chatClient.leave()
    chatReset()
  },
  status: () => chatState().status,
}
export type BenchNaive = typeof naive

// The same handles as the app's page (src/mocking.tsx).
Object.assign(window, { ivschatEmulator: emulator, ivschatChat: chatState, benchNaive: naive })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <div className="app">
      <div className="app-body">
        <main className="app-main">
          <section className="chat-view card" aria-label="Chat">
            <NaiveList />
          </section>
        </main>
      </div>
    </div>
  </StrictMode>,
)
