import { screen, waitFor, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createRoom } from '../../mocks/emulator/control-plane'
import { reviewerOf, reviewMessage, type ReviewRequest } from '../../mocks/emulator/review'
import { DEMO_ROOM_ARN, emulator } from '../../mocks/node'
import { FAILING_REVIEW_MESSAGE } from '../../mocks/panel/review-presets'
import { openPanel, setupPanelEmulator } from './panel-harness'

setupPanelEmulator()

function demoRoom() {
  return within(screen.getByRole('form', { name: 'Room demo-room' }))
}

async function setField(user: UserEvent, name: string, value: string): Promise<void> {
  const field = demoRoom().getByRole('spinbutton', { name })
  await user.clear(field)
  if (value !== '') await user.type(field, value)
}

async function apply(user: UserEvent): Promise<void> {
  await user.click(demoRoom().getByRole('button', { name: 'Apply to room' }))
}

async function chooseReview(user: UserEvent, label: string): Promise<void> {
  await user.selectOptions(demoRoom().getByRole('combobox', { name: 'Review handler' }), label)
}

/** Runs a room's review handler (the demo room's by default) as the chat service would, with a 50 ms timeout. */
function review(content: string, roomArn = DEMO_ROOM_ARN) {
  const request: ReviewRequest = {
    Content: content,
    MessageId: 'AbCdEfGhIjKl',
    RoomArn: roomArn,
    Attributes: {},
    Sender: { UserId: 'viewer', Attributes: {}, Ip: '127.0.0.1' },
  }
  const room = emulator.rooms.get(roomArn)
  return reviewMessage(room, reviewerOf(room, emulator.reviewLambdas), request, 50)
}

/** A review function as a test (or the console) would set it. */
const custom = () => ({ ReviewResult: 'DENY' as const })

describe('emulator panel: rooms', () => {
  it('lists every room with its limits', async () => {
    emulator.rooms.create({ region: 'us-west-2', accountId: '123456789012', name: 'second-room', maximumMessageLength: 42 })
    emulator.changed()
    await openPanel()
    const second = within(await screen.findByRole('form', { name: 'Room second-room' }))
    expect((second.getByRole('spinbutton', { name: 'Maximum message length' }) as HTMLInputElement).value).toBe('42')
    expect((demoRoom().getByRole('spinbutton', { name: 'Maximum message length' }) as HTMLInputElement).value).toBe('500')
    expect((demoRoom().getByRole('spinbutton', { name: 'Maximum messages per second' }) as HTMLInputElement).value).toBe('10')
  })

  it('applies a new maximum message length and rate to the room', async () => {
    const { user } = await openPanel()
    await setField(user, 'Maximum message length', '120')
    await setField(user, 'Maximum messages per second', '3')
    await apply(user)
    expect(emulator.rooms.get(DEMO_ROOM_ARN).maximumMessageLength).toBe(120)
    expect(emulator.rooms.get(DEMO_ROOM_ARN).maximumMessageRatePerSecond).toBe(3)
    expect(demoRoom().getByRole('status').textContent).toBe('Applied to demo-room.')
  })

  it('refuses out-of-range limits with the API’s validation messages and changes nothing', async () => {
    const { user } = await openPanel()
    await setField(user, 'Maximum message length', '501')
    await setField(user, 'Maximum messages per second', '0')
    await apply(user)
    const length = demoRoom().getByRole('spinbutton', { name: 'Maximum message length' })
    const rate = demoRoom().getByRole('spinbutton', { name: 'Maximum messages per second' })
    expect(length.getAttribute('aria-invalid')).toBe('true')
    expect(rate.getAttribute('aria-invalid')).toBe('true')
    expect(length.getAttribute('aria-describedby')).toBeTruthy()
    expect(demoRoom().getByText('Member must have value less than or equal to 500')).toBeDefined()
    expect(demoRoom().getByText('Member must have value greater than or equal to 1')).toBeDefined()
    expect(demoRoom().getByRole('status').textContent).toBe('Not applied: fix the highlighted fields.')
    expect(emulator.rooms.get(DEMO_ROOM_ARN).maximumMessageLength).toBe(500)
    expect(emulator.rooms.get(DEMO_ROOM_ARN).maximumMessageRatePerSecond).toBe(10)
  })

  it('refuses a blank or fractional limit as the API would', async () => {
    const { user } = await openPanel()
    await setField(user, 'Maximum message length', '')
    await setField(user, 'Maximum messages per second', '2.5')
    await apply(user)
    expect(demoRoom().getByText('Member must be of type number')).toBeDefined()
    expect(demoRoom().getByText('Member must be of type int')).toBeDefined()
    expect(emulator.rooms.get(DEMO_ROOM_ARN).maximumMessageRatePerSecond).toBe(10)
  })

  it('shows a limit changed elsewhere', async () => {
    await openPanel()
    emulator.rooms.update(DEMO_ROOM_ARN, { maximumMessageLength: 77 })
    emulator.changed()
    await waitFor(() => {
      expect((demoRoom().getByRole('spinbutton', { name: 'Maximum message length' }) as HTMLInputElement).value).toBe('77')
    })
  })

  it('sets an allow-all review handler with a DENY fallback', async () => {
    const { user } = await openPanel()
    await chooseReview(user, 'Allow all')
    await user.selectOptions(demoRoom().getByRole('combobox', { name: 'Fallback result' }), 'DENY (reject when the handler fails)')
    await apply(user)
    const room = emulator.rooms.get(DEMO_ROOM_ARN)
    expect(room.messageReviewHandler).toEqual({ uri: 'arn:aws:lambda:us-west-2:123456789012:function:ivschat-emulator-review', fallbackResult: 'DENY' })
    expect(await review('hello')).toEqual({ result: 'ALLOW', content: 'hello', attributes: {}, fallback: false })
  })

  it('sets a deny-all review handler whose reason reaches the sender', async () => {
    const { user } = await openPanel()
    await chooseReview(user, 'Deny all, with a reason')
    const reason = demoRoom().getByRole('textbox', { name: 'Deny reason' })
    await user.clear(reason)
    await user.type(reason, 'Chat is read-only today')
    await apply(user)
    expect(await review('hello')).toEqual({ result: 'DENY', reason: 'Chat is read-only today', fallback: false })
  })

  it('sets a rewriting review handler that masks the word list', async () => {
    const { user } = await openPanel()
    await chooseReview(user, 'Rewrite: mask a word list')
    await user.type(demoRoom().getByRole('textbox', { name: 'Words to mask' }), 'darn, Heck')
    await apply(user)
    expect(await review('darn it, what the heck')).toEqual({ result: 'ALLOW', content: '**** it, what the ****', attributes: {}, fallback: false })
    // Re-rendered from the room, the panel still knows which preset it set.
    await waitFor(() => {
      expect((demoRoom().getByRole('textbox', { name: 'Words to mask' }) as HTMLInputElement).value).toBe('darn, Heck')
    })
  })

  it('sets a slow review handler: the timeout applies the fallback', async () => {
    const { user } = await openPanel()
    await chooseReview(user, 'Slow: never answers in time')
    await apply(user)
    expect(await review('hello')).toEqual({ result: 'ALLOW', content: 'hello', attributes: {}, fallback: true })
  })

  it('sets a failing review handler: with a DENY fallback the message is rejected', async () => {
    const { user } = await openPanel()
    await chooseReview(user, 'Failing: throws')
    await user.selectOptions(demoRoom().getByRole('combobox', { name: 'Fallback result' }), 'DENY (reject when the handler fails)')
    await apply(user)
    expect(() => emulator.rooms.get(DEMO_ROOM_ARN).review!({} as ReviewRequest)).toThrow(FAILING_REVIEW_MESSAGE)
    expect(await review('hello')).toEqual({
      result: 'DENY',
      reason: 'Message rejected: the review handler failed and the room falls back to DENY',
      fallback: true,
    })
  })

  it('removes the review handler with "None"', async () => {
    emulator.setReviewHandler(DEMO_ROOM_ARN, () => ({ ReviewResult: 'DENY' }))
    const { user } = await openPanel()
    // A function set from code shows as custom until replaced.
    expect((demoRoom().getByRole('combobox', { name: 'Review handler' }) as HTMLSelectElement).value).toBe('custom')
    await chooseReview(user, 'None (every message delivered)')
    await apply(user)
    const room = emulator.rooms.get(DEMO_ROOM_ARN)
    expect(room.review).toBeUndefined()
    expect(room.messageReviewHandler).toBeUndefined()
  })

  it('leaves a handler set from code alone when only the limits change', async () => {
    emulator.setReviewHandler(DEMO_ROOM_ARN, custom, 'DENY')
    const { user } = await openPanel()
    await setField(user, 'Maximum message length', '200')
    await apply(user)
    const room = emulator.rooms.get(DEMO_ROOM_ARN)
    expect(room.maximumMessageLength).toBe(200)
    expect(room.review).toBe(custom)
    expect(room.messageReviewHandler?.fallbackResult).toBe('DENY')
  })

  it('attaches a preset to a room created over REST that names a Lambda nothing stands for; the room keeps its Lambda ARN', async () => {
    const lambda = 'arn:aws:lambda:us-west-2:123456789012:function:moderation'
    const created = createRoom(emulator, { name: 'rest-room', messageReviewHandler: { uri: lambda, fallbackResult: 'DENY' } }, { region: 'us-west-2' })
    emulator.changed()
    const { user } = await openPanel()
    const form = within(await screen.findByRole('form', { name: 'Room rest-room' }))
    const select = form.getByRole('combobox', { name: 'Review handler' }) as HTMLSelectElement
    expect(select.value).toBe('unreachable')
    expect(select.selectedOptions[0]?.textContent).toBe('Lambda not reachable: the fallback result applies')
    expect(await review('hello', created.arn)).toMatchObject({ result: 'DENY', fallback: true })

    await user.selectOptions(select, 'Rewrite: mask a word list')
    await user.type(form.getByRole('textbox', { name: 'Words to mask' }), 'darn')
    await user.click(form.getByRole('button', { name: 'Apply to room' }))
    expect(emulator.rooms.get(created.arn).messageReviewHandler).toEqual({ uri: lambda, fallbackResult: 'DENY' })
    expect(await review('darn', created.arn)).toEqual({ result: 'ALLOW', content: '****', attributes: {}, fallback: false })
  })

  it('shows a room whose Lambda is bound by configuration, and changes only its fallback result', async () => {
    const lambda = 'arn:aws:lambda:us-west-2:123456789012:function:configured'
    emulator.reviewLambdas.bind(lambda, () => ({ ReviewResult: 'ALLOW', Content: 'reviewed' }))
    try {
      const created = createRoom(emulator, { name: 'bound-room', messageReviewHandler: { uri: lambda } }, { region: 'us-west-2' })
      emulator.changed()
      const { user } = await openPanel()
      const form = within(await screen.findByRole('form', { name: 'Room bound-room' }))
      expect((form.getByRole('combobox', { name: 'Review handler' }) as HTMLSelectElement).value).toBe('lambda')
      await user.selectOptions(form.getByRole('combobox', { name: 'Fallback result' }), 'DENY (reject when the handler fails)')
      await user.click(form.getByRole('button', { name: 'Apply to room' }))
      expect(emulator.rooms.get(created.arn).messageReviewHandler).toEqual({ uri: lambda, fallbackResult: 'DENY' })
      expect(await review('hello', created.arn)).toEqual({ result: 'ALLOW', content: 'reviewed', attributes: {}, fallback: false })
    } finally {
      emulator.reviewLambdas.unbind(lambda)
    }
  })
})
