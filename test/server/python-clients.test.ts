import { execFile, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN } from '../../mocks/emulator/emulator'
import { closeOf, opened, startTestServer, type TestServer } from './helpers'

/**
 * AWS's Python clients against the server: boto3 (Debian's `python3-boto3`) and the AWS CLI
 * (`awscli`). `.ci/run` installs both; on a machine without them these two tests are skipped
 * and say so in their names.
 */

const run = promisify(execFile)
const hasBoto3 = spawnSync('python3', ['-c', 'import boto3']).status === 0
const hasAwsCli = spawnSync('aws', ['--version']).status === 0
const BOTO3_SCRIPT = fileURLToPath(new URL('./boto3-client.py', import.meta.url))

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
})

/** The token opens a chat socket on the server: it was minted by this emulator. */
async function expectTokenToConnect(token: string): Promise<void> {
  const socket = new WebSocket(server.socketUrl, token)
  await opened(socket)
  const closed = closeOf(socket)
  socket.close(1000)
  await closed
}

/** The AWS CLI with dummy credentials only: no profile, config file, instance metadata or pager. */
function awsCliEnvironment(): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')))
  return {
    ...inherited,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  }
}

describe('AWS Python clients', () => {
  it.runIf(hasBoto3)(
    `boto3 creates a room and a chat token, and raises ValidationException and ResourceNotFoundException${hasBoto3 ? '' : ' (skipped: python3 with boto3 not found; apt-get install python3-boto3)'}`,
    async () => {
      const { stdout } = await run('python3', [BOTO3_SCRIPT, server.url])
      const result = JSON.parse(stdout) as Record<string, unknown> & { token: string; room: { arn: string } }
      expect(result.room).toMatchObject({ name: 'from-boto3', maximumMessageRatePerSecond: 5, tags: { lang: 'python' }, createTimeType: 'datetime' })
      expect(server.emulator.rooms.find(result.room.arn)?.name).toBe('from-boto3')
      expect(result.tokenExpirationTimeType).toBe('datetime')
      expect(result.validation).toEqual({ code: 'ValidationException', status: 400, reason: 'FIELD_VALIDATION_FAILED', fields: ['roomIdentifier'] })
      expect(result.notFound).toEqual({ code: 'ResourceNotFoundException', status: 404, resourceId: 'NoSuchRoom12', resourceType: 'ROOM' })
      await expectTokenToConnect(result.token)
    },
    60_000, // a Python process importing boto3
  )

  it.runIf(hasAwsCli)(
    `the AWS CLI runs create-chat-token, and reports a missing room${hasAwsCli ? '' : ' (skipped: the aws command was not found; apt-get install awscli)'}`,
    async () => {
      const env = awsCliEnvironment()
      const common = ['--endpoint-url', server.url, '--region', 'us-west-2', '--output', 'json']
      const { stdout } = await run(
        'aws',
        ['ivschat', 'create-chat-token', '--room-identifier', DEMO_ROOM_ARN, '--user-id', 'alice', '--capabilities', 'SEND_MESSAGE', ...common],
        { env },
      )
      const answer = JSON.parse(stdout) as { token: string; tokenExpirationTime: string; sessionExpirationTime: string }
      expect(answer.token).toMatch(/^[A-Za-z0-9._-]+$/)
      expect(Number.isNaN(Date.parse(answer.sessionExpirationTime))).toBe(false)
      await expectTokenToConnect(answer.token)

      const failure = await run('aws', ['ivschat', 'get-room', '--identifier', 'arn:aws:ivschat:us-west-2:123456789012:room/NoSuchRoom12', ...common], { env }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      )
      // A service error exits with 254 in AWS CLI v2 (Debian's awscli), 255 in v1.
      expect([254, 255]).toContain(failure?.code)
      expect(failure?.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the GetRoom operation')
    },
    // Two starts of the AWS CLI (a Python program importing botocore): ~4 s each on an idle
    // machine, 14 s seen on a loaded one, against the suite's 15 s default.
    60_000,
  )
})
