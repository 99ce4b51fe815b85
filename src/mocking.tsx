import type { ComponentType } from 'react'
import { emulator, worker } from '../mocks/browser.ts'
import type { ChatClient } from './chat/chat-client'
import { followServiceClock } from './chat/follow-service-clock'

/**
 * Starts the in-page IVS Chat emulator: MSW's service worker for REST and WebSocket
 * interception for the chat socket. The only place the app touches the emulator's code,
 * through a dynamic import, so that real-service builds never load it and the demo's first
 * render does not wait for it. `chat` is the demo's client: browser tests read its state here,
 * and it hears of the emulator's clock moving (the panel's Advance time sends no frame).
 */
export async function startEmulator(chat: ChatClient): Promise<{ EmulatorPanel: ComponentType }> {
  // Over plain http from anywhere but localhost, MSW would fall back to patching fetch, but the
  // emulator's tokens need Web Crypto (`crypto.subtle`, `crypto.randomUUID`), which such a page
  // lacks: every call would fail. Say so at start-up instead.
  // main.tsx checks first and says what to do; this guards any other caller.
  if (!window.isSecureContext) {
    throw new Error('this page is not a secure context: open it over https, or from localhost')
  }
  // The panel is not needed to answer the app: it loads while the worker starts. The emulator
  // and MSW are static imports of this module, so that the app's one `import()` of it fetches
  // them all at once (Vite preloads a dynamic import's static dependencies), instead of one
  // round trip for this module and another for what it imports.
  const panel = import('../mocks/panel/index.ts')
  await worker.start({
    // Relative to the page, so the demo works from any sub-path of any static host.
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledFrame: 'bypass',
    quiet: true,
  })
  followServiceClock(emulator, chat)
  // Handles for DevTools and for browser tests: `ivschatEmulator.faults.failNextSends(1, 429)`,
  // and `ivschatChat()`, the demo's chat state as it is now (read it; change it through the app).
  Object.assign(window, { ivschatEmulator: emulator, ivschatChat: () => chat.store.getState() })
  const { EmulatorPanel } = await panel
  return { EmulatorPanel: () => <EmulatorPanel emulator={emulator} /> }
}
