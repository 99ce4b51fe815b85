import { spawn, type ChildProcess } from 'node:child_process'
import { createConnection } from 'node:net'
import { delimiter, resolve } from 'node:path'
import { afterEach } from 'vitest'

/** The server in a process of its own, as users run it: what the process printed, how it ended. */

export const ROOT = resolve(import.meta.dirname, '../..')
/** The pinned Node (and npm's scripts' own tools) first, as `npm run` puts them. */
export const PATH = `${resolve(ROOT, 'node_modules/.bin')}${delimiter}${process.env.PATH}`

export interface Run {
  child: ChildProcess
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const children: ChildProcess[] = []
const others: number[] = []

/** Kills whatever a test left running (by its own pid, never by name). */
export function cleanUpProcesses(): void {
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    for (const pid of others.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL')
  })
}

/** Also kill `pids` (processes a child started) after the test, should they outlive it. */
export function killAfterTest(pids: readonly number[]): void {
  others.push(...pids)
}

/** Runs `command args` in the repository with the pinned Node on PATH, recording its output. */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, PATH, ...env } })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  )
  return { child, output: () => output, exited }
}

/** The CLI straight on the pinned Node, as the package's bin runs it. */
export function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  return run(resolve(ROOT, 'node_modules/.bin/node'), ['--import', 'tsx', 'mocks/server/cli.ts', ...args], env)
}

/** Resolves once the process printed `text`; rejects if it exits first. */
export async function printed(process: Run, text: string): Promise<string> {
  while (!process.output().includes(text)) {
    if (process.child.exitCode !== null) throw new Error(`the process exited with ${process.child.exitCode}:\n${process.output()}`)
    await new Promise((done) => setTimeout(done, 20))
  }
  return process.output()
}

/** The endpoint the CLI's banner names. */
export async function endpointOf(process: Run): Promise<string> {
  const banner = await printed(process, 'Ctrl+C stops it')
  return /endpoint {2}(http:\/\/[^\s]+)/.exec(banner)![1]!
}

/** Whether something accepts connections on `port` of 127.0.0.1. */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      done(true)
    })
    socket.once('error', () => done(false))
  })
}

/** Whether a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
