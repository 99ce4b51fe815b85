import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The walls between the parts and the no-cycle rule are lint configuration, which nothing
 * else checks: a typo in a glob or an option turns a wall off in silence. So this lints, with
 * the repository's own .oxlintrc.json, a scratch tree in which each file breaks one wall, and
 * files that stay inside their walls, which must pass (a wall that blocks everything proves
 * nothing either).
 */
const OXLINT = resolve('node_modules/.bin/oxlint')

interface Diagnostic {
  code: string
  filename: string
  help?: string
}

const BREAKS: { file: string; source: string; rule: string; why: string }[] = [
  { file: 'mocks/emulator/uses-msw.ts', source: "import { http } from 'msw'\nexport const a = http", rule: 'no-restricted-imports', why: 'the core imports no MSW' },
  { file: 'mocks/emulator/uses-react.ts', source: "import { useState } from 'react'\nexport const a = useState", rule: 'no-restricted-imports', why: 'the core imports no React' },
  { file: 'mocks/emulator/uses-ws.ts', source: "import { WebSocketServer } from 'ws'\nexport const a = WebSocketServer", rule: 'no-restricted-imports', why: 'the core imports no ws' },
  { file: 'mocks/emulator/uses-node.ts', source: "import { readFile } from 'node:fs/promises'\nexport const a = readFile", rule: 'no-restricted-imports', why: 'the core imports no node:*' },
  { file: 'mocks/emulator/uses-adapter.ts', source: "import { a as b } from '../handlers/clean.ts'\nexport const a = b", rule: 'no-restricted-imports', why: 'the core imports no adapter' },
  { file: 'mocks/contract/uses-core.ts', source: "import { a as b } from '../emulator/clean.ts'\nexport const a = b", rule: 'no-restricted-imports', why: 'the contract imports only zod' },
  { file: 'mocks/server/uses-msw.ts', source: "import { http } from 'msw'\nexport const a = http", rule: 'no-restricted-imports', why: 'the server adapter imports no MSW' },
  { file: 'mocks/panel/uses-node.ts', source: "import { readFile } from 'node:fs/promises'\nexport const a = readFile", rule: 'no-restricted-imports', why: 'the panel runs in the browser' },
  { file: 'mocks/panel/uses-app.ts', source: "import { a as b } from '../../src/clean.ts'\nexport const a = b", rule: 'no-restricted-imports', why: 'the panel imports nothing from src/' },
  { file: 'src/uses-core.ts', source: "import { a as b } from '../mocks/emulator/clean.ts'\nexport const a = b", rule: 'no-restricted-imports', why: 'the app reaches the emulator only through the contract' },
  // A cycle of type-only imports, three modules long, one link a re-export: oxlint ignores these by default.
  { file: 'mocks/emulator/cycle-a.ts', source: "import type { B } from './cycle-b.ts'\nexport interface A { b?: B }", rule: 'import(no-cycle)', why: 'type-only cycles count' },
  { file: 'mocks/emulator/cycle-b.ts', source: "import { type C } from './cycle-c.ts'\nexport interface B { c?: C }", rule: 'import(no-cycle)', why: 'type-only cycles count' },
  { file: 'mocks/emulator/cycle-c.ts', source: "export type { A as C } from './cycle-a.ts'", rule: 'import(no-cycle)', why: 'type-only cycles count' },
]

const ALLOWED: { file: string; source: string }[] = [
  { file: 'mocks/emulator/clean.ts', source: "import type { a as b } from '../contract/clean.ts'\nexport const a = 1\nexport type B = typeof b" },
  { file: 'mocks/contract/clean.ts', source: "import { z } from 'zod'\nexport const a = z.string()" },
  { file: 'mocks/handlers/clean.ts', source: "import { http } from 'msw'\nimport { a as b } from '../emulator/clean.ts'\nexport const a = [http, b]" },
  { file: 'mocks/server/clean.ts', source: "import { createServer } from 'node:http'\nimport { WebSocketServer } from 'ws'\nimport { a as b } from '../emulator/clean.ts'\nexport const a = [createServer, WebSocketServer, b]" },
  { file: 'mocks/panel/clean.ts', source: "import { useState } from 'react'\nimport { a as b } from '../emulator/clean.ts'\nexport const a = [useState, b]" },
  { file: 'src/clean.ts', source: "import { a as b } from '../mocks/contract/clean.ts'\nexport const a = b" },
]

let root: string
let diagnostics: Diagnostic[]

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ivschat-lint-walls-'))
  await copyFile('.oxlintrc.json', join(root, '.oxlintrc.json'))
  for (const { file, source } of [...BREAKS, ...ALLOWED]) {
    await mkdir(dirname(join(root, file)), { recursive: true })
    await writeFile(join(root, file), `${source}\n`)
  }
  // oxlint exits 1 when it finds errors; the report is on stdout either way.
  const { stdout } = await promisify(execFile)(OXLINT, ['-c', '.oxlintrc.json', '-f', 'json', '.'], { cwd: root }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  )
  diagnostics = (JSON.parse(stdout) as { diagnostics: Diagnostic[] }).diagnostics
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('lint walls (.oxlintrc.json)', () => {
  it.each(BREAKS)('fails $file: $why', ({ file, rule }) => {
    expect(diagnostics.filter((d) => d.filename === file).map((d) => d.code)).toContainEqual(expect.stringContaining(rule))
  })

  it('passes every part that imports only what it may', () => {
    const allowed = new Set(ALLOWED.map((a) => a.file))
    expect(diagnostics.filter((d) => allowed.has(d.filename))).toEqual([])
  })
})
