import { CreateChatTokenRequest, CreateChatTokenResponse } from '../../mocks/contract/chat-token'
import { config } from '../config'
import { postJson, type CallOptions } from './rest-client'

/** A chat token as the app uses it: expiry times as `Date`s, straight from the response. */
export interface ChatToken {
  token: string
  tokenExpirationTime: Date
  sessionExpirationTime: Date
}

export interface RequestChatTokenOptions extends CallOptions {
  /**
   * Where to POST the CreateChatToken body. Defaults to the configured token endpoint
   * (`VITE_IVSCHAT_TOKEN_ENDPOINT`, else the emulated region endpoint); in production, the
   * app's own token backend, which must accept the same body.
   */
  endpoint?: string
}

/**
 * Requests a chat token. The app never decodes the token: its expiry times come from the
 * response. Throws `RestCallError` with a typed `failure` on any problem.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_CreateChatToken.html
 */
export async function requestChatToken(request: CreateChatTokenRequest, options: RequestChatTokenOptions = {}): Promise<ChatToken> {
  const response = await postJson(options.endpoint ?? config.tokenEndpoint, request, CreateChatTokenResponse, options)
  return {
    token: response.token,
    tokenExpirationTime: new Date(response.tokenExpirationTime),
    sessionExpirationTime: new Date(response.sessionExpirationTime),
  }
}
