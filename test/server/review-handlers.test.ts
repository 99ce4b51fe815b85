import { CreateRoomCommand, type IvschatClient } from '@aws-sdk/client-ivschat'
import { SendMessageRequest, type ChatError } from 'amazon-ivs-chat-messaging'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReviewRequest } from '../../mocks/emulator/review'
import { ivschatClient, join, startTestServer, type Participant, type TestServer } from './helpers'

/**
 * Review handlers from configuration: a room created over REST names a Lambda ARN, and the
 * server binds that ARN to the user's own handler module or HTTP endpoint.
 */

const ACCOUNT = '123456789012'
const MODULE_LAMBDA = `arn:aws:lambda:us-west-2:${ACCOUNT}:function:module-review`
const CJS_LAMBDA = `arn:aws:lambda:us-west-2:${ACCOUNT}:function:cjs-review`
const HTTP_LAMBDA = `arn:aws:lambda:us-west-2:${ACCOUNT}:function:http-review`
const MISSING_LAMBDA = `arn:aws:lambda:us-west-2:${ACCOUNT}:function:nothing-stands-for-me`
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

let server: TestServer
let client: IvschatClient
let reviewer: Server
const received: ReviewRequest[] = []

beforeAll(async () => {
  // A tiny review endpoint: masks "heck", denies "nope", and records every payload it got.
  reviewer = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      const event = JSON.parse(body) as ReviewRequest
      received.push(event)
      const answer = event.Content.includes('nope')
        ? { ReviewResult: 'DENY', Attributes: { Reason: 'denied over HTTP' } }
        : { ReviewResult: 'ALLOW', Content: event.Content.replaceAll('heck', '****') }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
    })
  })
  await new Promise<void>((resolve) => reviewer.listen(0, '127.0.0.1', resolve))
  const { port } = reviewer.address() as AddressInfo
  server = await startTestServer({
    reviewHandlers: {
      [MODULE_LAMBDA]: fixture('review-lambda.mjs'),
      [CJS_LAMBDA]: fixture('review-lambda.cjs'),
      [HTTP_LAMBDA]: `http://127.0.0.1:${port}/review`,
    },
  })
  // AWS gives a review 200 ms; a loaded test machine can take longer than that to run a module
  // or answer a POST, and the fallback would then apply: these tests are about the handlers.
  server.emulator.configure({ reviewTimeoutMs: 10_000 })
  client = ivschatClient(server)
})
afterAll(async () => {
  client.destroy()
  await server.close()
  await new Promise((resolve) => reviewer.close(resolve))
})

async function roomReviewedBy(uri: string, fallbackResult?: 'ALLOW' | 'DENY'): Promise<string> {
  const room = await client.send(new CreateRoomCommand({ messageReviewHandler: { uri, ...(fallbackResult ? { fallbackResult } : {}) } }))
  return room.arn!
}

async function pair(roomArn: string): Promise<{ sender: Participant; reader: Participant }> {
  const sender = await join(server, client, 'sender', { roomArn, attributes: { displayName: 'Sender' } })
  const reader = await join(server, client, 'reader', { roomArn })
  return { sender, reader }
}

function leave(...participants: Participant[]): void {
  for (const p of participants) p.room.disconnect()
}

function refusal(promise: Promise<unknown>): Promise<ChatError> {
  return promise.then(
    () => {
      throw new Error('expected the message to be refused')
    },
    (error: ChatError) => error,
  )
}

describe('review handlers from configuration', () => {
  it('runs a module file\'s handler(event, context): a rewrite with attributes reaches the room, a DENY reaches the sender', async () => {
    const roomArn = await roomReviewedBy(MODULE_LAMBDA)
    const { sender, reader } = await pair(roomArn)

    await sender.room.sendMessage(new SendMessageRequest('darn it', { mood: 'grumpy' }))
    const delivered = await reader.message(1)
    expect(delivered.content).toBe('**** it')
    expect(delivered.attributes).toEqual({ mood: 'grumpy', reviewedFor: 'sender', room: roomArn.split('/')[1] })

    const denied = await refusal(sender.room.sendMessage(new SendMessageRequest('buy spam')))
    expect(denied).toMatchObject({ errorCode: 406, errorMessage: 'no spam in module-review' })
    expect(reader.messages).toHaveLength(1)
    leave(sender, reader)
  })

  it('runs a CommonJS module (exports.handler) that answers synchronously', async () => {
    const { sender, reader } = await pair(await roomReviewedBy(CJS_LAMBDA))
    await sender.room.sendMessage(new SendMessageRequest('quiet please'))
    expect((await reader.message(1)).content).toBe('QUIET PLEASE')
    leave(sender, reader)
  })

  it('POSTs AWS\'s review payload to an HTTP URL and uses its JSON answer', async () => {
    const roomArn = await roomReviewedBy(HTTP_LAMBDA)
    const { sender, reader } = await pair(roomArn)
    received.length = 0

    await sender.room.sendMessage(new SendMessageRequest('what the heck', { k: 'v' }))
    const delivered = await reader.message(1)
    expect(delivered.content).toBe('what the ****')
    expect(received).toEqual([
      {
        Content: 'what the heck',
        MessageId: delivered.id,
        RoomArn: roomArn,
        Attributes: { k: 'v' },
        Sender: { UserId: 'sender', Attributes: { displayName: 'Sender' }, Ip: '127.0.0.1' },
      },
    ])

    const denied = await refusal(sender.room.sendMessage(new SendMessageRequest('nope')))
    expect(denied).toMatchObject({ errorCode: 406, errorMessage: 'denied over HTTP' })
    leave(sender, reader)
  })

  it('applies the room\'s fallbackResult DENY when nothing stands for its Lambda', async () => {
    const roomArn = await roomReviewedBy(MISSING_LAMBDA, 'DENY')
    const { sender, reader } = await pair(roomArn)
    const denied = await refusal(sender.room.sendMessage(new SendMessageRequest('hello?')))
    expect(denied.errorCode).toBe(406)
    expect(denied.errorMessage).toContain('falls back to DENY')
    // Nothing went to the room: the only frame out in it is the sender's ERROR.
    const out = server.emulator.frameLog.entries().filter((e) => e.roomArn === roomArn && e.direction === 'out')
    expect(out.map((e) => (JSON.parse(e.text) as { Type: string }).Type)).toEqual(['ERROR'])
    expect(reader.messages).toEqual([])
    leave(sender, reader)
  })

  it('applies the room\'s fallbackResult ALLOW (the default) when nothing stands for its Lambda: the message as sent', async () => {
    const { sender, reader } = await pair(await roomReviewedBy(MISSING_LAMBDA))
    await sender.room.sendMessage(new SendMessageRequest('hello darn world'))
    expect((await reader.message(1)).content).toBe('hello darn world')
    leave(sender, reader)
  })

  it('refuses to start with a module that exports no handler, naming the file', async () => {
    const failed = startTestServer({ reviewHandlers: { [MODULE_LAMBDA]: fixture('no-handler.mjs') } })
    await expect(failed).rejects.toThrow(/could not load .*no-handler\.mjs|exports no handler/)
  })
})
