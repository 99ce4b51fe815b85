import { ChatClient } from '../chat/chat-client'
import type { ChatContextValue } from '../chat/react'
import { createRoomsApi } from '../chat/rooms-api'
import type { AppConfig } from '../config'

/** The demo's chat, configured from the environment (see config.ts): one per App. */
export function createDemoChat(config: AppConfig): ChatContextValue {
  return {
    client: new ChatClient({ regionOrUrl: config.regionOrUrl, tokenEndpoint: config.tokenEndpoint, ...(config.debug ? { debug: true } : {}) }),
    rooms: config.controlPlaneUrl ? createRoomsApi(config.controlPlaneUrl) : undefined,
    defaultRoomArn: config.defaultRoomArn,
  }
}
