import { CreateRoomCommand, DeleteRoomCommand, ListRoomsCommand, UpdateRoomCommand } from '@aws-sdk/client-ivschat'
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join as joinPath } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { WebSocket as WsClient } from 'ws'
import { DEMO_ROOM_ARN, Emulator } from '../../mocks/emulator/emulator'
import { closeOf, ivschatClient, mintToken, opened, startTestServer, until, type TestServer } from './helpers'

/** `--state FILE`: rooms survive a restart; tokens and sessions do not. */

let directory: string
let file: string
const running: TestServer[] = []

beforeEach(async () => {
  directory = await mkdtemp(joinPath(tmpdir(), 'ivschat-state-'))
  file = joinPath(directory, 'rooms.json')
})
afterEach(async () => {
  for (const server of running.splice(0)) await server.close()
  await rm(directory, { recursive: true, force: true })
})

async function start(): Promise<TestServer> {
  const server = await startTestServer({ stateFile: file })
  running.push(server)
  return server
}

async function stop(server: TestServer): Promise<void> {
  running.splice(running.indexOf(server), 1)
  await server.close()
}

async function listAll(server: TestServer) {
  const client = ivschatClient(server)
  try {
    return (await client.send(new ListRoomsCommand({}))).rooms ?? []
  } finally {
    client.destroy()
  }
}

async function onDisk(): Promise<{ rooms: { arn: string; name?: string }[] }> {
  return JSON.parse(await readFile(file, 'utf8')) as { rooms: { arn: string; name?: string }[] }
}

describe('rooms kept in a state file', () => {
  it('restores rooms with their ids, ARNs, times, limits, tags and review handler, and the demo room once', async () => {
    const first = await start()
    const client = ivschatClient(first)
    const created = await client.send(
      new CreateRoomCommand({
        name: 'kept',
        maximumMessageRatePerSecond: 42,
        maximumMessageLength: 321,
        tags: { team: 'chat' },
        messageReviewHandler: { uri: 'arn:aws:lambda:us-west-2:123456789012:function:review', fallbackResult: 'DENY' },
      }),
    )
    await client.send(new UpdateRoomCommand({ identifier: DEMO_ROOM_ARN, name: 'renamed-demo' }))
    const token = await mintToken(client)
    client.destroy()
    const before = await listAll(first)
    await stop(first)

    const saved = JSON.parse(await readFile(file, 'utf8')) as { version: number; rooms: { arn: string; maximumMessageLength: number }[] }
    expect(saved.version).toBe(1)
    expect(saved.rooms.map((room) => room.arn).sort()).toEqual([created.arn, DEMO_ROOM_ARN].sort())
    expect(await readdir(directory)).toEqual(['rooms.json'])

    const second = await start()
    expect(await listAll(second)).toEqual(before)
    expect(second.emulator.rooms.get(created.arn!)).toMatchObject({
      maximumMessageRatePerSecond: 42,
      maximumMessageLength: 321,
      messageReviewHandler: { uri: 'arn:aws:lambda:us-west-2:123456789012:function:review', fallbackResult: 'DENY' },
    })
    expect(second.log.of('info')).toContain(`rooms: 2 loaded from ${file}`)

    // A token is sealed with a key of its own run: the restarted server refuses it.
    const refused = new WsClient(second.socketUrl, [token])
    const status = await new Promise<number>((resolve) => {
      refused.on('error', () => {})
      refused.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    })
    expect(status).toBe(403)
  })

  it('keeps a deleted demo room deleted', async () => {
    const first = await start()
    const client = ivschatClient(first)
    await client.send(new DeleteRoomCommand({ identifier: DEMO_ROOM_ARN }))
    client.destroy()
    await stop(first)
    const second = await start()
    expect(await listAll(second)).toEqual([])
  })

  it('has every change on disk before it is answered', async () => {
    const server = await start()
    const client = ivschatClient(server)
    const created = await client.send(new CreateRoomCommand({ name: 'soon' }))
    expect((await onDisk()).rooms).toContainEqual(expect.objectContaining({ arn: created.arn, name: 'soon' }))
    await client.send(new UpdateRoomCommand({ identifier: created.arn, name: 'renamed' }))
    expect((await onDisk()).rooms).toContainEqual(expect.objectContaining({ arn: created.arn, name: 'renamed' }))
    await client.send(new DeleteRoomCommand({ identifier: created.arn }))
    expect((await onDisk()).rooms.map((room) => room.arn)).not.toContain(created.arn)
    client.destroy()
  })

  it('looks at the rooms only when they changed: tokens and chat connections do not snapshot them', async () => {
    const server = await start()
    const snapshot = vi.spyOn(server.emulator.rooms, 'snapshot')
    const client = ivschatClient(server)
    const token = await mintToken(client)
    client.destroy()
    const socket = new WebSocket(server.socketUrl, token)
    await opened(socket)
    const closed = closeOf(socket)
    socket.close(1000)
    await closed
    await until(() => server.emulator.sessions().length === 0)
    expect(snapshot).not.toHaveBeenCalled()

    // A room edited in place, then announced with emulator.changed(), is still saved.
    server.emulator.rooms.get(DEMO_ROOM_ARN).tags.edited = 'in place'
    server.emulator.changed()
    expect(snapshot).toHaveBeenCalledTimes(1)
    expect((await onDisk()).rooms).toContainEqual(expect.objectContaining({ arn: DEMO_ROOM_ARN, tags: expect.objectContaining({ edited: 'in place' }) }))
  })

  it('does not rewrite the file for a restart or a change that leaves the rooms as they were', async () => {
    const first = await start()
    const client = ivschatClient(first)
    await client.send(new CreateRoomCommand({ name: 'kept', tags: { team: 'chat' } }))
    client.destroy()
    await stop(first)
    const written = await stat(file)

    const second = await start()
    second.emulator.rooms.setTags(DEMO_ROOM_ARN, { ...second.emulator.rooms.get(DEMO_ROOM_ARN).tags })
    await stop(second)
    // The file is replaced by a rename on every write: the same inode is the same file, unwritten.
    expect((await stat(file)).ino).toBe(written.ino)
  })

  it('refuses to start on a file that is not a state file, and leaves it alone', async () => {
    await writeFile(file, '{"rooms": "mine"}')
    await expect(startTestServer({ stateFile: file })).rejects.toThrow(`${file} is not an emulator state file: version:`)
    await writeFile(file, 'not json')
    await expect(startTestServer({ stateFile: file })).rejects.toThrow(/is not valid JSON .*fix it or delete it/)
    expect(await readFile(file, 'utf8')).toBe('not json')
  })
})

describe('RoomStore.snapshot() and restore()', () => {
  it('copies rooms out and in, leaving a review function out', () => {
    const emulator = new Emulator()
    emulator.setReviewHandler(DEMO_ROOM_ARN, () => ({ ReviewResult: 'ALLOW' }))
    const [demo] = emulator.rooms.snapshot()
    expect(demo).not.toHaveProperty('review')
    expect(demo!.messageReviewHandler?.uri).toMatch(/^arn:aws:lambda:/)
    demo!.tags.changed = 'outside'
    expect(emulator.rooms.get(DEMO_ROOM_ARN).tags).toEqual({ purpose: 'demo' })

    const other = new Emulator()
    other.rooms.restore([{ ...demo!, id: 'Restored1234', arn: 'arn:aws:ivschat:us-west-2:123456789012:room/Restored1234' }])
    expect(other.rooms.all().map((room) => room.id)).toEqual(['Restored1234'])
    expect(other.rooms.all()[0]!.createTime).toBe(demo!.createTime)
  })
})
