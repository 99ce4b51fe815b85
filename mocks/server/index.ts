/**
 * `ivschat-emulator/server`: the emulator on a real port, for backends in any language, other
 * browsers and phones.
 *
 * @example
 * ```ts
 * import { startEmulatorServer } from 'ivschat-emulator/server'
 *
 * const { url, socketUrl, emulator, close } = await startEmulatorServer({ port: 0 })
 * ```
 */
export { startEmulatorServer, DEFAULT_HOST, DEFAULT_PORT } from './server.ts'
export type { EmulatorServer, EmulatorServerOptions } from './server.ts'
export type { ServerLog } from './log.ts'
export type { ReviewHandlerBindings, ReviewTarget } from './review-bindings.ts'
export { AWS_QUOTAS } from './quotas.ts'
export type { Quotas, QuotaOverrides } from './quotas.ts'
