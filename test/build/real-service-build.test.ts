import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

/**
 * Real-service mode is configuration alone: built with VITE_IVSCHAT_MOCKS=off, the bundle
 * holds none of the emulator (no MSW, no jose, no token key) and talks to the configured
 * endpoints only.
 */
const TOKEN_ENDPOINT = 'https://chat-tokens.example.test/token'
const SOCKET_URL = 'wss://edge.ivschat.eu-west-1.amazonaws.com'

async function buildWith(env: Record<string, string>): Promise<Map<string, string>> {
  const outDir = await mkdtemp(join(tmpdir(), 'ivschat-build-'))
  // A separate process: a build inside the test runner would inherit its NODE_ENV and mode.
  const { VITEST: _vitest, NODE_ENV: _nodeEnv, ...parentEnv } = process.env
  await promisify(execFile)(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
    env: { ...parentEnv, ...env },
  })
  const files = new Map<string, string>()
  for (const name of await readdir(join(outDir, 'assets'))) {
    if (name.endsWith('.js')) files.set(name, await readFile(join(outDir, 'assets', name), 'utf8'))
  }
  outDirs.push(outDir)
  return files
}

const outDirs: string[] = []
let real: Map<string, string>
let mocked: Map<string, string>

beforeAll(async () => {
  real = await buildWith({
    VITE_IVSCHAT_MOCKS: 'off',
    VITE_IVSCHAT_TOKEN_ENDPOINT: TOKEN_ENDPOINT,
    VITE_IVSCHAT_SOCKET_URL: SOCKET_URL,
  })
  mocked = await buildWith({ VITE_IVSCHAT_MOCKS: 'on' })
}, 120_000)

afterAll(async () => {
  await Promise.all(outDirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

const everything = (files: Map<string, string>) => [...files.values()].join('\n')

describe('a build with VITE_IVSCHAT_MOCKS=off', () => {
  it('contains no emulator code: no MSW, no worker, no jose, no emulator chunks', () => {
    const code = everything(real)
    expect(code).not.toContain('mockServiceWorker')
    expect(code).not.toContain('ivschat-emulator')
    expect(code).not.toContain('A256GCM')
    expect([...real.keys()].some((name) => /browser|mocking|emulator-panel/.test(name))).toBe(false)
  })

  it('uses the configured token endpoint and socket URL', () => {
    const code = everything(real)
    expect(code).toContain(TOKEN_ENDPOINT)
    expect(code).toContain(SOCKET_URL)
  })
})

describe('the default build (emulator on)', () => {
  it('keeps the emulator in lazily loaded chunks, off the entry chunk', () => {
    const entry = [...mocked.entries()].find(([name]) => name.startsWith('index-'))
    expect(entry).toBeDefined()
    expect(entry![1]).not.toContain('A256GCM')
    expect(entry![1]).not.toContain('mockServiceWorker')
    expect(everything(mocked)).toContain('A256GCM')
  })
})
