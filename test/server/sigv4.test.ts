import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './helpers'

/**
 * The server's SigV4 check against AWS's own signer (the one inside the AWS SDK for JavaScript),
 * on requests the IVS Chat client does not make today: encoded path segments (the tag
 * operations' `/tags/{resourceArn}`), a query string, repeated spaces in a header value.
 */

const CREDENTIALS = { accessKeyId: 'AKIDSIGV4', secretAccessKey: 'sigv4-secret' }
let server: TestServer

beforeAll(async () => {
  server = await startTestServer({ credentials: { [CREDENTIALS.accessKeyId]: CREDENTIALS.secretAccessKey } })
})
afterAll(async () => {
  await server.close()
})

async function send(method: string, path: string, query: Record<string, string>, secretAccessKey = CREDENTIALS.secretAccessKey) {
  const url = new URL(server.url)
  const signer = new SignatureV4({ service: 'ivschat', region: 'eu-west-1', sha256: Sha256, credentials: { ...CREDENTIALS, secretAccessKey } })
  const signed = await signer.sign(
    new HttpRequest({
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query,
      headers: { host: url.host, 'content-type': 'application/json', 'x-custom': '  two   spaces  ' },
      body: '{}',
    }),
  )
  const search = new URLSearchParams(query).toString().replaceAll('+', '%20')
  const answer = await fetch(`${server.url}${path}${search ? `?${search}` : ''}`, { method, headers: signed.headers, body: '{}' })
  return { status: answer.status, type: answer.headers.get('x-amzn-ErrorType') }
}

describe('SigV4 against the AWS SDK\'s signer', () => {
  it('accepts a signed path with percent-encoded segments, a query string and a header with runs of spaces', async () => {
    const arn = encodeURIComponent('arn:aws:ivschat:eu-west-1:123456789012:room/AbCdEfGhIjKl')
    const answer = await send('POST', `/tags/${arn}`, { b: 'two words', a: 'x/y' })
    // Past the signature check: the emulator answers the path itself, whatever it makes of it.
    expect(answer.type).not.toBe('InvalidSignatureException')
    expect(answer.type).not.toBe('IncompleteSignatureException')
    // The same request under another secret is refused: the check did run.
    expect(await send('POST', `/tags/${arn}`, { b: 'two words', a: 'x/y' }, 'another-secret')).toEqual({ status: 403, type: 'InvalidSignatureException' })
  })

  it('accepts a signed call to an operation, and refuses it signed with another secret', async () => {
    expect(await send('POST', '/ListRooms', {})).toEqual({ status: 200, type: null })
    expect(await send('POST', '/ListRooms', {}, 'another-secret')).toEqual({ status: 403, type: 'InvalidSignatureException' })
  })
})
