/**
 * What the page says when the in-page emulator cannot run: one message that says why and what
 * to do, in place of a join panel that waits for it forever.
 */

/**
 * Over plain http from anywhere but localhost the page is not a secure context: the browser
 * gives it neither service workers nor Web Crypto, and the emulator needs both.
 */
export function insecureOriginMessage(host: string): string {
  return (
    `This page is open over plain http from ${host}, which browsers do not treat as secure, so the in-page IVS Chat emulator cannot run here. ` +
    'Open the demo from localhost on this machine or over https; or, to chat from other devices, run the emulator as a server ' +
    '(npm run emulator -- --host 0.0.0.0) and the demo with mocks off, pointed at it (README, “Run the emulator as a server”).'
  )
}

/** Any other start-up failure (a browser that blocks service workers, a failed download). */
export function startupFailedMessage(error: unknown): string {
  const why = error instanceof Error ? error.message : String(error)
  return (
    `The in-page IVS Chat emulator could not start: ${why}. This browser may block service workers on this page (some private ` +
    'windows and privacy settings do): try another browser, or run the emulator as a server (README, “Run the emulator as a server”).'
  )
}
