import { utf8ByteLength } from '../contract/text.ts'
import { CHAT_ERROR_CODES, CLIENT_ACTIONS, ClientAction, type ChatErrorCode } from '../contract/frames.ts'
import { ensureEnglishIssueMessages } from './zod-messages.ts'

/** Frames larger than this are answered with 413 without being parsed. */
export const MAX_FRAME_BYTES = 64 * 1024
/**
 * The longest `RequestId` a frame may carry, in characters. AWS documents no limit; its chat
 * SDKs send a UUID (36 characters). A MESSAGE echoes the RequestId to every member of the room,
 * so an unbounded one multiplies whatever a sender writes by the room's size; 128 (the model's
 * bound for the other identifiers a client names, `userId` and `roomIdentifier`) leaves room
 * for a client's own ids. Longer is an ERROR 400 that echoes no RequestId (FIDELITY.md).
 */
export const REQUEST_ID_MAX_LENGTH = 128
const LEADING_REQUEST_ID = new RegExp(`"RequestId"\\s*:\\s*"([\\w-]{1,${REQUEST_ID_MAX_LENGTH}})"`)
/** How much of an oversized frame the frame log keeps. */
const FRAME_PREVIEW_LENGTH = 200

/**
 * A frame from a client, read: either an action to carry out, or the ERROR to answer with.
 * Either way `logText` is what the frame log shows and `requestId` is what the answer echoes,
 * so that the SDK's pending promise settles instead of hanging.
 */
export type ClientFrame =
  | { ok: true; action: ClientAction; requestId: string; logText: string }
  | { ok: false; errorCode: ChatErrorCode; errorMessage: string; requestId: string; logText: string }

/** Reads a socket frame as IVS Chat would: JSON text, one of the three actions, within 64 KiB. */
export function readClientFrame(data: unknown): ClientFrame {
  if (typeof data !== 'string') {
    return refuse(CHAT_ERROR_CODES.badRequest, 'Binary frames are not supported; send JSON text', '', '<binary frame>')
  }
  if (exceedsFrameLimit(data)) {
    // Logged as a preview: the log holds a thousand frames, not a thousand huge ones. The
    // RequestId is read from the start of the frame (where the SDK writes it) without
    // parsing the rest.
    const preview = `${data.slice(0, FRAME_PREVIEW_LENGTH)}… (${data.length} characters)`
    return refuse(CHAT_ERROR_CODES.payloadTooLarge, `Frame larger than ${MAX_FRAME_BYTES} bytes`, requestIdNearStart(data), preview)
  }
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    return refuse(CHAT_ERROR_CODES.badRequest, 'The frame is not valid JSON', '', data)
  }
  const requestId = requestIdOf(json)
  if (requestId.length > REQUEST_ID_MAX_LENGTH) {
    const errorMessage = `RequestId must be at most ${REQUEST_ID_MAX_LENGTH} characters, not ${requestId.length}`
    return refuse(CHAT_ERROR_CODES.badRequest, errorMessage, '', data)
  }
  ensureEnglishIssueMessages()
  const parsed = ClientAction.safeParse(json)
  if (!parsed.success) return refuse(CHAT_ERROR_CODES.badRequest, describeBadAction(json, parsed.error.issues), requestId, data)
  return { ok: true, action: parsed.data, requestId, logText: data }
}

function refuse(errorCode: ChatErrorCode, errorMessage: string, requestId: string, logText: string): ClientFrame {
  return { ok: false, errorCode, errorMessage, requestId, logText }
}

function requestIdOf(json: unknown): string {
  if (typeof json === 'object' && json !== null && 'RequestId' in json && typeof json.RequestId === 'string') {
    return json.RequestId
  }
  return ''
}

/**
 * Whether `data` is over `MAX_FRAME_BYTES` of UTF-8. A UTF-16 code unit is 1 to 3 bytes, so the
 * character count settles most frames; only the ones in between are encoded to be counted.
 */
function exceedsFrameLimit(data: string): boolean {
  if (data.length > MAX_FRAME_BYTES) return true
  if (data.length * 3 <= MAX_FRAME_BYTES) return false
  return utf8ByteLength(data) > MAX_FRAME_BYTES
}

/** The `RequestId` of a frame too large to parse, if it is near the start as the SDK writes it. */
function requestIdNearStart(data: string): string {
  return LEADING_REQUEST_ID.exec(data.slice(0, 512))?.[1] ?? ''
}

/** A parsed value as JSON, or what it is when it nests deeper than `JSON.stringify` can recurse. */
function shownValue(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch {
    return Array.isArray(value) ? '(an array nested too deeply to show)' : '(an object nested too deeply to show)'
  }
}

function describeBadAction(json: unknown, issues: readonly { path: PropertyKey[]; message: string }[]): string {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'The frame must be a JSON object'
  const action = (json as Record<string, unknown>).Action
  if (typeof action !== 'string' || !(CLIENT_ACTIONS as readonly string[]).includes(action)) {
    return `Unknown Action ${shownValue(action ?? null)}; expected one of ${CLIENT_ACTIONS.join(', ')}`
  }
  const issue = issues[0]
  const field = issue?.path.map(String).join('.') || 'frame'
  return `Invalid ${action} request: ${field} ${issue?.message ?? 'is invalid'}`
}
