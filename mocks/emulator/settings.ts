/**
 * The emulator's knobs. Where AWS leaves a behaviour unconfirmed (see FIDELITY.md) the
 * documented recommendation is the default and the alternative is one setting away.
 */
export interface EmulatorSettings {
  /**
   * Account id in every ARN the emulator mints (the demo room's stays `123456789012`).
   * @example
   * ```ts
   * emulator.configure({ accountId: '111122223333' })
   * ```
   */
  accountId: string
  /**
   * Region of the rooms created through an endpoint that names none (the Node server, a custom
   * endpoint); through `ivschat.<region>.amazonaws.com` it is the host's. The demo room stays in us-west-2.
   * @example
   * ```ts
   * emulator.configure({ defaultRegion: 'eu-west-1' })
   * ```
   */
  defaultRegion: string
  /**
   * How long a token can be used to connect. Observed ≈ 60 min; older docs said 1 min.
   * @example
   * ```ts
   * emulator.configure({ tokenLifetimeMs: 60_000 })
   * ```
   */
  tokenLifetimeMs: number
  /**
   * How long a review function may take before the room's `fallbackResult` applies (AWS: 200 ms).
   * @example
   * ```ts
   * emulator.configure({ reviewTimeoutMs: 50 })
   * ```
   */
  reviewTimeoutMs: number
  /**
   * What the socket sees when its session ends: `'error-then-close'` sends ERROR 401 (the SDK
   * then reconnects with a fresh token) and closes; `'close'` only closes (the SDK reports
   * `serverDisconnect` and does not reconnect).
   * @example
   * ```ts
   * emulator.configure({ sessionEnd: 'close' })
   * ```
   */
  sessionEnd: 'error-then-close' | 'close'
  /**
   * Delay before every REST answer and every frame the emulator sends, in ms.
   * @example
   * ```ts
   * emulator.configure({ latencyMs: 150 })
   * ```
   */
  latencyMs: number
  /**
   * Entries kept in the frame log; older ones are dropped.
   * @example
   * ```ts
   * emulator.configure({ frameLogLimit: 10_000 })
   * ```
   */
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
