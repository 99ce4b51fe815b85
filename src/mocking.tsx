import type { ComponentType } from 'react'
import { chatState } from './chat/chat-store'

/**
 * Starts the in-page IVS Chat emulator: MSW's service worker for REST and WebSocket
 * interception for the chat socket. The only place the app touches the emulator's code,
 * through a dynamic import, so that real-service builds never load it and the demo's first
 * render does not wait for it.
 */
export async function startEmulator(): Promise<{ EmulatorPanel: ComponentType }> {
  // Over plain http from anywhere but localhost, MSW would fall back to patching fetch, but the
  // emulator's tokens need Web Crypto (`crypto.subtle`, `crypto.randomUUID`), which such a page
  // lacks: every call would fail. Say so at start-up instead.
  if (!window.isSecureContext) {
    throw new Error('this page is not a secure context; open it over https, or from localhost')
  }
  const [{ worker, emulator }, { EmulatorPanel }] = await Promise.all([
    import('../mocks/browser.ts'),
    import('../mocks/panel/index.ts'),
  ])
  await worker.start({
    // Relative to the page, so the demo works from any sub-path of any static host.
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledFrame: 'bypass',
    quiet: true,
  })
  // Handles for DevTools and for browser tests: `ivschatEmulator.faults.failNextSends(1, 429)`,
  // and `ivschatChat()`, the app's chat state as it is now (read it; change it through the app).
  Object.assign(window, { ivschatEmulator: emulator, ivschatChat: chatState })
  return { EmulatorPanel: () => <EmulatorPanel emulator={emulator} /> }
}
