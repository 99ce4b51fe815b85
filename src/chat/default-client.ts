import { config } from '../config'
import { ChatClient } from './chat-client'

/** The app's chat client, configured from the environment (see config.ts). */
export const chatClient = new ChatClient({
  regionOrUrl: config.regionOrUrl,
  tokenEndpoint: config.tokenEndpoint,
  debug: import.meta.env.VITE_IVSCHAT_DEBUG === 'true',
})
