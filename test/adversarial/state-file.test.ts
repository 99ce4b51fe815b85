import { CreateRoomCommand } from '@aws-sdk/client-ivschat'
import * as fc from 'fast-check'
import { lstat, mkdtemp, readFile, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join as joinPath } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Emulator } from '../../mocks/emulator/emulator'
import { writeFileDurably } from '../../mocks/server/durable-write'
import { loadRooms } from '../../mocks/server/state-file'
import { ivschatClient, startTestServer } from '../server/helpers'
import { cleanUpProcesses, cli } from '../server/processes'
import { restCall, SEED } from './support'

/**
 * The state file as an attacker (or a careless hand) meets it: a symlink planted where the
 * server writes, and files that break the service's own limits. The server never writes
 * through a link, and refuses a bad file with a message naming the entry at fault, so that
 * nothing it loads can make an answer fail.
 */

cleanUpProcesses()

let directory: string
let file: string
let victim: string

beforeEach(async () => {
  directory = await mkdtemp(joinPath(tmpdir(), 'ivschat-state-attack-'))
  file = joinPath(directory, 'rooms.json')
  victim = joinPath(directory, 'victim.txt')
  await writeFile(victim, 'precious\n')
})
afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

describe('a symlink planted where the state file is written', () => {
  it('at the temporary name: not written through; a fresh name is used', async () => {
    const planted = joinPath(directory, 'planted.tmp')
    await symlink(victim, planted)
    const names = [planted, joinPath(directory, 'fresh.tmp')]
    writeFileDurably(file, 'saved\n', () => names.shift()!)

    expect(await readFile(victim, 'utf8')).toBe('precious\n')
    expect(await readlink(planted)).toBe(victim)
    expect(await readFile(file, 'utf8')).toBe('saved\n')
  })

  it('at every name it tries: refused, the victim and the state file untouched', async () => {
    const planted = joinPath(directory, 'planted.tmp')
    await symlink(victim, planted)
    await writeFile(file, 'before\n')
    expect(() => writeFileDurably(file, 'saved\n', () => planted)).toThrow(/EEXIST/)
    expect(await readFile(victim, 'utf8')).toBe('precious\n')
    expect(await readFile(file, 'utf8')).toBe('before\n')
  })

  it("at the server's old temporary name (rooms.json.<pid>.tmp), and at the state file itself: nothing written through", async () => {
    // The name the server used to write to, predictable from its pid.
    await symlink(victim, `${file}.${process.pid}.tmp`)
    const server = await startTestServer({ stateFile: file })
    const client = ivschatClient(server)
    const created = await client.send(new CreateRoomCommand({ name: 'kept' }))
    client.destroy()
    await server.close()
    expect(await readFile(victim, 'utf8')).toBe('precious\n')
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ rooms: expect.arrayContaining([expect.objectContaining({ arn: created.arn })]) })

    // A link at the state file's own name is replaced by the file, never followed on write.
    await rm(file)
    await symlink(victim, file)
    const second = await startTestServer({ stateFile: file }).catch((error: unknown) => error)
    expect(String(second)).toContain('is not valid JSON')
    expect(await readFile(victim, 'utf8')).toBe('precious\n')
    await rm(file)
    await writeFile(victim, JSON.stringify({ version: 1, rooms: [] }))
    await symlink(victim, file)
    const third = await startTestServer({ stateFile: file })
    const thirdClient = ivschatClient(third)
    await thirdClient.send(new CreateRoomCommand({ name: 'after' }))
    thirdClient.destroy()
    await third.close()
    expect(await readFile(victim, 'utf8')).toBe(JSON.stringify({ version: 1, rooms: [] }))
    expect((await lstat(file)).isSymbolicLink()).toBe(false)
    expect((await readdir(directory)).sort()).toEqual(['rooms.json', 'rooms.json.' + process.pid + '.tmp', 'victim.txt'].sort())
  })
})

/** A state file as the server writes it, one room changed by `change`. */
function stateWith(change: (rooms: Record<string, unknown>[]) => void): string {
  const rooms: Record<string, unknown>[] = [validRoom('AAAAAAAAAAAA'), validRoom('BBBBBBBBBBBB')]
  change(rooms)
  return JSON.stringify({ version: 1, rooms })
}

function validRoom(id: string): Record<string, unknown> {
  return {
    id,
    arn: `arn:aws:ivschat:us-west-2:123456789012:room/${id}`,
    name: 'ok',
    createTime: 1_764_000_000_000,
    updateTime: 1_764_000_000_000,
    maximumMessageRatePerSecond: 10,
    maximumMessageLength: 500,
    tags: {},
    loggingConfigurationIdentifiers: [],
  }
}

const ROOM_B = 'rooms.1 (arn:aws:ivschat:us-west-2:123456789012:room/BBBBBBBBBBBB)'

describe('a state file that breaks the service limits is refused, naming the entry', () => {
  it.each([
    ['createTime: 1e20', (rooms: Record<string, unknown>[]) => (rooms[1]!.createTime = 1e20), `${ROOM_B}.createTime`],
    ['updateTime before createTime', (rooms: Record<string, unknown>[]) => (rooms[1]!.updateTime = 1), `${ROOM_B}.updateTime: must not be before createTime`],
    ['createTime not a number', (rooms: Record<string, unknown>[]) => (rooms[1]!.createTime = '2026-01-01'), `${ROOM_B}.createTime`],
    ['maximumMessageLength 0', (rooms: Record<string, unknown>[]) => (rooms[1]!.maximumMessageLength = 0), `${ROOM_B}.maximumMessageLength`],
    ['maximumMessageLength 501', (rooms: Record<string, unknown>[]) => (rooms[1]!.maximumMessageLength = 501), `${ROOM_B}.maximumMessageLength`],
    ['maximumMessageRatePerSecond 1.5', (rooms: Record<string, unknown>[]) => (rooms[1]!.maximumMessageRatePerSecond = 1.5), `${ROOM_B}.maximumMessageRatePerSecond`],
    ['60 tags', (rooms: Record<string, unknown>[]) => (rooms[1]!.tags = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'v']))), `${ROOM_B}.tags`],
    ['a tag value of 257 characters', (rooms: Record<string, unknown>[]) => (rooms[1]!.tags = { k: 'v'.repeat(257) }), `${ROOM_B}.tags.k`],
    ['a duplicate ARN', (rooms: Record<string, unknown>[]) => rooms.push(validRoom('AAAAAAAAAAAA')), 'rooms.2 (arn:aws:ivschat:us-west-2:123456789012:room/AAAAAAAAAAAA): the same ARN as rooms.0'],
    ['a duplicate id in another region', (rooms: Record<string, unknown>[]) => rooms.push({ ...validRoom('AAAAAAAAAAAA'), arn: 'arn:aws:ivschat:eu-west-1:123456789012:room/AAAAAAAAAAAA' }), 'rooms.2 (arn:aws:ivschat:eu-west-1:123456789012:room/AAAAAAAAAAAA): the same id as rooms.0'],
    ['a bad ARN', (rooms: Record<string, unknown>[]) => (rooms[1]!.arn = 'arn:aws:s3:::bucket'), 'rooms.1 (arn:aws:s3:::bucket).arn'],
    ["an ARN not ending with the room's id", (rooms: Record<string, unknown>[]) => (rooms[1]!.arn = 'arn:aws:ivschat:us-west-2:123456789012:room/CCCCCCCCCCCC'), 'rooms.1 (arn:aws:ivschat:us-west-2:123456789012:room/CCCCCCCCCCCC).arn: must end with :room/BBBBBBBBBBBB'],
    ['an id of the wrong shape', (rooms: Record<string, unknown>[]) => Object.assign(rooms[1]!, validRoom('short')), 'rooms.1 (arn:aws:ivschat:us-west-2:123456789012:room/short).id'],
    ['a name that CreateRoom refuses', (rooms: Record<string, unknown>[]) => (rooms[1]!.name = 'no spaces'), `${ROOM_B}.name`],
    ['a review handler that is not a Lambda', (rooms: Record<string, unknown>[]) => (rooms[1]!.messageReviewHandler = { uri: 'http://example.com' }), `${ROOM_B}.messageReviewHandler.uri`],
    ['four logging configurations', (rooms: Record<string, unknown>[]) => (rooms[1]!.loggingConfigurationIdentifiers = Array.from({ length: 4 }, (_, i) => `arn:aws:ivschat:us-west-2:123456789012:logging-configuration/L${i}`)), `${ROOM_B}.loggingConfigurationIdentifiers`],
    ['tags not an object', (rooms: Record<string, unknown>[]) => (rooms[1]!.tags = ['a']), `${ROOM_B}.tags`],
    ['a room that is not an object', (rooms: Record<string, unknown>[]) => (rooms[1] = 5 as unknown as Record<string, unknown>), 'rooms.1:'],
  ])('%s', async (_label, change, named) => {
    const text = stateWith(change)
    await writeFile(file, text)
    const error = await startTestServer({ stateFile: file }).then(
      async (server) => {
        await server.close()
        return 'started'
      },
      (caught: unknown) => (caught instanceof Error ? caught.message : String(caught)),
    )
    expect(error).toContain(`${file} is not an emulator state file: ${named}`)
    expect(error).toMatch(/; fix it or delete it$/)
    // Left as it was, for the user to fix.
    expect(await readFile(file, 'utf8')).toBe(text)
  })

  it('the CLI prints the message and exits non-zero', async () => {
    await writeFile(file, stateWith((rooms) => (rooms[1]!.createTime = 1e20)))
    const run = cli(['--port', '0', '--state', file])
    expect((await run.exited).code).toBe(1)
    expect(run.output()).toContain(`${file} is not an emulator state file: ${ROOM_B}.createTime`)
  }, 60_000)

  it('a valid file loads', async () => {
    await writeFile(file, stateWith(() => {}))
    expect((await loadRooms(file))!.map((room) => room.id)).toEqual(['AAAAAAAAAAAA', 'BBBBBBBBBBBB'])
  })
})

describe('whatever a state file holds', () => {
  const anyValue = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(1e20, -1, 0, 8.64e15 + 1, Number.MAX_SAFE_INTEGER, 501, 101, '', 'x'.repeat(300), null, true, [], {}),
    fc.string({ maxLength: 20 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 60 }),
  )
  const field = fc.constantFrom('id', 'arn', 'name', 'createTime', 'updateTime', 'maximumMessageRatePerSecond', 'maximumMessageLength', 'messageReviewHandler', 'tags', 'loggingConfigurationIdentifiers')

  it('is refused at load, or every room it loads is listed and read with 200 (500 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), field, anyValue), { maxLength: 3 }), async (changes) => {
        await writeFile(file, stateWith((rooms) => {
          for (const [index, key, value] of changes) {
            if (index === 2) rooms.push({ ...validRoom('AAAAAAAAAAAA'), [key]: value })
            else rooms[index]![key] = value
          }
        }))
        const rooms = await loadRooms(file).catch(() => undefined)
        if (!rooms) return
        const emulator = new Emulator()
        emulator.rooms.restore(rooms)
        let nextToken: string | undefined
        do {
          const answer = await restCall(emulator, 'ListRooms', JSON.stringify({ maxResults: 1, ...(nextToken ? { nextToken } : {}) }))
          expect({ status: answer.status, body: answer.status === 200 ? '' : answer.body }).toEqual({ status: 200, body: '' })
          nextToken = (JSON.parse(answer.body!) as { nextToken?: string }).nextToken
        } while (nextToken)
        for (const room of rooms) {
          const answer = await restCall(emulator, 'GetRoom', JSON.stringify({ identifier: room.arn }))
          expect({ status: answer.status, body: answer.status === 200 ? '' : answer.body }).toEqual({ status: 200, body: '' })
        }
      }),
      { seed: SEED, numRuns: 500 },
    )
  })
})
