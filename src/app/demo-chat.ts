import { ChatClient, type ChatClientOptions } from '../chat/chat-client'
import type { ChatContextValue } from '../chat/react'
import { createRoomsApi } from '../chat/rooms-api'
import type { AppConfig } from '../config'

/**
 * The demo's chat, configured from the environment (see config.ts): one per App. `overrides`
 * replace client options (a test's backoff, or a clock that is off).
 */
export function createDemoChat(config: AppConfig, overrides: Partial<ChatClientOptions> = {}): ChatContextValue {
  return {
    client: new ChatClient({ regionOrUrl: config.regionOrUrl, tokenEndpoint: config.tokenEndpoint, ...(config.debug ? { debug: true } : {}), ...overrides }),
    rooms: config.controlPlaneUrl ? createRoomsApi(config.controlPlaneUrl) : undefined,
    defaultRoomArn: config.defaultRoomArn,
  }
}
