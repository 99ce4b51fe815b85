import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Emulator } from '../emulator/emulator.ts'
import { newRequestId } from '../emulator/ids.ts'
import type { ReviewFunction, ReviewRequest } from '../emulator/review.ts'

/**
 * Review Lambdas from configuration: a Lambda ARN bound to a stand-in the server can call,
 * so that a room created over REST with that ARN as its `messageReviewHandler.uri` is reviewed
 * by the user's own code. A target is
 * - a module path: a file exporting `handler(event, context)`, the shape of a Node.js Lambda
 *   handler (sync or async), so the user's review Lambda runs unchanged;
 * - an `http://` or `https://` URL: AWS's review payload POSTed as JSON, the JSON answer used;
 * - or, from code, a function.
 * An ARN bound to nothing behaves as a Lambda that cannot be invoked: the room's fallback applies.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatUserGuide/chat-message-review-handler.html
 */
export type ReviewTarget = string | ReviewFunction

/** Lambda ARN → target, as `startEmulatorServer({ reviewHandlers })` takes them. */
export type ReviewHandlerBindings = Record<string, ReviewTarget>

/** The model's pattern for `messageReviewHandler.uri`. */
const LAMBDA_ARN = /^arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:.+$/

/** A Lambda handler as Node.js Lambdas export it; the context carries what review code reads. */
type LambdaHandler = (event: ReviewRequest, context: LambdaContext) => unknown

interface LambdaContext {
  functionName: string
  invokedFunctionArn: string
  awsRequestId: string
  getRemainingTimeInMillis(): number
}

/** `--review-handler <lambda-arn>=<module path or URL>`, split at the first `=` (ARNs have none). */
export function parseReviewHandlerFlag(text: string): { lambdaArn: string; target: string } {
  const at = text.indexOf('=')
  const lambdaArn = at === -1 ? text : text.slice(0, at)
  const target = at === -1 ? '' : text.slice(at + 1)
  if (!LAMBDA_ARN.test(lambdaArn) || target === '') {
    throw new Error(
      `--review-handler takes <lambda-arn>=<module path or http(s) URL>, such as ` +
        `arn:aws:lambda:us-west-2:123456789012:function:review=./review.mjs; got ${JSON.stringify(text)}`,
    )
  }
  return { lambdaArn, target }
}

/**
 * Loads every target and binds it to its Lambda ARN in `emulator.reviewLambdas`. Throws, naming
 * the binding, if an ARN is not a Lambda ARN or a module has no `handler` function: a server
 * that silently fell back on every message would hide the mistake.
 */
export async function bindReviewHandlers(emulator: Emulator, bindings: ReviewHandlerBindings): Promise<void> {
  const loaded: [string, ReviewFunction][] = []
  for (const [lambdaArn, target] of Object.entries(bindings)) {
    if (!LAMBDA_ARN.test(lambdaArn)) throw new Error(`Review handler ${JSON.stringify(lambdaArn)} is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)`)
    loaded.push([lambdaArn, await standInFor(lambdaArn, target, () => emulator.settings.reviewTimeoutMs)])
  }
  for (const [lambdaArn, review] of loaded) emulator.reviewLambdas.bind(lambdaArn, review)
}

/** How a binding is shown in logs and in the control API. */
export function describeTarget(target: ReviewTarget): string {
  return typeof target === 'function' ? 'a function' : target
}

async function standInFor(lambdaArn: string, target: ReviewTarget, timeoutMs: () => number): Promise<ReviewFunction> {
  if (typeof target === 'function') return target
  if (/^https?:\/\//i.test(target)) return httpStandIn(new URL(target), timeoutMs)
  return moduleStandIn(lambdaArn, target, timeoutMs)
}

/** POSTs the payload as a Lambda would receive it; a non-2xx answer is a failed invocation. */
export function httpStandIn(url: URL, timeoutMs: () => number): ReviewFunction {
  return async (request) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      // Past the room's timeout the answer is not used anyway: stop waiting for it.
      signal: AbortSignal.timeout(timeoutMs()),
    })
    if (!response.ok) throw new Error(`The review handler at ${url.href} answered HTTP ${response.status}`)
    return (await response.json()) as never
  }
}

async function moduleStandIn(lambdaArn: string, path: string, timeoutMs: () => number): Promise<ReviewFunction> {
  const file = resolve(path)
  let module: Record<string, unknown>
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>
  } catch (error) {
    throw new Error(`Review handler for ${lambdaArn}: could not load ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
  const handler = handlerOf(module)
  if (!handler) throw new Error(`Review handler for ${lambdaArn}: ${file} exports no handler function (export const handler = async (event) => ...)`)
  const functionName = lambdaArn.slice(lambdaArn.indexOf(':function:') + ':function:'.length).split(':')[0]!
  return (request) => {
    const deadline = Date.now() + timeoutMs()
    const context: LambdaContext = {
      functionName,
      invokedFunctionArn: lambdaArn,
      awsRequestId: newRequestId(),
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    }
    // A copy, as a Lambda gets its event deserialized: the handler cannot change the emulator's.
    return handler(structuredClone(request), context) as never
  }
}

/** `export const handler`, or CommonJS `exports.handler` (which arrives as `default.handler`). */
function handlerOf(module: Record<string, unknown>): LambdaHandler | undefined {
  if (typeof module.handler === 'function') return module.handler as LambdaHandler
  const fallback = module.default
  if (typeof fallback === 'object' && fallback !== null && typeof (fallback as Record<string, unknown>).handler === 'function') {
    return (fallback as Record<string, unknown>).handler as LambdaHandler
  }
  return undefined
}
