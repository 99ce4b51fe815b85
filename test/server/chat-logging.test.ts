import { execFile, spawnSync } from 'node:child_process'
import { lstat, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { CreateLoggingConfigurationCommand, CreateRoomCommand, DeleteMessageCommand, SendEventCommand } from '@aws-sdk/client-ivschat'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { logFileName } from '../../mocks/emulator/chat-logging'
import { PYTHON_TIMEOUT_MS, ivschatClient, join as joinRoom, startTestServer, type TestServer } from './helpers'

/**
 * Chat logging in the server: every message and event of a room with logging configurations,
 * as JSON lines in one file per destination under `--logs-dir`, in the record format of the
 * IVS Chat user guide's chat logging page. Files are polled up to a bound (a missing record
 * fails the test at the bound instead of hanging it); no timing is asserted.
 */

const run = promisify(execFile)
const hasBoto3 = spawnSync('python3', ['-c', 'import boto3']).status === 0
const BOTO3_SCRIPT = fileURLToPath(new URL('./boto3-logging.py', import.meta.url))
/** How long a record may take to show in a file before the test gives up (not a measurement). */
const POLL_BOUND_MS = 5_000

let dir: string
let server: TestServer | undefined

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ivschat-logs-'))
})
afterEach(async () => {
  await server?.close()
  server = undefined
  await rm(dir, { recursive: true, force: true })
})

interface LogRecord {
  event_timestamp: string
  type: string
  version: string
  payload: Record<string, unknown> & { Type: string; Id: string }
}

/** The records in a file, once it holds at least `count` (polled up to the bound). */
async function recordsIn(path: string, count: number): Promise<LogRecord[]> {
  const deadline = Date.now() + POLL_BOUND_MS
  for (;;) {
    const text = await readFile(path, 'utf8').catch(() => '')
    const lines = text.split('\n').filter((line) => line !== '')
    if (lines.length >= count || Date.now() > deadline) {
      // Every line is whole JSON (JSON.parse throws on half a record).
      return lines.map((line) => JSON.parse(line) as LogRecord)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('--logs-dir', () => {
  it('messages and events of a room with two destinations, in both files, in the user guide\'s record format', async () => {
    server = await startTestServer({ logsDir: dir })
    const client = ivschatClient(server)
    const cloudWatch = await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { cloudWatchLogs: { logGroupName: '/aws/ivschat/demo' } } }))
    const firehose = await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { firehose: { deliveryStreamName: 'chat-stream' } } }))
    const room = await client.send(new CreateRoomCommand({ loggingConfigurationIdentifiers: [cloudWatch.arn!, firehose.arn!] }))
    const alice = await joinRoom(server, client, 'alice', { roomArn: room.arn!, attributes: { displayName: 'Alice' } })

    const sent = await alice.room.sendMessage(new (await import('amazon-ivs-chat-messaging')).SendMessageRequest('hello logs', { color: 'red' }))
    await client.send(new SendEventCommand({ roomIdentifier: room.arn, eventName: 'app:ping', attributes: { n: '1' } }))
    await client.send(new DeleteMessageCommand({ roomIdentifier: room.arn, id: sent.id, reason: 'spam' }))

    const paths = [join(dir, 'cloudwatch-logs-%2Faws%2Fivschat%2Fdemo.jsonl'), join(dir, 'firehose-chat-stream.jsonl')]
    const [cloudWatchRecords, firehoseRecords] = await Promise.all(paths.map((path) => recordsIn(path, 3)))
    expect(cloudWatchRecords).toEqual(firehoseRecords)
    expect(cloudWatchRecords).toHaveLength(3)
    const [message, event, deletion] = cloudWatchRecords as [LogRecord, LogRecord, LogRecord]
    expect(Object.keys(message).sort()).toEqual(['event_timestamp', 'payload', 'type', 'version'])
    expect(message).toMatchObject({
      type: 'MESSAGE',
      version: '1.0',
      payload: { Type: 'MESSAGE', Id: sent.id, Content: 'hello logs', Attributes: { color: 'red' }, Sender: { UserId: 'alice', Attributes: { displayName: 'Alice' } } },
    })
    expect(message.event_timestamp).toBe(message.payload.SendTime)
    expect(Number.isNaN(Date.parse(message.event_timestamp))).toBe(false)
    expect(event).toMatchObject({ type: 'EVENT', payload: { Type: 'EVENT', EventName: 'app:ping', Attributes: { n: '1' } } })
    expect(deletion).toMatchObject({ type: 'EVENT', payload: { EventName: 'aws:DELETE_MESSAGE', Attributes: { MessageId: sent.id, Reason: 'spam' } } })
    expect((await readdir(dir)).sort()).toEqual(['cloudwatch-logs-%2Faws%2Fivschat%2Fdemo.jsonl', 'firehose-chat-stream.jsonl'])
    alice.room.disconnect()
    client.destroy()
  })

  it('a room without logging configurations writes nothing; one in a non-ACTIVE state is not logged to', async () => {
    server = await startTestServer({ logsDir: dir })
    const client = ivschatClient(server)
    const s3 = await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { s3: { bucketName: 'paused' } } }))
    const logged = await client.send(new CreateRoomCommand({ loggingConfigurationIdentifiers: [s3.arn!] }))
    const unlogged = await client.send(new CreateRoomCommand({}))

    await client.send(new SendEventCommand({ roomIdentifier: unlogged.arn, eventName: 'not-logged' }))
    server.emulator.loggingConfigurations.setState(s3.arn!, 'UPDATE_FAILED')
    await client.send(new SendEventCommand({ roomIdentifier: logged.arn, eventName: 'not-logged-either' }))
    server.emulator.loggingConfigurations.setState(s3.arn!, 'ACTIVE')
    await client.send(new SendEventCommand({ roomIdentifier: logged.arn, eventName: 'logged' }))

    const records = await recordsIn(join(dir, 's3-paused.jsonl'), 1)
    expect(records.map((record) => record.payload.EventName)).toEqual(['logged'])
    expect(await readdir(dir)).toEqual(['s3-paused.jsonl'])
    client.destroy()
  })

  it('does not follow a symlink planted at a log file\'s name: the target is untouched, the error is logged, the server serves on', async () => {
    const outside = join(dir, '..', `${dir.split('/').at(-1)}-outside.txt`)
    await writeFile(outside, 'precious\n')
    const logsDir = join(dir, 'logs')
    server = await startTestServer({ logsDir })
    await symlink(outside, join(logsDir, 's3-trap.jsonl'))
    const client = ivschatClient(server)
    const trap = await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { s3: { bucketName: 'trap' } } }))
    const safe = await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration: { s3: { bucketName: 'safe' } } }))
    const room = await client.send(new CreateRoomCommand({ loggingConfigurationIdentifiers: [trap.arn!, safe.arn!] }))

    await client.send(new SendEventCommand({ roomIdentifier: room.arn, eventName: 'e' }))

    expect(await recordsIn(join(logsDir, 's3-safe.jsonl'), 1)).toHaveLength(1)
    const deadline = Date.now() + POLL_BOUND_MS
    while (!server.log.of('error').some((line) => line.includes('s3-trap.jsonl')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(server.log.of('error').find((line) => line.includes('s3-trap.jsonl'))).toMatch(/cannot be written/)
    expect(await readFile(outside, 'utf8')).toBe('precious\n')
    expect((await lstat(join(logsDir, 's3-trap.jsonl'))).isSymbolicLink()).toBe(true)
    await rm(outside)
    client.destroy()
  })
})

describe('file names', () => {
  it.each([
    { destination: { kind: 's3' as const, name: 'my.bucket-1' }, file: 's3-my.bucket-1.jsonl' },
    { destination: { kind: 'cloudWatchLogs' as const, name: '/aws/ivs#chat' }, file: 'cloudwatch-logs-%2Faws%2Fivs%23chat.jsonl' },
    { destination: { kind: 'firehose' as const, name: '..' }, file: 'firehose-...jsonl' },
  ])('$destination.kind $destination.name → $file', ({ destination, file }) => {
    expect(logFileName(destination)).toBe(file)
  })

  it('a 512-character log group name becomes a name under 200 characters, distinct from its neighbour', () => {
    const a = logFileName({ kind: 'cloudWatchLogs', name: `/${'a'.repeat(511)}` })
    const b = logFileName({ kind: 'cloudWatchLogs', name: `/${'a'.repeat(510)}b` })

    expect(a.length).toBeLessThanOrEqual(200)
    expect(a).toMatch(/^cloudwatch-logs-%2Fa+~[0-9a-f]{14}\.jsonl$/)
    expect(a).not.toBe(b)
  })

  it('the same name of two kinds is two files', () => {
    expect(logFileName({ kind: 's3', name: 'chat' })).not.toBe(logFileName({ kind: 'firehose', name: 'chat' }))
  })
})

describe('boto3', () => {
  it.runIf(hasBoto3)(
    `runs the 8 logging-configuration and tag operations, and the room it configures logs to both destinations${hasBoto3 ? '' : ' (skipped: python3 with boto3 not found)'}`,
    async () => {
      server = await startTestServer({ logsDir: dir })
      const { stdout } = await run('python3', [BOTO3_SCRIPT, server.url])
      const result = JSON.parse(stdout) as Record<string, unknown> & {
        created: { arn: string; state: string }[]
        room: { arn: string; loggingConfigurationIdentifiers: string[] }
        errors: Record<string, unknown>
      }

      const [cloudWatch, firehose, s3] = result.created as unknown as [{ arn: string }, { arn: string }, { arn: string }]
      expect(result.created.map((c) => c.state)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE'])
      expect(result.created[0]).toMatchObject({ name: 'boto3-cloudwatch', destinationConfiguration: { cloudWatchLogs: { logGroupName: '/aws/ivschat/boto3' } }, tags: { lang: 'python' } })
      expect(result.createTimeType).toBe('datetime')
      expect(result.got).toEqual(result.created[0])
      expect([...(result.listed as string[])].sort()).toEqual([cloudWatch.arn, firehose.arn, s3.arn].sort())
      expect(result.lastPageHasToken).toBe(false)
      expect(result.updated).toMatchObject({ arn: firehose.arn, name: 'boto3-firehose', state: 'ACTIVE' })
      expect(result.room.loggingConfigurationIdentifiers).toEqual([cloudWatch.arn, firehose.arn])
      expect(result.roomTags).toEqual({ env: 'dev' })
      expect(result.configurationTags).toEqual({ lang: 'python', env: 'dev' })
      expect(result.errors).toEqual({
        reservedTag: { code: 'ValidationException', status: 400, reason: 'FIELD_VALIDATION_FAILED', fields: ['tags'] },
        tooManyTags: { code: 'ValidationException', status: 400, reason: 'FIELD_VALIDATION_FAILED', fields: ['tags'] },
        badBucket: { code: 'ValidationException', status: 400, reason: 'FIELD_VALIDATION_FAILED', fields: ['destinationConfiguration.s3.bucketName'] },
        inUse: { code: 'ConflictException', status: 409, resourceId: result.room.arn.split('/')[1], resourceType: 'ROOM', fields: [] },
        missing: { code: 'ResourceNotFoundException', status: 404, resourceId: 'NoSuchConfig', resourceType: 'ROOM', fields: [] },
        roomWithMissing: { code: 'ResourceNotFoundException', status: 404, resourceId: 'NoSuchConfig', resourceType: 'ROOM', fields: [] },
        untagMissing: { code: 'ResourceNotFoundException', status: 404, resourceId: 'NoSuchRoom12', resourceType: 'ROOM', fields: [] },
      })
      expect(result.deletedStatus).toBe(204)
      expect([...(result.afterDelete as string[])].sort()).toEqual([cloudWatch.arn, firehose.arn].sort())

      // The event boto3 sent, then a message from a chat socket, in both destinations' files.
      const client = ivschatClient(server)
      const bob = await joinRoom(server, client, 'bob', { roomArn: result.room.arn })
      const { SendMessageRequest } = await import('amazon-ivs-chat-messaging')
      await bob.room.sendMessage(new SendMessageRequest('from a socket'))
      for (const file of ['cloudwatch-logs-%2Faws%2Fivschat%2Fboto3.jsonl', 'firehose-boto3-stream.jsonl']) {
        const records = await recordsIn(join(dir, file), 2)
        expect(records.map((record) => [record.type, record.payload.Id])).toEqual([
          ['EVENT', result.event],
          ['MESSAGE', expect.any(String)],
        ])
        expect(records[1]!.payload).toMatchObject({ Content: 'from a socket', Sender: { UserId: 'bob' } })
      }
      bob.room.disconnect()
      client.destroy()
    },
    PYTHON_TIMEOUT_MS,
  )
})
