import { StrictMode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { App } from './app/App'
import { createDemoChat } from './app/demo-chat'
import { insecureOriginMessage, startupFailedMessage } from './app/startup-messages'
import { config } from './config'
import './app/app.css'

// One chat for the page's lifetime, shared by every render below and by the emulator's glue.
const chat = createDemoChat(config)
const root: Root = createRoot(document.getElementById('root')!)

// The emulator loads after the first render, off the critical path; in real-service mode
// (VITE_IVSCHAT_MOCKS=off) this branch and the whole emulator are left out of the build.
// Compared with the literal so that the bundler drops the import when mocks are off.
if (import.meta.env.VITE_IVSCHAT_MOCKS !== 'off' && config.mocks) {
  if (window.isSecureContext) {
    root.render(
      <StrictMode>
        <App chat={chat} backendReady={false} />
      </StrictMode>,
    )
    import('./mocking')
      .then(({ startEmulator }) => startEmulator(chat.client))
      .then(({ EmulatorPanel }) =>
        root.render(
          <StrictMode>
            <App chat={chat} EmulatorPanel={EmulatorPanel} />
          </StrictMode>,
        ),
      )
      .catch((error: unknown) => {
        console.error('The in-page IVS Chat emulator failed to start', error)
        root.render(
          <StrictMode>
            <App chat={chat} backendReady={false} startupError={startupFailedMessage(error)} />
          </StrictMode>,
        )
      })
  } else {
    // Known before anything loads: say what to do at once, rather than "Starting…" and a failure.
    root.render(
      <StrictMode>
        <App chat={chat} backendReady={false} startupError={insecureOriginMessage(window.location.host)} />
      </StrictMode>,
    )
  }
} else {
  root.render(
    <StrictMode>
      <App chat={chat} />
    </StrictMode>,
  )
}
