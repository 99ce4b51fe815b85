import { execFile } from 'node:child_process'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * The test API's documentation (issue 10.4): every public control of the emulator has a TSDoc
 * `@example`, and every example compiles, under strict settings, against the code as it is, so a
 * renamed method or a changed signature breaks this test and not a user's first try.
 */
const CORE = resolve('mocks/emulator')
const SCRATCH = resolve('node_modules/.tmp/tsdoc-examples')

/** The public controls: a member of these without an `@example` fails (unless it is `@internal`). */
const DOCUMENTED: { file: string; container: string; only?: string[] }[] = [
  { file: 'emulator.ts', container: 'class Emulator' },
  { file: 'room-store.ts', container: 'class RoomStore' },
  { file: 'faults.ts', container: 'class Faults' },
  { file: 'frame-log.ts', container: 'class FrameLog' },
  { file: 'simulated-chatters.ts', container: 'class SimulatedChatters' },
  { file: 'clock.ts', container: 'class EmulatorClock' },
  { file: 'settings.ts', container: 'interface EmulatorSettings' },
  { file: 'chat-service.ts', container: 'class ChatService', only: ['endSession', 'dropConnection', 'injectMessage', 'connections'] },
]

interface Example {
  where: string
  code: string
}

interface Member {
  name: string
  doc: string
}

/** The body of `container` in `source`, from its opening brace to the closing one at column 0. */
function bodyOf(source: string, container: string): string {
  const start = source.indexOf(`export ${container} `)
  if (start === -1) throw new Error(`${container} not found`)
  const open = source.indexOf('{\n', start)
  const close = source.indexOf('\n}\n', open)
  return source.slice(open + 2, close)
}

/** Public members declared at the first indentation level, each with the doc comment just above it. */
function membersOf(body: string): Member[] {
  const members: Member[] = []
  let doc = ''
  let inDoc = false
  for (const line of body.split('\n')) {
    if (/^ {2}\/\*\*/.test(line)) {
      inDoc = !line.includes('*/')
      doc = line
      continue
    }
    if (inDoc) {
      doc += `\n${line}`
      if (line.includes('*/')) inDoc = false
      continue
    }
    const member = /^ {2}(?:readonly |static |async |get |set )*([A-Za-z_$][\w$]*)\s*[(:<?]/.exec(line)
    if (member && member[1] !== 'constructor') members.push({ name: member[1]!, doc })
    if (/^ {2}\S/.test(line)) doc = ''
  }
  return members
}

/** The fenced code of every `@example` in `source`'s doc comments. */
function examplesOf(file: string, source: string): Example[] {
  const examples: Example[] = []
  for (const match of source.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const comment = match[0]
    const line = source.slice(0, match.index).split('\n').length
    for (const part of comment.split('@example').slice(1)) {
      const fence = /```ts\n([\s\S]*?)```/.exec(part.split(/\n\s*\* @(?!example)/)[0]!.replaceAll(/^\s*\* ?/gm, ''))
      if (!fence) throw new Error(`${file}:${line}: an @example without a fenced ts block`)
      examples.push({ where: `${file}:${line}`, code: fence[1]! })
    }
  }
  return examples
}

let sources: Map<string, string>

beforeAll(async () => {
  sources = new Map()
  for (const name of await readdir(CORE)) {
    if (name.endsWith('.ts')) sources.set(name, await readFile(join(CORE, name), 'utf8'))
  }
})

describe('the emulator test API documentation', () => {
  it.each(DOCUMENTED)('documents every public member of $container with an example', ({ file, container, only }) => {
    const members = membersOf(bodyOf(sources.get(file)!, container)).filter((m) => !only || only.includes(m.name))
    expect(members.length).toBeGreaterThanOrEqual(only?.length ?? 3)
    const undocumented = members.filter((m) => !m.doc.includes('@example') && !m.doc.includes('@internal')).map((m) => m.name)
    expect(undocumented).toEqual([])
  })

  it('has examples that compile against the code as it is (strict)', async () => {
    const examples = [...sources].flatMap(([file, source]) => examplesOf(file, source))
    expect(examples.length).toBeGreaterThan(40)
    // Inside the repository, so `vitest` resolves from its node_modules.
    await mkdir(SCRATCH, { recursive: true })
    const lines = [
      "import { afterEach, expect } from 'vitest'",
      "import { DEMO_ROOM_ARN, Emulator } from '../../../mocks/emulator/emulator.ts'",
      'declare const emulator: Emulator',
      'void afterEach',
      'void expect',
      'void DEMO_ROOM_ARN',
    ]
    for (const [index, { where, code }] of examples.entries()) {
      lines.push(`// ${where}`, `export async function example${index}(): Promise<void> {`, code, '}')
    }
    const text = lines.join('\n')
    await writeFile(join(SCRATCH, 'examples.ts'), text)
    await writeFile(
      join(SCRATCH, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          lib: ['ES2023', 'DOM'],
          types: [],
          allowImportingTsExtensions: true,
          noEmit: true,
          strict: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: true,
        },
        files: ['examples.ts'],
      }),
    )
    const { stdout } = await promisify(execFile)(resolve('node_modules/.bin/tsc'), ['-p', SCRATCH, '--pretty', 'false']).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
    )
    // Each error names the example it is in, by the file and line of its doc comment.
    const errors = stdout
      .split('\n')
      .filter((line) => line.includes('error TS'))
      .map((line) => {
        const at = Number(/examples\.ts\((\d+),/.exec(line)?.[1] ?? 0)
        const label = text.split('\n').slice(0, at).findLast((l) => l.startsWith('// '))
        return `${label ?? ''}: ${line.replace(/^.*?error /, 'error ')}`
      })
    expect(errors).toEqual([])
  })
})
