import { CreateRoomCommand, DeleteRoomCommand, ListRoomsCommand, UpdateRoomCommand } from '@aws-sdk/client-ivschat'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join as joinPath } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ivschatClient as sharedClient } from '../contract/ivschat-client'
import { ivschatClient, REGION, startTestServer } from './helpers'
import { cleanUpProcesses, cli, endpointOf } from './processes'

/**
 * `kill -9` right after a 200: every change answered is in the state file. Saves used to be
 * debounced by 100 ms, so the rooms answered in the last 100 ms before a crash were lost.
 */

cleanUpProcesses()

let directory: string
let file: string

beforeEach(async () => {
  directory = await mkdtemp(joinPath(tmpdir(), 'ivschat-crash-'))
  file = joinPath(directory, 'rooms.json')
})
afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

describe('kill -9 right after a 200', () => {
  it('loses nothing that was answered: created, updated and deleted rooms are on disk', async () => {
    const server = cli(['--port', '0', '--state', file])
    const client = sharedClient(REGION, await endpointOf(server))
    const created: string[] = []
    for (let i = 0; i < 20; i++) created.push((await client.send(new CreateRoomCommand({ name: `room-${i}` }))).arn!)
    await client.send(new UpdateRoomCommand({ identifier: created[0], name: 'renamed' }))
    await client.send(new DeleteRoomCommand({ identifier: created[1] }))
    // A burst in flight together, each answered before the kill.
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => client.send(new CreateRoomCommand({ name: `burst-${i}` }))))
    server.child.kill('SIGKILL')
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' })
    client.destroy()

    const restarted = await startTestServer({ stateFile: file })
    try {
      const after = ivschatClient(restarted)
      const { rooms } = await after.send(new ListRoomsCommand({}))
      after.destroy()
      const byArn = new Map(rooms!.map((room) => [room.arn, room]))
      for (const arn of [...created.slice(2), ...burst.map((room) => room.arn!)]) expect(byArn.has(arn), `${arn} was lost`).toBe(true)
      expect(byArn.get(created[0]!)?.name).toBe('renamed')
      expect(byArn.has(created[1]!)).toBe(false)
      // No temporary file left behind by the kill.
      expect(await readdir(directory)).toEqual(['rooms.json'])
    } finally {
      await restarted.close()
    }
  }, 60_000)
})
