import { StrictMode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { App, type AppProps } from './app/App'
import { createDemoChat } from './app/demo-chat'
import { config } from './config'
import './app/app.css'

// One chat for the page's lifetime, shared by every render below and by the emulator's glue.
const chat = createDemoChat(config)
const root: Root = createRoot(document.getElementById('root')!)
const show = (props: Omit<AppProps, 'chat'> = {}) =>
  root.render(
    <StrictMode>
      <App chat={chat} {...props} />
    </StrictMode>,
  )

// The emulator loads after the first render, off the critical path; in real-service mode
// (VITE_IVSCHAT_MOCKS=off) this branch and the whole emulator are left out of the build.
// Compared with the literal so that the bundler drops the import when mocks are off.
if (import.meta.env.VITE_IVSCHAT_MOCKS !== 'off' && config.mocks) {
  if (window.isSecureContext) {
    show({ backendReady: false })
    import('./mocking')
      .then(({ startEmulator }) => startEmulator(chat.client))
      .then(({ EmulatorPanel }) => show({ EmulatorPanel }))
      .catch(async (error: unknown) => {
        console.error('The in-page IVS Chat emulator failed to start', error)
        const { startupFailedMessage } = await import('./app/startup-messages')
        show({ backendReady: false, startupError: startupFailedMessage(error) })
      })
  } else {
    // Known before the emulator loads: say what to do, rather than "Starting…" and a failure.
    // (The wording is fetched only here: most pages never need it on their first render. Until
    // it arrives, an empty error: no "Starting…".)
    show({ backendReady: false, startupError: '' })
    void import('./app/startup-messages').then(({ insecureOriginMessage }) => show({ backendReady: false, startupError: insecureOriginMessage(window.location.host) }))
  }
} else {
  show()
}
