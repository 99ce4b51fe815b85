import { describe, expect, it } from 'vitest'
import { readClientFrame } from '../../mocks/emulator/client-frame'

/**
 * The contract is on zod/mini, which loads no locale (every message would read "Invalid
 * input"); the emulator loads zod's English itself before it parses. Nothing else in this
 * file's imports loads a locale, so this fails if the emulator stops doing so.
 */
describe('zod issue wording in the emulator', () => {
  it('quotes zod in English in an ERROR frame about a bad action', () => {
    expect(readClientFrame('{"Action":"SEND_MESSAGE","RequestId":"r1"}')).toMatchObject({
      ok: false,
      errorCode: 400,
      errorMessage: 'Invalid SEND_MESSAGE request: Content Invalid input: expected string, received undefined',
      requestId: 'r1',
    })
  })
})
