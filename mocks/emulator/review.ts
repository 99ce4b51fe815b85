import type { MessageReviewHandler } from '../contract/rooms.ts'

/**
 * The message review handler. On AWS it is a Lambda named by the room's
 * `messageReviewHandler.uri`; here it is a function standing in for it: set on the room from
 * code or from the demo's panel, or bound to the Lambda's ARN (`ReviewLambdas`, the server's
 * `--review-handler`), called with the payload AWS sends the Lambda.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatUserGuide/chat-message-review-handler.html
 */
export interface ReviewRequest {
  Content: string
  MessageId: string
  RoomArn: string
  Attributes: Record<string, string>
  Sender: { UserId: string; Attributes: Record<string, string>; Ip: string }
}

export interface ReviewResponse {
  ReviewResult: 'ALLOW' | 'DENY'
  /** With ALLOW: the content delivered instead of the original. */
  Content?: string
  /** With ALLOW: the attributes delivered; with DENY, a `Reason` here reaches the sender. */
  Attributes?: Record<string, string>
}

export type ReviewFunction = (request: ReviewRequest) => ReviewResponse | Promise<ReviewResponse>

export type ReviewOutcome =
  | { result: 'ALLOW'; content: string; attributes: Record<string, string>; fallback: boolean }
  | { result: 'DENY'; reason: string; fallback: boolean }

/**
 * What a review reads of its room. A structural subset of the room store's record, so this
 * module needs nothing from the store (which refers to `ReviewFunction` here).
 */
export interface ReviewedRoom {
  review?: ReviewFunction
  messageReviewHandler?: MessageReviewHandler
  maximumMessageLength: number
}

/** The Lambda ARN the emulator puts on a room whose review function was set from code. */
export function emulatedReviewHandlerUri(region: string, accountId: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:ivschat-emulator-review`
}

/** What reviews a room's messages: a function, nothing (`none`), or a Lambda nothing stands for. */
export type Reviewer = ReviewFunction | 'none' | 'unreachable'

/**
 * What reviews the room's messages: `none` without a handler URI; else the function set on the
 * room, or the one bound to its Lambda ARN, or `unreachable` when nothing stands for that Lambda.
 */
export function reviewerOf(room: ReviewedRoom, lambdas: { get(lambdaArn: string): ReviewFunction | undefined }): Reviewer {
  if (room.review) return room.review
  const uri = room.messageReviewHandler?.uri
  if (!uri) return 'none'
  return lambdas.get(uri) ?? 'unreachable'
}

/**
 * Runs the room's reviewer: its answer if it is valid and in time, else the room's
 * `fallbackResult` (a failing, slow, malformed or unreachable handler must not block the chat).
 */
export async function reviewMessage(room: ReviewedRoom, review: Reviewer, request: ReviewRequest, timeoutMs: number): Promise<ReviewOutcome> {
  if (review === 'none') return { result: 'ALLOW', content: request.Content, attributes: request.Attributes, fallback: false }
  // A Lambda nothing stands for fails to invoke on AWS too: the fallback applies.
  if (review === 'unreachable') return fallback(room, request)
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('review timed out')), timeoutMs)
    })
    const response = await Promise.race([Promise.resolve().then(() => review(request)), timeout])
    return interpret(response, request, room.maximumMessageLength)
  } catch {
    return fallback(room, request)
  } finally {
    clearTimeout(timer)
  }
}

function interpret(response: unknown, request: ReviewRequest, maximumLength: number): ReviewOutcome {
  if (!isReviewResponse(response)) throw new Error('invalid review response')
  if (response.ReviewResult === 'DENY') {
    return { result: 'DENY', reason: response.Attributes?.Reason ?? 'Message rejected by review handler', fallback: false }
  }
  const content = response.Content ?? request.Content
  if ([...content].length > maximumLength) throw new Error('rewritten content exceeds the room limit')
  return { result: 'ALLOW', content, attributes: response.Attributes ?? request.Attributes, fallback: false }
}

function fallback(room: ReviewedRoom, request: ReviewRequest): ReviewOutcome {
  return room.messageReviewHandler?.fallbackResult === 'DENY'
    ? { result: 'DENY', reason: 'Message rejected: the review handler failed and the room falls back to DENY', fallback: true }
    : { result: 'ALLOW', content: request.Content, attributes: request.Attributes, fallback: true }
}

function isReviewResponse(value: unknown): value is ReviewResponse {
  if (typeof value !== 'object' || value === null) return false
  const response = value as Record<string, unknown>
  if (response.ReviewResult !== 'ALLOW' && response.ReviewResult !== 'DENY') return false
  if (response.Content !== undefined && typeof response.Content !== 'string') return false
  const attributes = response.Attributes
  if (attributes === undefined) return true
  return typeof attributes === 'object' && attributes !== null && Object.values(attributes).every((v) => typeof v === 'string')
}
