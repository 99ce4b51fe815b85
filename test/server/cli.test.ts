import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN } from '../../mocks/emulator/emulator'
import { closeOf, opened } from './helpers'

/** `npm run emulator` as a user runs it: tsx on mocks/server/cli.ts, in a process of its own. */

const ROOT = resolve(import.meta.dirname, '../..')
const children: ChildProcess[] = []

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

interface Run {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

/** Starts the CLI as `npm run emulator -- ...args` would (the pinned Node first on PATH). */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['mocks/server/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${resolve(ROOT, 'node_modules/.bin')}${delimiter}${process.env.PATH}`, ...env },
  })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  return { child, output: () => output, exited }
}

async function printed(run: Run, text: string): Promise<string> {
  while (!run.output().includes(text)) {
    if (run.child.exitCode !== null) throw new Error(`the CLI exited with ${run.child.exitCode}:\n${run.output()}`)
    await new Promise((done) => setTimeout(done, 20))
  }
  return run.output()
}

/**
 * Each test starts tsx in a process of its own: about a second on an idle machine, over 10 s on
 * a shared one under load. A bound for a hung CLI, not a measurement.
 */
describe('npm run emulator', { timeout: 90_000 }, () => {
  it('prints where it listens and how to call it, serves, and on SIGTERM closes sockets with 1001 and exits 0', async () => {
    const run = cli(['--port', '0'])
    const banner = await printed(run, 'Ctrl+C stops it')
    const url = /endpoint {2}(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!
    const socketUrl = /socket {4}(ws:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!
    expect(socketUrl).toBe(url.replace('http:', 'ws:'))
    expect(banner).toContain(`room      ${DEMO_ROOM_ARN} (the seeded demo room)`)
    expect(banner).toContain(
      `boto3.client('ivschat', endpoint_url='${url}', region_name='us-west-2', aws_access_key_id='test', aws_secret_access_key='test')` +
        `.create_chat_token(roomIdentifier='${DEMO_ROOM_ARN}', userId='alice')`,
    )
    expect(banner).toContain(`aws ivschat create-chat-token --endpoint-url ${url} --region us-west-2 --room-identifier ${DEMO_ROOM_ARN} --user-id alice`)

    const minted = await fetch(`${url}/CreateChatToken`, { method: 'POST', body: JSON.stringify({ roomIdentifier: DEMO_ROOM_ARN, userId: 'alice' }) })
    const { token } = (await minted.json()) as { token: string }
    const socket = new WebSocket(socketUrl, token)
    await opened(socket)
    const closed = closeOf(socket)
    run.child.kill('SIGTERM')
    expect(await closed).toEqual({ code: 1001, reason: 'Emulator server shutting down', wasClean: true })
    expect(await run.exited).toBe(0)
    expect(run.output()).toContain('SIGTERM: closing every socket and stopping')
  })

  it('takes the port from PORT, and explains --help', async () => {
    const help = cli(['--help'])
    expect(await help.exited).toBe(0)
    expect(help.output()).toContain('--state FILE')
    expect(help.output()).toContain('--logs-dir DIR')
    const badPort = cli([], { PORT: 'http' })
    expect(await badPort.exited).toBe(2)
    expect(badPort.output()).toContain('--port must be a number from 0 to 65535, not "http"')
  }, 60_000) // two tsx start-ups, one after the other: over 15 s on a busy machine (seen at load 18)

  it('refuses a bad --region or --review-handler with exit 2 and says what it takes', async () => {
    // Two processes at once: tsx starting up is slow on a busy machine, hence the longer timeout.
    const runs = [cli(['--region', 'moon-base']), cli(['--review-handler', 'my-lambda=./review.mjs'])]
    expect(await Promise.all(runs.map((run) => run.exited))).toEqual([2, 2])
    expect(runs[0]!.output()).toContain('--region must be an AWS region name such as us-west-2, not "moon-base"')
    expect(runs[1]!.output()).toContain('--review-handler takes <lambda-arn>=<module path or http(s) URL>')
  }, 60_000)

  it('--logs-dir DIR: the banner says where chat logs go, and a logged room\'s event lands in its file there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ivschat-cli-logs-'))
    try {
      const run = cli(['--port', '0', '--logs-dir', dir])
      const banner = await printed(run, 'Ctrl+C stops it')
      expect(banner).toContain(`chat logs written under ${dir}`)
      const url = /endpoint {2}(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!
      const post = async (operation: string, body: unknown) =>
        (await (await fetch(`${url}/${operation}`, { method: 'POST', body: JSON.stringify(body) })).json()) as { arn: string }
      const configuration = await post('CreateLoggingConfiguration', { destinationConfiguration: { s3: { bucketName: 'cli-bucket' } } })
      const room = await post('CreateRoom', { loggingConfigurationIdentifiers: [configuration.arn] })
      await post('SendEvent', { roomIdentifier: room.arn, eventName: 'from-cli' })

      const file = join(dir, 's3-cli-bucket.jsonl')
      let text = ''
      // Polled up to a bound: a record that never comes fails here, not by hanging.
      for (let tries = 0; tries < 250 && !text.includes('from-cli'); tries++) {
        text = await readFile(file, 'utf8').catch(() => '')
        if (!text.includes('from-cli')) await new Promise((done) => setTimeout(done, 20))
      }
      expect(JSON.parse(text.trim())).toMatchObject({ type: 'EVENT', version: '1.0', payload: { EventName: 'from-cli' } })
      run.child.kill('SIGTERM')
      expect(await run.exited).toBe(0)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
