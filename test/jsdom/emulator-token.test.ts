import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { DEMO_ROOM_ARN, emulator, server } from '../../mocks/node'

/**
 * A user's plain jsdom test, with no setup of its own, mints a token through `server`.
 * Under jsdom, byte arrays can come from another realm (jsdom's `TextEncoder` returns jsdom's
 * `Uint8Array`) and jose refuses them: the emulator must hand jose bytes of its own realm.
 */

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => emulator.reset())
afterAll(() => server.close())

it('mints, decrypts and redeems a token in a jsdom environment', async () => {
  expect(window.document).toBeDefined()
  const response = await fetch('https://ivschat.us-west-2.amazonaws.com/CreateChatToken', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roomIdentifier: DEMO_ROOM_ARN, userId: 'jsdom-user', attributes: { name: 'Zoë 😀' } }),
  })
  const body = (await response.json()) as { token: string; tokenExpirationTime: string }

  expect(response.status).toBe(200)
  expect(body.token).toMatch(/^[A-Za-z0-9._-]+$/)
  await expect(emulator.tokens.open(body.token)).resolves.toMatchObject({ userId: 'jsdom-user', attributes: { name: 'Zoë 😀' } })
  expect(emulator.tokens.redeem(body.token).ok).toBe(true)
})
