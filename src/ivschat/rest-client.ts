import { z } from 'zod/mini'
import { ErrorBody, parseErrorType, type ValidationExceptionField, type ValidationExceptionReason } from '../../mocks/contract/errors'

/**
 * Why a call to the IVS Chat REST API (or the app's token backend, which speaks the same
 * contract) failed, as a value the UI can switch on.
 */
export type RestFailure =
  | { kind: 'ValidationException'; message: string; reason?: ValidationExceptionReason; fieldList: ValidationExceptionField[]; requestId?: string }
  | { kind: 'ResourceNotFoundException'; message: string; resourceId?: string; resourceType?: string; requestId?: string }
  | { kind: 'AccessDeniedException'; message: string; requestId?: string }
  | { kind: 'PendingVerification'; message: string; requestId?: string }
  /** Any other error the service answered with (throttling, internal, or one we do not know). */
  | { kind: 'ServiceError'; type: string; status: number; message: string; requestId?: string }
  | { kind: 'NetworkError'; message: string }
  | { kind: 'Aborted'; message: string }
  | { kind: 'MalformedResponse'; status: number; message: string }

export type RestFailureKind = RestFailure['kind']

/** Thrown by every REST call of the app; `failure` says what happened. */
export class RestCallError extends Error {
  readonly failure: RestFailure

  constructor(failure: RestFailure) {
    super(failure.message)
    this.name = `RestCallError(${failure.kind})`
    this.failure = failure
  }
}

export interface CallOptions {
  signal?: AbortSignal
  /** Defaults to the global `fetch`; tests and hosts can pass their own. */
  fetch?: typeof fetch
}

/**
 * POSTs `body` as JSON to `url` and parses a success with `responseSchema`; every failure
 * becomes a `RestCallError`. Speaks restJson1: the error's name comes from `x-amzn-ErrorType`,
 * then the body's `code` or `__type`, as AWS's own clients read it.
 */
export async function postJson<Schema extends z.ZodMiniType>(
  url: string,
  body: unknown,
  responseSchema: Schema | null,
  options: CallOptions = {},
): Promise<z.infer<Schema>> {
  const doFetch = options.fetch ?? fetch
  let response: Response
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: options.signal,
    })
  } catch (error) {
    throw new RestCallError(transportFailure(error, options.signal))
  }
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    throw new RestCallError(transportFailure(error, options.signal))
  }
  const requestId = response.headers.get('x-amzn-requestid') ?? undefined
  if (!response.ok) throw new RestCallError(errorFailure(response, text, requestId))
  if (responseSchema === null) return undefined as z.infer<Schema>
  const json = parseJson(text)
  const parsed = responseSchema.safeParse(json)
  if (json === undefined || !parsed.success) {
    throw new RestCallError({
      kind: 'MalformedResponse',
      status: response.status,
      message: `The server answered ${response.status} with a body that is not the expected response${
        parsed.success ? '' : `: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`
      }`,
    })
  }
  return parsed.data
}

function transportFailure(error: unknown, signal: AbortSignal | undefined): RestFailure {
  if (signal?.aborted || (error instanceof DOMException && error.name === 'AbortError')) {
    return { kind: 'Aborted', message: 'The request was cancelled' }
  }
  const detail = error instanceof Error ? error.message : String(error)
  return { kind: 'NetworkError', message: `Could not reach the server (${detail}). Check your connection and the endpoint.` }
}

/** An error body's members, each optional: a server may send any subset. */
const ErrorMembers = z.partial(ErrorBody)

function errorFailure(response: Response, text: string, requestId: string | undefined): RestFailure {
  const json = parseJson(text)
  const body = ErrorMembers.safeParse(json)
  const raw = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {}
  const type =
    parseErrorType(response.headers.get('x-amzn-errortype')) ??
    parseErrorType(typeof raw.code === 'string' ? raw.code : undefined) ??
    parseErrorType(typeof raw['__type'] === 'string' ? raw['__type'] : undefined)
  const members = body.success ? body.data : {}
  const message = members.message ?? (typeof raw.Message === 'string' ? raw.Message : undefined) ?? `The server answered ${response.status}`
  const id = requestId !== undefined ? { requestId } : {}
  switch (type) {
    case 'ValidationException':
      return { kind: type, message, fieldList: members.fieldList ?? [], ...(members.reason ? { reason: members.reason } : {}), ...id }
    case 'ResourceNotFoundException':
      return { kind: type, message, resourceId: members.resourceId, resourceType: members.resourceType, ...id }
    case 'AccessDeniedException':
    case 'PendingVerification':
      return { kind: type, message, ...id }
    case undefined:
      if (json === undefined) {
        return { kind: 'MalformedResponse', status: response.status, message: `The server answered ${response.status} without an error body` }
      }
      return { kind: 'ServiceError', type: 'Unknown', status: response.status, message, ...id }
    default:
      return { kind: 'ServiceError', type, status: response.status, message, ...id }
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown)
  } catch {
    return undefined
  }
}
