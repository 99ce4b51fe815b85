import { describe, expect, it } from 'vitest'
import { Emulator } from '../../mocks/emulator/emulator'
import { PAGE_TOKENS_KEPT, PageTokens } from '../../mocks/emulator/page-tokens'
import { IvsChatError } from '../../mocks/emulator/errors'
import { expectWellFormedError, restCall } from './support'

/**
 * `nextToken` cannot be forged: ListRooms accepts only tokens it issued. The old token was the
 * base64 of `[updateTime, id]`, so anyone could write one pointing anywhere (and any
 * well-formed one was accepted).
 */

async function listRooms(emulator: Emulator, body: object): Promise<{ status: number; rooms: { id: string }[]; nextToken?: string; raw: string }> {
  const answer = await restCall(emulator, 'ListRooms', JSON.stringify(body))
  const parsed = answer.status === 200 ? (JSON.parse(answer.body!) as { rooms: { id: string }[]; nextToken?: string }) : { rooms: [] }
  return { status: answer.status, ...parsed, raw: answer.body ?? '' }
}

async function withRooms(count: number): Promise<Emulator> {
  const emulator = new Emulator()
  for (let i = 0; i < count; i++) {
    emulator.advanceTime(1_000)
    expect((await restCall(emulator, 'CreateRoom', JSON.stringify({ name: `room-${i}` }))).status).toBe(200)
  }
  return emulator
}

function expectRefused(answer: Awaited<ReturnType<typeof restCall>>): void {
  const { type, body } = expectWellFormedError(answer, ['name', 'nextToken', 'maxResults', 'messageReviewHandlerUri', 'loggingConfigurationIdentifier'])
  expect(type).toBe('ValidationException')
  expect(body.fieldList).toEqual([{ name: 'nextToken', message: 'Pagination token is invalid or expired' }])
}

describe('ListRooms nextToken', () => {
  it('pages with the tokens it issues, and refuses every forged one with a ValidationException on nextToken', async () => {
    const emulator = await withRooms(6)
    const first = await listRooms(emulator, { maxResults: 2 })
    expect(first.nextToken).toMatch(/^[A-Za-z0-9_-]{32}$/)
    // The token says nothing about the rooms.
    for (const room of first.rooms) expect(first.nextToken).not.toContain(room.id)
    const second = await listRooms(emulator, { maxResults: 2, nextToken: first.nextToken })
    expect(second.status).toBe(200)
    // A token can be used again (a retried page).
    expect((await listRooms(emulator, { maxResults: 2, nextToken: first.nextToken })).rooms).toEqual(second.rooms)

    const all = (await listRooms(emulator, {})).rooms
    const forged = [
      // The old format, pointing after any room the forger likes.
      btoa(JSON.stringify([Date.now(), all[3]!.id])).replaceAll('=', ''),
      btoa(JSON.stringify([9e15, 'x'])),
      // A real token with one character changed.
      `${first.nextToken!.slice(0, -1)}${first.nextToken!.endsWith('A') ? 'B' : 'A'}`,
      'not-a-token',
      'A'.repeat(32),
    ]
    for (const nextToken of forged) expectRefused(await restCall(emulator, 'ListRooms', JSON.stringify({ maxResults: 2, nextToken })))
  })

  it("refuses another emulator's token and its own after a reset", async () => {
    const emulator = await withRooms(3)
    const other = await withRooms(3)
    const token = (await listRooms(emulator, { maxResults: 1 })).nextToken!
    expect((await listRooms(emulator, { nextToken: token })).rooms).toHaveLength(3)
    expectRefused(await restCall(other, 'ListRooms', JSON.stringify({ nextToken: token })))
    emulator.reset()
    expectRefused(await restCall(emulator, 'ListRooms', JSON.stringify({ nextToken: token })))
  })
})

describe('PageTokens', () => {
  it(`keeps the newest ${PAGE_TOKENS_KEPT} tokens (a used one counts as new) and refuses the older ones`, () => {
    const tokens = new PageTokens<number>()
    const oldest = tokens.issue(0)
    const kept = tokens.issue(1)
    for (let i = 2; i < PAGE_TOKENS_KEPT; i++) tokens.issue(i)
    expect(tokens.read(kept)).toBe(1)
    tokens.issue(PAGE_TOKENS_KEPT)
    tokens.issue(PAGE_TOKENS_KEPT + 1)
    expect(() => tokens.read(oldest)).toThrow(IvsChatError)
    expect(tokens.read(kept)).toBe(1)
    expect(tokens.read(undefined)).toBeUndefined()
    expect(tokens.read('')).toBeUndefined()
  })
})
