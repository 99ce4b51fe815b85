import { z } from 'zod'
import { CHAT_ERROR_CODES } from '../contract/frames.ts'
import type { Emulator } from '../emulator/emulator.ts'
import { IvsChatError } from '../emulator/errors.ts'
import { isRegionName } from '../emulator/regions.ts'
import type { RestAnswer } from '../emulator/rest-protocol.ts'
import { httpStandIn } from './review-bindings.ts'

/**
 * The emulator's own controls over HTTP, for tests in any language: faults, settings, time,
 * sessions, reset, the frame log, refused connections, issued tokens, injected messages and
 * review Lambda bindings. They live under a prefix no IVS Chat operation uses (the API's paths
 * are `/<Operation>` and `/tags/{resourceArn}`), take and answer JSON, and refuse a bad body
 * with a 400 naming each bad member.
 */
export const CONTROL_PREFIX = '/_emulator'

export interface ControlCall {
  method: string
  /** The path after the prefix, still percent-encoded (`/sessions/abc/end`). */
  path: string
  query: URLSearchParams
  body: string
}

interface Route {
  method: string
  /** Segments; `:name` matches one segment. */
  pattern: string
  summary: string
  run: (emulator: Emulator, input: { params: Record<string, string>; query: URLSearchParams; body: unknown }) => unknown
}

const TokenFaultBody = z.strictObject({
  count: z.int().min(1).max(1_000).default(1),
  type: z.enum(['AccessDeniedException', 'PendingVerification']),
})
const SendFaultBody = z.strictObject({
  count: z.int().min(1).max(1_000).default(1),
  errorCode: z.union(Object.values(CHAT_ERROR_CODES).map((code) => z.literal(code))),
  errorMessage: z.string().min(1).max(500).optional(),
})
const CountBody = z.strictObject({ count: z.int().min(1).max(1_000).default(1) })
const SettingsBody = z.strictObject({
  accountId: z.string().regex(/^\d{12}$/, 'must be 12 digits').optional(),
  defaultRegion: z.string().refine(isRegionName, 'must be an AWS region name such as us-west-2').optional(),
  tokenLifetimeMs: z.int().min(1_000).max(24 * 60 * 60_000).optional(),
  reviewTimeoutMs: z.int().min(1).max(60_000).optional(),
  sessionEnd: z.enum(['error-then-close', 'close']).optional(),
  latencyMs: z.int().min(0).max(60_000).optional(),
  frameLogLimit: z.int().min(1).max(100_000).optional(),
})
const AdvanceTimeBody = z.strictObject({ ms: z.number().finite().min(0).max(366 * 24 * 60 * 60_000) })
const ReasonBody = z.strictObject({ reason: z.string().min(1).max(256).optional() })
const StringMap = z.record(z.string(), z.string())
const InjectMessageBody = z.strictObject({
  roomArn: z.string().min(1),
  sender: z.strictObject({ userId: z.string().min(1).max(128), attributes: StringMap.optional() }),
  content: z.string().min(1),
  attributes: StringMap.optional(),
})
const ReviewBindingBody = z.strictObject({
  lambdaArn: z.string().regex(/^arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:.+$/, 'must be a Lambda function ARN'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
})
const FramesQuery = z.strictObject({
  since: z.coerce.number().int().min(0).optional(),
  roomArn: z.string().optional(),
  connectionId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
})

const ROUTES: Route[] = [
  { method: 'GET', pattern: '', summary: 'this list', run: () => ({ controls: ROUTES.map(({ method, pattern, summary }) => ({ method, path: `${CONTROL_PREFIX}${pattern}`, summary })) }) },
  { method: 'POST', pattern: '/reset', summary: 'back to a fresh emulator: the seeded room only, no sessions, tokens, faults or time shift (review bindings stay)', run: (e) => (e.reset(), state(e)) },
  { method: 'GET', pattern: '/state', summary: 'rooms, sessions, settings, clock and pending faults at a glance', run: (e) => state(e) },
  { method: 'GET', pattern: '/settings', summary: 'the emulator settings', run: (e) => ({ ...e.settings }) },
  { method: 'POST', pattern: '/configure', summary: 'change settings: { latencyMs, tokenLifetimeMs, reviewTimeoutMs, sessionEnd, frameLogLimit, accountId, defaultRegion }', run: (e, { body }) => (e.configure(stripUndefined(parse(SettingsBody, body))), { ...e.settings }) },
  { method: 'GET', pattern: '/clock', summary: 'emulator time', run: (e) => clock(e) },
  { method: 'POST', pattern: '/advance-time', summary: 'move emulator time forward: { ms }', run: (e, { body }) => (e.advanceTime(parse(AdvanceTimeBody, body).ms), clock(e)) },
  { method: 'GET', pattern: '/faults', summary: 'faults queued and not yet used', run: (e) => e.faults.pending() },
  {
    method: 'DELETE',
    pattern: '/faults',
    summary: 'drop every queued fault',
    run: (e) => (e.faults.clear(), e.faults.pending()),
  },
  {
    method: 'POST',
    pattern: '/faults/token-requests',
    summary: 'the next CreateChatToken calls fail: { count, type: AccessDeniedException | PendingVerification }',
    run: (e, { body }) => {
      const { count, type } = parse(TokenFaultBody, body)
      e.faults.failNextTokenRequests(count, type)
      return e.faults.pending()
    },
  },
  {
    method: 'POST',
    pattern: '/faults/sends',
    summary: 'the next SEND_MESSAGEs get an ERROR: { count, errorCode, errorMessage? }',
    run: (e, { body }) => {
      const { count, errorCode, errorMessage } = parse(SendFaultBody, body)
      if (errorMessage === undefined) e.faults.failNextSends(count, errorCode)
      else e.faults.failNextSends(count, errorCode, errorMessage)
      return e.faults.pending()
    },
  },
  { method: 'POST', pattern: '/faults/duplicate-frames', summary: 'the next frames go out twice: { count }', run: (e, { body }) => (e.faults.duplicateNextFrames(parse(CountBody, body).count), e.faults.pending()) },
  { method: 'POST', pattern: '/faults/reorder-frames', summary: 'the next pairs of frames go out swapped: { count }', run: (e, { body }) => (e.faults.reorderNextFrames(parse(CountBody, body).count), e.faults.pending()) },
  { method: 'GET', pattern: '/sessions', summary: 'live chat sessions', run: (e) => e.sessions() },
  {
    method: 'POST',
    pattern: '/sessions/:id/end',
    summary: 'end a session as its expiry does (ERROR 401, then a close): { reason? }',
    run: (e, { params, body }) => {
      const { reason } = parse(ReasonBody, body)
      if (!e.chat.endSession(params.id!, reason)) throw notFound(`No live session ${JSON.stringify(params.id)}`)
      return { ended: params.id }
    },
  },
  {
    method: 'POST',
    pattern: '/sessions/:id/drop',
    summary: 'break a connection as a network failure would (the SDK reconnects)',
    run: (e, { params, body }) => {
      parse(z.strictObject({}), body)
      if (!e.chat.dropConnection(params.id!)) throw notFound(`No live session ${JSON.stringify(params.id)}`)
      return { dropped: params.id }
    },
  },
  {
    method: 'GET',
    pattern: '/frames',
    summary: 'the frame log, oldest first: ?since=<seq>&roomArn=&connectionId=&limit=',
    run: (e, { query }) => {
      const { since, roomArn, connectionId, limit } = parse(FramesQuery, Object.fromEntries(query))
      const entries = e.frameLog
        .entries()
        .filter((entry) => (since === undefined || entry.seq > since) && (roomArn === undefined || entry.roomArn === roomArn) && (connectionId === undefined || entry.connectionId === connectionId))
      return { frames: limit === undefined ? entries : entries.slice(-limit) }
    },
  },
  { method: 'DELETE', pattern: '/frames', summary: 'empty the frame log', run: (e) => (e.frameLog.clear(), { frames: [] }) },
  { method: 'GET', pattern: '/rejections', summary: 'refused chat connections and why, newest last', run: (e) => ({ rejections: e.rejections() }) },
  { method: 'GET', pattern: '/tokens', summary: 'chat tokens issued, newest first, with their state', run: (e) => ({ tokens: e.issuedTokens() }) },
  {
    method: 'POST',
    pattern: '/messages',
    summary: 'deliver a MESSAGE to a room as if a sender had sent it: { roomArn, sender: { userId, attributes? }, content, attributes? }',
    run: (e, { body }) => {
      const { roomArn, sender, content, attributes } = parse(InjectMessageBody, body)
      return { id: e.chat.injectMessage(roomArn, stripUndefined(sender), content, attributes) }
    },
  },
  { method: 'GET', pattern: '/review-handlers', summary: 'Lambda ARNs bound to a stand-in', run: (e) => ({ lambdaArns: e.reviewLambdas.arns() }) },
  {
    method: 'POST',
    pattern: '/review-handlers',
    summary: 'bind a Lambda ARN to an http(s) URL that gets the review payload as JSON: { lambdaArn, url }',
    run: (e, { body }) => {
      const { lambdaArn, url } = parse(ReviewBindingBody, body)
      e.reviewLambdas.bind(lambdaArn, httpStandIn(new URL(url), () => e.settings.reviewTimeoutMs))
      return { lambdaArns: e.reviewLambdas.arns() }
    },
  },
  {
    method: 'DELETE',
    pattern: '/review-handlers/:lambdaArn',
    summary: 'unbind a Lambda ARN (its rooms then get their fallback result)',
    run: (e, { params }) => {
      if (!e.reviewLambdas.unbind(params.lambdaArn!)) throw notFound(`No stand-in for ${JSON.stringify(params.lambdaArn)}`)
      return { lambdaArns: e.reviewLambdas.arns() }
    },
  },
]

/** A control answered with a status other than 200, with a message the caller can act on. */
class ControlError extends Error {
  readonly status: number
  readonly error: string
  readonly issues: { path: string; message: string }[] | undefined

  constructor(status: number, error: string, message: string, issues?: { path: string; message: string }[]) {
    super(message)
    this.status = status
    this.error = error
    this.issues = issues
  }
}

function notFound(message: string): ControlError {
  return new ControlError(404, 'NotFound', message)
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issues = result.error.issues.flatMap((issue) =>
    // An unknown member is named by itself, so the caller sees which one to drop.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: `Unknown member ${JSON.stringify(key)}` }))
      : [{ path: issue.path.join('.') || '(body)', message: issue.message }],
  )
  throw new ControlError(400, 'BadRequest', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues)
}

/** zod gives `key: undefined` for absent optional members; the emulator's setters want them absent. */
function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never
}

function clock(emulator: Emulator) {
  const now = emulator.clock.now()
  return { now, iso: new Date(now).toISOString(), offsetMs: emulator.clock.offset }
}

function state(emulator: Emulator) {
  return {
    rooms: emulator.rooms.all().map(({ review: _review, ...room }) => room),
    sessions: emulator.sessions(),
    settings: { ...emulator.settings },
    clock: clock(emulator),
    faults: emulator.faults.pending(),
    reviewHandlers: emulator.reviewLambdas.arns(),
  }
}

/** Answers a call under `CONTROL_PREFIX`. Never throws: every problem is a JSON error answer. */
export async function answerControlCall(emulator: Emulator, call: ControlCall): Promise<RestAnswer> {
  try {
    const segments = call.path.split('/').filter((s) => s !== '')
    const matching = ROUTES.map((route) => ({ route, params: match(route.pattern, segments) })).filter((m) => m.params !== undefined)
    if (matching.length === 0) throw notFound(`No emulator control at ${CONTROL_PREFIX}${call.path}; GET ${CONTROL_PREFIX} lists them`)
    const found = matching.find((m) => m.route.method === call.method.toUpperCase())
    if (!found) {
      const allowed = matching.map((m) => m.route.method).join(', ')
      throw new ControlError(405, 'MethodNotAllowed', `${CONTROL_PREFIX}${call.path} takes ${allowed}, not ${call.method.toUpperCase()}`)
    }
    const body = parseJson(call.body)
    const output = await found.route.run(emulator, { params: found.params!, query: call.query, body })
    return json(200, output)
  } catch (error) {
    if (error instanceof ControlError) return json(error.status, { error: error.error, message: error.message, ...(error.issues ? { issues: error.issues } : {}) })
    // An emulator error (a room that does not exist for an injected message): its AWS name and message.
    if (error instanceof IvsChatError) return json(error.status, { error: error.type, message: error.message })
    if (error instanceof RangeError) return json(400, { error: 'BadRequest', message: error.message })
    return json(500, { error: 'InternalError', message: `The control failed: ${error instanceof Error ? error.message : String(error)}` })
  }
}

function match(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter((s) => s !== '')
  if (parts.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, part] of parts.entries()) {
    const segment = segments[index]!
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(segment)
      } catch {
        return undefined
      }
    } else if (part !== segment) return undefined
  }
  return params
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return {}
  try {
    return JSON.parse(body)
  } catch {
    throw new ControlError(400, 'BadRequest', 'The request body is not JSON')
  }
}

function json(status: number, body: unknown): RestAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
}
