/**
 * The emulator's knobs. Where AWS leaves a behaviour unconfirmed (see FIDELITY.md) the
 * documented recommendation is the default and the alternative is one setting away.
 */
export interface EmulatorSettings {
  /** Account id in every ARN the emulator mints. */
  accountId: string
  /** Region of the seeded room and of calls whose endpoint names none. */
  defaultRegion: string
  /** How long a token can be used to connect. Observed ≈ 60 min; older docs said 1 min. */
  tokenLifetimeMs: number
  /** How long a review function may take before the room's `fallbackResult` applies (AWS: 200 ms). */
  reviewTimeoutMs: number
  /**
   * What the socket sees when its session ends: `'error-then-close'` sends ERROR 401 (the SDK
   * then reconnects with a fresh token) and closes; `'close'` only closes (the SDK reports
   * `serverDisconnect` and does not reconnect).
   */
  sessionEnd: 'error-then-close' | 'close'
  /** Delay before every REST answer and every frame the emulator sends, in ms. */
  latencyMs: number
  /** Entries kept in the frame log; older ones are dropped. */
  frameLogLimit: number
}

export const DEFAULT_SETTINGS: EmulatorSettings = {
  accountId: '123456789012',
  defaultRegion: 'us-west-2',
  tokenLifetimeMs: 60 * 60_000,
  reviewTimeoutMs: 200,
  sessionEnd: 'error-then-close',
  latencyMs: 0,
  frameLogLimit: 1_000,
}
