import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { isRegionName } from '../emulator/regions.ts'

/**
 * AWS Signature Version 4 as the service checks it: the credential scope names the caller's
 * region (the emulator's region of the call), and in strict mode the signature is computed
 * again from the request and the secret of its access key and compared.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */

const ALGORITHM = 'AWS4-HMAC-SHA256'
const SERVICE = 'ivschat'
/** How far `X-Amz-Date` may be from the server's clock, as AWS allows. */
const MAX_SKEW_MS = 5 * 60_000

export interface SignedAuthorization {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
}

/** A refused signature, as AWS answers it: the exception name, its status and its message. */
export interface SignatureFailure {
  type: 'MissingAuthenticationTokenException' | 'IncompleteSignatureException' | 'UnrecognizedClientException' | 'InvalidSignatureException'
  status: number
  message: string
}

export interface SignedRequest {
  method: string
  /** The request target as sent (path and query, still percent-encoded). */
  url: string
  headers: IncomingHttpHeaders
  body: Uint8Array
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 (.+)$/

/** The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header. */
export function parseAuthorization(header: string | undefined): SignedAuthorization | undefined {
  const match = header ? AUTHORIZATION.exec(header.trim()) : null
  if (!match) return undefined
  const fields = new Map<string, string>()
  for (const part of match[1]!.split(',')) {
    const at = part.indexOf('=')
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim())
  }
  const credential = fields.get('Credential')?.split('/')
  const signedHeaders = fields.get('SignedHeaders')
  const signature = fields.get('Signature')
  if (!credential || credential.length !== 5 || credential[4] !== 'aws4_request' || !signedHeaders || !signature) return undefined
  const [accessKeyId, date, region, service] = credential as [string, string, string, string]
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature }
}

/** The region named by the request's credential scope, if it is signed for one that looks like a region. */
export function regionOfAuthorization(header: string | undefined): string | undefined {
  const region = parseAuthorization(header)?.region
  return region !== undefined && isRegionName(region) ? region : undefined
}

/**
 * Checks the request's signature against `secrets` (access key id → secret access key).
 * `undefined` when it is good; else the failure AWS would answer.
 */
export function verifySignature(request: SignedRequest, secrets: ReadonlyMap<string, string>, now = Date.now()): SignatureFailure | undefined {
  const header = single(request.headers.authorization)
  if (header === undefined) return { type: 'MissingAuthenticationTokenException', status: 403, message: 'Missing Authentication Token' }
  const auth = parseAuthorization(header)
  if (!auth) {
    return {
      type: 'IncompleteSignatureException',
      status: 400,
      message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters with the ${ALGORITHM} algorithm. Authorization=${header}`,
    }
  }
  const secret = secrets.get(auth.accessKeyId)
  if (secret === undefined) {
    return { type: 'UnrecognizedClientException', status: 403, message: 'The security token included in the request is invalid.' }
  }
  const amzDate = single(request.headers['x-amz-date'])
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    return { type: 'IncompleteSignatureException', status: 400, message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header." }
  }
  if (auth.date !== amzDate.slice(0, 8)) {
    return invalid(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`)
  }
  if (auth.service !== SERVICE) return invalid(`Credential should be scoped to correct service: '${SERVICE}'. `)
  const signedAt = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`)
  if (signedAt < now - MAX_SKEW_MS) {
    return invalid(`Signature expired: ${amzDate} is now earlier than ${basicIso(now - MAX_SKEW_MS)} (${basicIso(now)} - 5 min.)`)
  }
  if (signedAt > now + MAX_SKEW_MS) {
    return invalid(`Signature not yet current: ${amzDate} is still later than ${basicIso(now + MAX_SKEW_MS)} (${basicIso(now)} + 5 min.)`)
  }
  if (!auth.signedHeaders.includes('host')) return invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
  // The SDKs sign the payload's hash as a header: it must be the hash of the body that arrived.
  const declaredHash = single(request.headers['x-amz-content-sha256'])
  if (declaredHash !== undefined && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== sha256Hex(request.body)) {
    return invalid("The provided 'x-amz-content-sha256' header does not match what was computed.")
  }
  const canonical = canonicalRequest(request, auth.signedHeaders)
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n')
  const expected = signingKey(secret, auth.date, auth.region, auth.service).update(stringToSign).digest()
  const given = Buffer.from(auth.signature, 'hex')
  if (given.length === expected.length && /^[0-9a-f]+$/.test(auth.signature) && timingSafeEqual(given, expected)) return undefined
  return invalid(
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. ' +
      `Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'${canonical}'\n\n` +
      `The String-to-Sign should have been\n'${stringToSign}'\n`,
  )
}

/**
 * The canonical request: method, the path URI-encoded once more (every service but S3 signs
 * the already-encoded path), the sorted query, the signed headers and the payload's SHA-256.
 */
export function canonicalRequest(request: SignedRequest, signedHeaders: readonly string[]): string {
  const target = request.url.startsWith('/') ? request.url : `/${request.url}`
  const queryAt = target.indexOf('?')
  const path = queryAt === -1 ? target : target.slice(0, queryAt)
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1)
  const headers = signedHeaders.map((name) => `${name}:${headerValue(request.headers, name)}\n`).join('')
  const payloadHash = single(request.headers['x-amz-content-sha256']) ?? sha256Hex(request.body)
  return [request.method.toUpperCase(), canonicalPath(path), canonicalQuery(query), headers, signedHeaders.join(';'), payloadHash].join('\n')
}

function canonicalPath(path: string): string {
  const segments = normalize(path.split('/'))
  const joined = segments.map(encode).join('/')
  return joined.startsWith('/') ? joined : `/${joined}`
}

/** Removes `.` and `..` segments, as the SDKs' signers do before encoding. */
function normalize(segments: string[]): string[] {
  const out: string[] = []
  for (const segment of segments) {
    if (segment === '.') continue
    if (segment === '..') out.pop()
    else out.push(segment)
  }
  return out
}

function canonicalQuery(query: string): string {
  if (query === '') return ''
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=')
      const key = at === -1 ? pair : pair.slice(0, at)
      const value = at === -1 ? '' : pair.slice(at + 1)
      return [encode(decode(key)), encode(decode(value))] as const
    })
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&')
}

/** A header's canonical value: trimmed, inner runs of spaces collapsed; repeats joined with commas. */
function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name]
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return values.map((v) => v.trim().replace(/ +/g, ' ')).join(',')
}

/** RFC 3986 encoding: everything but `A-Za-z0-9-._~` as `%XX` (upper-case hex). */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'))
  } catch {
    return text
  }
}

function signingKey(secret: string, date: string, region: string, service: string) {
  const key = [date, region, service, 'aws4_request'].reduce<Buffer>(
    (previous, part) => createHmac('sha256', previous).update(part).digest(),
    Buffer.from(`AWS4${secret}`),
  )
  return createHmac('sha256', key)
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function basicIso(time: number): string {
  return new Date(time).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

function invalid(message: string): SignatureFailure {
  return { type: 'InvalidSignatureException', status: 403, message }
}
