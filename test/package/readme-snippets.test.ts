import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * README's "Add the emulator to your app" shows files that `npm run test:package` runs in fresh
 * projects against the packed tarball. Each snippet is marked `<!-- snippet: path -->` and must
 * be that file, word for word, so the README cannot drift from what is tested.
 */
const ROOT = join(import.meta.dirname, '../..')
const README = readFileSync(join(ROOT, 'README.md'), 'utf8')
const SNIPPET = /<!-- snippet: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g

const snippets = [...README.matchAll(SNIPPET)].map(([, path, text]) => ({ path: path!, text: text! }))

describe('README snippets are the files test:package runs', () => {
  it('shows the Vite app, the panel, a Vitest test, a Playwright test and a Node backend', () => {
    expect(snippets.map((snippet) => snippet.path)).toEqual([
      'test/package/fixtures/vite-app/src/mocks.ts',
      'test/package/fixtures/vite-app/src/main.tsx',
      'test/package/fixtures/consumer/tests/chat-box.spec.tsx',
      'test/package/fixtures/vite-app/tests/chat.spec.ts',
      'test/package/fixtures/consumer/backend/chat-token.mjs',
    ])
  })

  it.each(snippets)('$path', ({ path, text }) => {
    expect(text).toBe(readFileSync(join(ROOT, path), 'utf8'))
  })

  it('every marker is followed by a code block (none is silently skipped)', () => {
    expect(README.match(/<!-- snippet: /g)).toHaveLength(snippets.length)
  })
})
