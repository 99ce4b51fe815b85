/**
 * `npm run test:package`: the package as a stranger gets it. Packs the tarball, installs it (with
 * its peers and the user's tools, from the registry) into fresh projects in a temporary folder
 * outside the repository, and there runs:
 *   tarball  what `npm pack` put in it (no tests, sources, maps or demo)
 *   (a)      a Vitest jsdom component test: Testing Library + AWS's ChatRoom on `ivschat-emulator/node`
 *   (b)      the same on `createEmulator` + `createHandlers` in the user's own setupServer, and two
 *            emulators in one process that do not see each other's rooms or tokens
 *   (e)      `tsc --noEmit` (strict) against the shipped types, NodeNext and bundler resolution
 *   (d)      `npx ivschat-emulator --port 0`, driven by @aws-sdk/client-ivschat and by boto3
 *   (c)      a Vite React app with the emulator in its own setupWorker and the panel, built, and a
 *            Playwright test in Debian's Chromium driving `window.ivschatEmulator`
 * Prints PASS/FAIL per step and `N passed, N failed`; exits 1 on any failure. `--keep` keeps the
 * temporary folder (it is always kept after a failure, and its path printed).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const FIXTURES = join(ROOT, 'test/package/fixtures')
const KEEP = process.argv.includes('--keep')

/** What each fixture project installs besides the tarball, at the ranges the repository itself uses. */
const CONSUMER_PACKAGES = [
  'msw',
  'react',
  'react-dom',
  'amazon-ivs-chat-messaging',
  '@aws-sdk/client-ivschat',
  'vitest',
  'jsdom',
  '@testing-library/react',
  '@testing-library/dom',
  '@testing-library/user-event',
  'typescript',
  '@types/react',
  '@types/react-dom',
  '@types/node',
]
const VITE_APP_PACKAGES = [
  'msw',
  'react',
  'react-dom',
  'amazon-ivs-chat-messaging',
  'vite',
  '@vitejs/plugin-react',
  'typescript',
  '@types/react',
  '@types/react-dom',
  '@types/node',
  '@playwright/test',
]

const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>
}

/** `name@range` with the repository's range; @playwright/test follows playwright-core. */
function pinned(name: string): string {
  const range = rootPackage.devDependencies[name === '@playwright/test' ? 'playwright-core' : name]
  if (!range) throw new Error(`${name} is not a devDependency of the repository: no version to pin`)
  return `${name}@${range}`
}

/**
 * The environment for commands in the fixture projects: the fixture's own bins first, and none
 * of the `npm_*` variables of the `npm run` this script runs in (`npm_config_local_prefix` would
 * point a nested npm back at the repository).
 */
function fixtureEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_') && key !== 'INIT_CWD') env[key] = value
  }
  env.PATH = `${join(dir, 'node_modules/.bin')}:${process.env.PATH ?? ''}`
  delete env.FORCE_COLOR
  return { ...env, NO_COLOR: '1', ...extra }
}

interface RunResult {
  code: number | null
  output: string
}

/** Runs `command` in `cwd` to its end (or `timeoutMs`), with stdout and stderr together. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = fixtureEnv(cwd), timeoutMs = 240_000): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs / 1000} s]`
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, output })
    })
  })
}

/** Throws with the command's last lines when it failed. */
async function runOk(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv, timeoutMs?: number): Promise<string> {
  const result = await run(command, args, cwd, env, timeoutMs)
  if (result.code !== 0) throw new Error(`\`${command} ${args.join(' ')}\` exited ${result.code}:\n${tail(result.output, 40)}`)
  return result.output
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

/** A port nobody listens on now (other projects on this machine use the usual ones). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))))
    })
  })
}

const results: { name: string; ok: boolean }[] = []

async function step(name: string, body: () => Promise<string | void>): Promise<boolean> {
  const started = Date.now()
  try {
    const detail = await body()
    console.info(`PASS ${name}${detail ? `: ${detail}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    results.push({ name, ok: true })
    return true
  } catch (error) {
    console.info(`FAIL ${name}\n${error instanceof Error ? error.message : String(error)}`)
    results.push({ name, ok: false })
    return false
  }
}

interface PackResult {
  filename: string
  size: number
  unpackedSize: number
  files: { path: string }[]
}

/** What may be in the tarball: compiled JavaScript with its types, and the package's documents. */
function allowed(path: string): boolean {
  return (
    ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'].includes(path) ||
    (path.startsWith('lib/') && (path.endsWith('.js') || path.endsWith('.d.ts')))
  )
}

function unwantedInTarball(paths: string[]): string[] {
  return paths.filter((path) => !allowed(path) || /(^|\/)(test|tests|bench|src|__tests__)\//.test(path) || /\.(test|spec)\./.test(path))
}

/**
 * README states the tarball's size and file count. A packed size more than 10% away from it
 * fails (something large came in, or README is stale); another file count is only noted.
 */
function readmeFiguresDrift(result: PackResult): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const stated = /The tarball \(`npm pack`[^)]*\) is (\d+) kB, (\d+) kB\s+unpacked, in (\d+) files/.exec(readme)
  if (!stated) throw new Error('README no longer states the tarball\'s size ("The tarball (`npm pack` ...) is N kB, N kB unpacked, in N files")')
  const [, packedKb, , files] = stated.map(Number)
  if (Math.abs(result.size / 1000 - packedKb!) > packedKb! * 0.1) {
    throw new Error(`README states ${packedKb} kB packed, npm pack made ${(result.size / 1000).toFixed(1)} kB: check what came in, then update README`)
  }
  return files === result.files.length ? '' : ` (README states ${files} files: update it)`
}

/**
 * Starts the installed bin (node_modules/.bin/ivschat-emulator, what `npx ivschat-emulator` runs)
 * with `--port 0` and resolves to the URLs its banner prints. Not through npx itself here: npx
 * does not pass SIGTERM on, and the bin's own clean stop (exit 0) is part of the check.
 */
function startBin(dir: string): Promise<{ child: ChildProcess; endpoint: string; socket: string; output: () => string }> {
  return new Promise((done, fail) => {
    const child = spawn(join(dir, 'node_modules/.bin/ivschat-emulator'), ['--port', '0'], { cwd: dir, env: fixtureEnv(dir), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const timer = setTimeout(() => fail(new Error(`no endpoint printed within 30 s:\n${output}`)), 30_000)
    const seen = (chunk: Buffer) => {
      output += chunk.toString()
      const endpoint = /endpoint\s+(http:\/\/\S+)/.exec(output)?.[1]
      const socket = /socket\s+(ws:\/\/\S+)/.exec(output)?.[1]
      if (endpoint && socket) {
        clearTimeout(timer)
        done({ child, endpoint, socket, output: () => output })
      }
    }
    child.stdout.on('data', seen)
    child.stderr.on('data', seen)
    child.on('exit', (code) => fail(new Error(`ivschat-emulator exited ${code} before printing its endpoint:\n${output}`)))
  })
}

function stopBin(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done(child.exitCode)
    child.on('exit', (code) => done(code))
    child.kill('SIGTERM')
  })
}

/** The installed bin at `endpoint`: the Node backend fixture (AWS SDK + the chat socket), then boto3. */
async function checkAgainstBin(endpoint: string, socket: string, consumer: string): Promise<string> {
  const node = JSON.parse(tail(await runOk('node', ['backend/check-backend.mjs', socket], consumer, fixtureEnv(consumer, { IVSCHAT_ENDPOINT: endpoint })), 1)) as {
    room: string
    listed: string[]
    sessionExpiresIsDate: boolean
    echoed: { content: string; displayName: string }
  }
  expectEqual(node.room, 'from-node-backend', 'the AWS SDK: CreateRoom')
  expectEqual(node.listed.includes('from-node-backend'), true, 'the AWS SDK: ListRooms lists the new room')
  expectEqual(node.sessionExpiresIsDate, true, 'the AWS SDK: CreateChatToken parsed')
  expectEqual(node.echoed, { content: 'hi from node', displayName: 'Dana' }, 'the minted token: a message sent on the chat socket')

  const hasBoto3 = (await run('python3', ['-c', 'import boto3'], consumer)).code === 0
  if (!hasBoto3) return `${endpoint}; boto3 SKIPPED: \`python3 -c "import boto3"\` failed (apt-get install python3-boto3)`
  const python = JSON.parse(tail(await runOk('python3', ['backend/boto3_check.py', endpoint], consumer), 1)) as { room: string; listed: string[]; token: boolean }
  expectEqual(python, { room: 'from-boto3', listed: python.listed, token: true }, 'boto3: create_room, create_chat_token')
  expectEqual(python.listed.includes('from-boto3') && python.listed.includes('from-node-backend'), true, 'boto3: list_rooms sees both rooms')
  return `${endpoint}, AWS SDK and boto3`
}

async function main(): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'ivschat-emulator-package-'))
  console.info(`== test:package in ${work}`)
  const consumer = join(work, 'consumer')
  const viteApp = join(work, 'vite-app')
  let tarball = ''

  const packed = await step('tarball: npm pack builds lib/ and holds only compiled code, types and documents', async () => {
    const json = await runOk('npm', ['pack', '--json', '--pack-destination', work], ROOT, process.env, 180_000)
    const [result] = JSON.parse(json.slice(json.indexOf('\n[') + 1)) as PackResult[]
    if (!result) throw new Error('npm pack printed no result')
    tarball = join(work, result.filename)
    const paths = result.files.map((file) => file.path)
    const unwanted = unwantedInTarball(paths)
    if (unwanted.length > 0) throw new Error(`files users do not need:\n${unwanted.join('\n')}`)
    for (const entry of ['lib/index.js', 'lib/index.d.ts', 'lib/node.js', 'lib/browser.js', 'lib/server/index.js', 'lib/panel/index.js', 'lib/server/cli.js', 'CHANGELOG.md']) {
      if (!paths.includes(entry)) throw new Error(`${entry} is missing from the tarball`)
    }
    const measured = `${result.filename}, ${(result.size / 1000).toFixed(1)} kB packed, ${(result.unpackedSize / 1000).toFixed(1)} kB unpacked, ${paths.length} files`
    return `${measured}${readmeFiguresDrift(result)}`
  })
  if (!packed) return finish(work)

  cpSync(join(FIXTURES, 'consumer'), consumer, { recursive: true })
  cpSync(join(FIXTURES, 'vite-app'), viteApp, { recursive: true })
  for (const dir of [consumer, viteApp]) cpSync(join(FIXTURES, 'shared/chat-box.tsx'), join(dir, 'src/chat-box.tsx'))

  const install = (dir: string, packages: string[]) =>
    runOk('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...packages.map(pinned)], dir, fixtureEnv(dir), 420_000)
  // Both installs at once: they wait on the cache and the network more than on the CPU.
  const [consumerInstalled, viteAppInstalled] = await Promise.all([
    step('install: the tarball and the test project’s packages into a fresh project', () => install(consumer, CONSUMER_PACKAGES).then(() => undefined)),
    step('install: the tarball and a Vite React app’s packages into a fresh project', () => install(viteApp, VITE_APP_PACKAGES).then(() => undefined)),
  ])

  if (consumerInstalled) {
    await step('(a) Vitest jsdom + Testing Library + ChatRoom on ivschat-emulator/node', async () => {
      const output = await runOk('vitest', ['run', 'tests/chat-box.spec.tsx'], consumer)
      return /Tests\s+(.*)/.exec(output)?.[1]?.trim()
    })
    await step('(b) createEmulator + createHandlers in the user’s own setupServer; two emulators apart', async () => {
      const output = await runOk('vitest', ['run', 'tests/own-server.spec.tsx', 'tests/two-emulators.spec.ts'], consumer)
      return /Tests\s+(.*)/.exec(output)?.[1]?.trim()
    })
    await step('(e) tsc --noEmit strict against the shipped types (NodeNext, then bundler)', async () => {
      await runOk('tsc', ['--noEmit', '-p', 'tsconfig.json'], consumer)
      await runOk('tsc', ['--noEmit', '-p', 'tsconfig.bundler.json'], consumer)
    })
    await step('(d) npx ivschat-emulator --port 0, driven by @aws-sdk/client-ivschat and boto3', async () => {
      const help = await runOk('npx', ['--no-install', 'ivschat-emulator', '--help'], consumer)
      if (!help.includes('--port N')) throw new Error(`npx ivschat-emulator --help printed:\n${help}`)
      const bin = await startBin(consumer)
      const checked = await checkAgainstBin(bin.endpoint, bin.socket, consumer).catch((error: unknown) => error)
      const code = await stopBin(bin.child)
      if (checked instanceof Error) throw checked
      if (code !== 0) throw new Error(`ivschat-emulator exited ${code} on SIGTERM:\n${tail(bin.output(), 20)}`)
      return String(checked)
    })
  }

  if (viteAppInstalled) {
    await step('(c) Vite React app: own setupWorker + handler, the panel, built, Playwright in Chromium', async () => {
      await runOk('msw', ['init', 'public', '--save'], viteApp)
      await runOk('tsc', ['--noEmit'], viteApp)
      await runOk('vite', ['build'], viteApp)
      const port = await freePort()
      const env = fixtureEnv(viteApp, { PORT: String(port), CHROMIUM_PATH, CHROMIUM_ARGS: CHROMIUM_ARGS.join(' '), CI: '1' })
      const output = await runOk('playwright', ['test'], viteApp, env)
      return /(\d+ passed.*)/.exec(output)?.[1]?.trim()
    })
  }

  return finish(work)
}

function finish(work: string): number {
  const passed = results.filter((result) => result.ok).length
  const failed = results.length - passed
  if (failed === 0 && !KEEP) rmSync(work, { recursive: true, force: true })
  else console.info(`(the projects are kept in ${work})`)
  console.info(`${passed} passed, ${failed} failed`)
  return failed === 0 ? 0 : 1
}

process.exitCode = await main()
