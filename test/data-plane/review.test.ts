import { GetRoomCommand } from '@aws-sdk/client-ivschat'
import { SendMessageRequest } from 'amazon-ivs-chat-messaging'
import { describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, emulator } from '../../mocks/node'
import type { ReviewRequest } from '../../mocks/emulator/review'
import { DEFAULT_SETTINGS } from '../../mocks/emulator/settings'
import { chatErrorOf, eventually, ivschat, join, latch, setupEmulatorServer } from './helpers'

setupEmulatorServer()

/** A review that never answers: only the timeout ends it. */
const never = () => new Promise<never>(() => {})

describe('message review handler', () => {
  it('is called with the payload AWS sends the Lambda, and an ALLOW delivers the message as sent', async () => {
    const seen: ReviewRequest[] = []
    emulator.setReviewHandler(DEMO_ROOM_ARN, (request) => {
      seen.push(request)
      return { ReviewResult: 'ALLOW' }
    })
    const alice = await join({ userId: 'alice', attributes: { displayName: 'Alice' } })
    const bob = await join({ userId: 'bob' })

    const message = await alice.room.sendMessage(new SendMessageRequest('hello', { mood: 'happy' }))

    expect(message).toMatchObject({ content: 'hello', attributes: { mood: 'happy' } })
    expect(seen).toEqual([
      {
        Content: 'hello',
        MessageId: message.id,
        RoomArn: DEMO_ROOM_ARN,
        Attributes: { mood: 'happy' },
        Sender: { UserId: 'alice', Attributes: { displayName: 'Alice' }, Ip: '127.0.0.1' },
      },
    ])
    await eventually(() => expect(bob.messages).toEqual([message]))
  })

  it('shows the room\'s handler in GetRoom with its fallbackResult', async () => {
    emulator.setReviewHandler(DEMO_ROOM_ARN, () => ({ ReviewResult: 'ALLOW' }), 'DENY')
    const room = await ivschat().send(new GetRoomCommand({ identifier: DEMO_ROOM_ARN }))
    expect(room.messageReviewHandler).toEqual({ uri: expect.stringMatching(/^arn:aws:lambda:us-west-2:123456789012:function:/), fallbackResult: 'DENY' })
  })

  it('DENY refuses the message with 406 and the Reason from the handler\'s Attributes; no one receives it', async () => {
    emulator.setReviewHandler(DEMO_ROOM_ARN, (request) =>
      request.Content.includes('darn') ? { ReviewResult: 'DENY', Attributes: { Reason: 'Mind your language' } } : { ReviewResult: 'ALLOW' },
    )
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })
    const request = new SendMessageRequest('darn it')

    const error = await chatErrorOf(alice.room.sendMessage(request))

    expect(error).toEqual({ id: expect.any(String), errorCode: 406, errorMessage: 'Mind your language', requestId: request.requestId })
    const fine = await alice.room.sendMessage(new SendMessageRequest('fine'))
    await eventually(() => expect(bob.messages).toEqual([fine]))
  })

  it('DENY without a Reason says the review handler rejected it', async () => {
    emulator.setReviewHandler(DEMO_ROOM_ARN, () => ({ ReviewResult: 'DENY' }))
    const alice = await join({ userId: 'alice' })
    const error = await chatErrorOf(alice.room.sendMessage(new SendMessageRequest('anything')))
    expect(error).toMatchObject({ errorCode: 406, errorMessage: 'Message rejected by review handler' })
  })

  it('an ALLOW with Content and Attributes rewrites what everyone receives', async () => {
    emulator.setReviewHandler(DEMO_ROOM_ARN, (request) => ({
      ReviewResult: 'ALLOW',
      Content: request.Content.replaceAll('darn', '****'),
      Attributes: { ...request.Attributes, reviewed: 'true' },
    }))
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })

    const message = await alice.room.sendMessage(new SendMessageRequest('darn it', { lang: 'en' }))

    expect(message).toMatchObject({ content: '**** it', attributes: { lang: 'en', reviewed: 'true' } })
    await eventually(() => expect(bob.messages).toEqual([message]))
  })

  it('keeps one sender\'s messages in order while a review is slow', async () => {
    const gate = latch()
    emulator.configure({ reviewTimeoutMs: 5_000 })
    emulator.setReviewHandler(DEMO_ROOM_ARN, async (request) => {
      if (request.Content === 'first') await gate.wait
      return { ReviewResult: 'ALLOW' }
    })
    const alice = await join({ userId: 'alice' })
    const bob = await join({ userId: 'bob' })

    const first = alice.room.sendMessage(new SendMessageRequest('first'))
    const second = alice.room.sendMessage(new SendMessageRequest('second'))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(bob.messages).toEqual([])
    gate.open()
    await Promise.all([first, second])
    await eventually(() => expect(bob.messages.map((m) => m.content)).toEqual(['first', 'second']))
  })

  it('removing the handler stops reviews', async () => {
    emulator.setReviewHandler(DEMO_ROOM_ARN, () => ({ ReviewResult: 'DENY' }))
    emulator.setReviewHandler(DEMO_ROOM_ARN, undefined)
    const alice = await join({ userId: 'alice' })
    await expect(alice.room.sendMessage(new SendMessageRequest('free'))).resolves.toMatchObject({ content: 'free' })
  })
})

describe('a failing review handler falls back to the room\'s fallbackResult', () => {
  it('waits 200 ms by default, as AWS documents for the Lambda', () => {
    expect(DEFAULT_SETTINGS.reviewTimeoutMs).toBe(200)
    expect(emulator.settings.reviewTimeoutMs).toBe(200)
  })

  const failures: [name: string, handler: () => unknown][] = [
    ['slower than reviewTimeoutMs', never],
    ['throwing', () => {
      throw new Error('lambda crashed')
    }],
    ['rejecting', () => Promise.reject(new Error('lambda crashed'))],
    ['answering nonsense', () => ({ ReviewResult: 'MAYBE' })],
    ['rewriting past the room\'s length limit', () => ({ ReviewResult: 'ALLOW', Content: 'x'.repeat(501) })],
  ]

  it('ignores an answer that comes after the timeout', async () => {
    emulator.configure({ reviewTimeoutMs: 20 })
    const late = latch()
    emulator.setReviewHandler(
      DEMO_ROOM_ARN,
      () =>
        new Promise((resolve) =>
          setTimeout(() => {
            resolve({ ReviewResult: 'DENY', Attributes: { Reason: 'too late' } })
            late.open()
          }, 60),
        ),
      'ALLOW',
    )
    const alice = await join({ userId: 'alice' })

    const message = await alice.room.sendMessage(new SendMessageRequest('in time'))
    await late.wait
    // Another round trip, so that a stray ERROR would have arrived by now.
    await alice.room.sendMessage(new SendMessageRequest('next'))

    expect(message.content).toBe('in time')
    // No 406 ever reached the sender for the late DENY.
    expect(alice.logger.errors()).toEqual([])
  })

  for (const [name, handler] of failures) {
    it(`${name}: fallback ALLOW delivers the original message`, async () => {
      // A short timeout keeps the slow case quick; the default (200 ms) is asserted above.
      emulator.configure({ reviewTimeoutMs: 20 })
      emulator.setReviewHandler(DEMO_ROOM_ARN, handler as Parameters<typeof emulator.setReviewHandler>[1], 'ALLOW')
      const alice = await join({ userId: 'alice' })
      const bob = await join({ userId: 'bob' })

      const message = await alice.room.sendMessage(new SendMessageRequest('original', { a: 'b' }))

      expect(message).toMatchObject({ content: 'original', attributes: { a: 'b' } })
      await eventually(() => expect(bob.messages).toEqual([message]))
    })

    it(`${name}: fallback DENY refuses it with 406`, async () => {
      emulator.configure({ reviewTimeoutMs: 20 })
      emulator.setReviewHandler(DEMO_ROOM_ARN, handler as Parameters<typeof emulator.setReviewHandler>[1], 'DENY')
      const alice = await join({ userId: 'alice' })
      const bob = await join({ userId: 'bob' })

      const error = await chatErrorOf(alice.room.sendMessage(new SendMessageRequest('original')))

      expect(error).toMatchObject({ errorCode: 406, errorMessage: 'Message rejected: the review handler failed and the room falls back to DENY' })
      expect(bob.messages).toEqual([])
    })
  }
})
