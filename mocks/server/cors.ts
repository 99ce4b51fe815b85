import type { IncomingMessage } from 'node:http'

/**
 * The request headers AWS's SDKs send (SigV4 signing, retries, user agent). Browsers never
 * let a wildcard cover `authorization`, and `x-amz-*` is not a pattern they understand, so
 * each one is named.
 */
const AWS_SDK_HEADERS = [
  'authorization',
  'content-type',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-user-agent',
  'x-amz-target',
  'x-amz-checksum-crc32',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
]

/** What a page may read of an answer: the SDK takes its request id and error type from these. */
const EXPOSED_HEADERS = ['x-amzn-RequestId', 'x-amzn-ErrorType', 'content-length']

/** Headers every REST answer carries, so a page on any origin can call the emulator. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': EXPOSED_HEADERS.join(', '),
}

/**
 * The answer to a preflight. Headers the page asks for beyond the SDKs' list are allowed
 * too: a local emulator has nothing to protect, and a newer SDK header must not break it.
 * Chrome asks a page on a public origin for permission to reach a private address
 * (Private Network Access), which a phone on the LAN may need.
 */
export function preflightHeaders(request: IncomingMessage): Record<string, string> {
  const requested = (request.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && !AWS_SDK_HEADERS.includes(name))
  return {
    ...CORS_HEADERS,
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': [...AWS_SDK_HEADERS, ...requested].join(', '),
    'access-control-max-age': '86400',
    ...(request.headers['access-control-request-private-network'] === 'true'
      ? { 'access-control-allow-private-network': 'true' }
      : {}),
  }
}
