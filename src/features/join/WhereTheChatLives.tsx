import { config } from '../../config'

/**
 * Where the chat lives, so that nobody expects a second browser to see it. The in-page emulator
 * is per browser profile (its tabs share rooms through a BroadcastChannel relay); other browsers,
 * private windows and other devices each have their own. The cure is the emulator as a server.
 */
export function WhereTheChatLives() {
  if (!config.mocks) {
    return (
      <p className="where-chat-lives hint">
        This demo uses the chat service at <code>{config.controlPlaneUrl ?? config.tokenEndpoint}</code>: every browser and device that
        opens it joins the same rooms.
      </p>
    )
  }
  return (
    <section className="where-chat-lives" aria-label="Where this chat lives">
      <p>
        <strong>This chat lives in this browser.</strong> The IVS Chat emulator runs inside the page, one per browser profile: its tabs
        share it and chat with each other, but another browser, a private window or another device has its own and sees none of this
        chat.
      </p>
      <p>
        To chat across browsers and devices, run the emulator as a server (<code>npm run emulator -- --host 0.0.0.0</code>) and start
        the demo with mocks off pointed at it (<code>VITE_IVSCHAT_MOCKS=off</code> and the server’s token, socket and control-plane
        URLs): see the README, “Run the emulator as a server” and “Configuration”.
      </p>
    </section>
  )
}
