import { z } from 'zod/mini'
import { stringMap } from './string-map.ts'

/**
 * The chat WebSocket's frames (PascalCase JSON), client→server actions and server→client
 * MESSAGE / EVENT / ERROR. The server schemas are what `amazon-ivs-chat-messaging` accepts:
 * it silently drops a frame that does not match (and the caller's promise then never settles),
 * so the emulator checks every frame against them before sending.
 * @see https://docs.aws.amazon.com/ivs/latest/chatmsgapireference/welcome.html
 */

const StringMap = stringMap(z.string(), z.string())
/** `SendTime`: an RFC 3339 string; the SDK drops a numeric one. */
const SendTime = z.iso.datetime({ offset: true, precision: undefined })
const FrameId = z.string().check(z.minLength(1))

// ---- client → server -------------------------------------------------------

export const SendMessageAction = z.object({
  Action: z.literal('SEND_MESSAGE'),
  RequestId: z.optional(z.string()),
  Content: z.string(),
  Attributes: z.optional(StringMap),
})
export const DeleteMessageAction = z.object({
  Action: z.literal('DELETE_MESSAGE'),
  RequestId: z.optional(z.string()),
  Id: z.string().check(z.minLength(1)),
  Reason: z.optional(z.string()),
})
export const DisconnectUserAction = z.object({
  Action: z.literal('DISCONNECT_USER'),
  RequestId: z.optional(z.string()),
  UserId: z.string().check(z.minLength(1)),
  Reason: z.optional(z.string()),
})
export const ClientAction = z.discriminatedUnion('Action', [SendMessageAction, DeleteMessageAction, DisconnectUserAction])
export type ClientAction = z.infer<typeof ClientAction>
export type SendMessageAction = z.infer<typeof SendMessageAction>
export type DeleteMessageAction = z.infer<typeof DeleteMessageAction>
export type DisconnectUserAction = z.infer<typeof DisconnectUserAction>
export const CLIENT_ACTIONS = ['SEND_MESSAGE', 'DELETE_MESSAGE', 'DISCONNECT_USER'] as const

// ---- server → client -------------------------------------------------------

export const MessageFrame = z.object({
  Type: z.literal('MESSAGE'),
  Id: FrameId,
  RequestId: z.string(),
  Content: z.string(),
  Attributes: z.nullable(StringMap),
  SendTime: SendTime,
  Sender: z.object({ UserId: z.string(), Attributes: StringMap }),
})
export type MessageFrame = z.infer<typeof MessageFrame>

export const EventFrame = z.object({
  Type: z.literal('EVENT'),
  Id: FrameId,
  RequestId: z.string(),
  EventName: z.string().check(z.minLength(1)),
  Attributes: StringMap,
  SendTime: SendTime,
})
export type EventFrame = z.infer<typeof EventFrame>

/** The SDK rejects the pending request with `{errorCode, errorMessage}`; `Id` is required or it hangs. */
export const ErrorFrame = z.object({
  Type: z.literal('ERROR'),
  Id: FrameId,
  RequestId: z.string(),
  ErrorCode: z.int(),
  ErrorMessage: z.string(),
})
export type ErrorFrame = z.infer<typeof ErrorFrame>

export const ServerFrame = z.discriminatedUnion('Type', [MessageFrame, EventFrame, ErrorFrame])
export type ServerFrame = z.infer<typeof ServerFrame>

/** The system events IVS Chat itself sends. */
export const SYSTEM_EVENTS = {
  deleteMessage: 'aws:DELETE_MESSAGE',
  disconnectUser: 'aws:DISCONNECT_USER',
} as const

/** `ErrorCode`s of the Chat Messaging API (the same numbers as the SDK's `chatErrorCodes`). */
export const CHAT_ERROR_CODES = {
  badRequest: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  notAcceptable: 406,
  payloadTooLarge: 413,
  tooManyRequests: 429,
  internalServerError: 500,
} as const
export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[keyof typeof CHAT_ERROR_CODES]
