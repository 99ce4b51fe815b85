import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, WatchedContext } from './browser'
import { DIST, joinRoom, messageLog, messageRow, openDemo, sendMessage, SUB_PATH, waitForEmulator } from './demo'
import { startStaticServer, type StaticServer } from './static-server'

/**
 * The built `dist/` as a plain static site: from the root and from a sub-path, with no
 * rebuild, no request past the static server, and the emulator off the first render's path.
 */

/** Strings that only the emulator's code holds (MSW's worker, jose, the chat service, the panel). */
const EMULATOR_MARKERS = ['mockServiceWorker', 'ERR_JOSE_', 'The token does not grant SEND_MESSAGE', 'Emulator panel']

function distFile(path: string): string {
  return readFileSync(join(DIST, path), 'utf8')
}

describe('the build', () => {
  beforeAll(() => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('No dist/: run `npm run build` (npm run test:e2e builds first).')
  })

  it('refers to every asset relatively: no root-absolute URL in index.html', () => {
    const html = distFile('index.html')
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!)
    expect(urls.length).toBeGreaterThanOrEqual(3)
    expect(urls.filter((url) => !url.startsWith('./'))).toEqual([])
    expect(existsSync(join(DIST, 'mockServiceWorker.js'))).toBe(true)
  })

  it('keeps the emulator out of the entry chunk: it is only in chunks loaded by dynamic import', () => {
    const html = distFile('index.html')
    const entries = [...html.matchAll(/<script type="module"[^>]* src="\.\/([^"]+)"/g)].map((match) => match[1]!)
    const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]* href="\.\/([^"]+)"/g)].map((match) => match[1]!)
    expect(entries).toHaveLength(1)
    const critical = [...entries, ...preloaded]
    const criticalCode = critical.map(distFile).join('\n')
    expect(EMULATOR_MARKERS.filter((marker) => criticalCode.includes(marker))).toEqual([])

    // Each marker is somewhere in the build (so the check above can fail), in a lazy chunk.
    const chunks = readdirSync(join(DIST, 'assets')).filter((name) => name.endsWith('.js')).map((name) => `assets/${name}`)
    const lazy = chunks.filter((chunk) => !critical.includes(chunk))
    const lazyCode = lazy.map(distFile).join('\n')
    expect(EMULATOR_MARKERS.filter((marker) => !lazyCode.includes(marker))).toEqual([])
    // The entry reaches the emulator through `import()` of the start-up module only.
    const entry = distFile(entries[0]!)
    const mocking = lazy.find((chunk) => /\/mocking-[\w-]+\.js$/.test(chunk))
    expect(mocking).toBeDefined()
    expect(entry).toContain(`import(\`./${mocking!.slice('assets/'.length)}\`)`)
    expect(entry).not.toMatch(/(?:^|[;\n])import[^(]*from\s*["'`]\.\/mocking-/)
    // The worker's URL is relative: it resolves against the page wherever the site lives.
    expect(distFile(mocking!)).toContain('`./mockServiceWorker.js`')
  })
})

describe.each([
  { where: 'the site root', prefix: '/' },
  { where: 'a sub-path', prefix: SUB_PATH },
])('served from $where ($prefix)', ({ prefix }) => {
  let browser: Browser
  let server: StaticServer
  let watched: WatchedContext

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startStaticServer({ root: DIST, prefix })])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  afterEach(async () => {
    try {
      watched.assertClean()
    } finally {
      await watched.close()
    }
  })

  it('registers the worker next to index.html, scoped to the page folder, and chats with no request past the server', async () => {
    watched = await WatchedContext.create(browser, server.origin)
    const page = await watched.newPage()
    const workerResponse = watched.context.waitForEvent('response', (response) => response.url().endsWith('/mockServiceWorker.js'))
    await openDemo(page, server.url)

    const registration = await page.evaluate(async () => {
      const found = await navigator.serviceWorker.getRegistration()
      return { scope: found?.scope, script: found?.active?.scriptURL, controller: navigator.serviceWorker.controller?.scriptURL }
    })
    expect(registration).toEqual({
      scope: server.url,
      script: `${server.url}mockServiceWorker.js`,
      controller: `${server.url}mockServiceWorker.js`,
    })
    const worker = await workerResponse
    expect(worker.status()).toBe(200)
    expect(worker.headers()['content-type']).toBe('application/javascript; charset=utf-8')

    await joinRoom(page, { displayName: 'Static Sam' })
    await sendMessage(page, `hello from ${prefix}`)

    // Everything the page loaded came from under the prefix of the one static server...
    expect(server.requests.length).toBeGreaterThan(4)
    expect(server.requests.filter((request) => !request.url.startsWith(prefix) || request.status !== 200)).toEqual([])
    // ...and AWS's endpoints were answered in the browser, by MSW's service worker.
    const aws = 'https://ivschat.us-west-2.amazonaws.com'
    expect(watched.answeredByServiceWorker).toEqual(expect.arrayContaining([`POST ${aws}/CreateChatToken`]))
    expect(watched.answeredByServiceWorker.every((call) => call.startsWith(`POST ${aws}/`))).toBe(true)
  })

  it('renders the join panel before the emulator code has arrived', async () => {
    watched = await WatchedContext.create(browser, server.origin)
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    // Hold the start-up chunk back: the first render must not need it.
    await watched.context.route(/\/assets\/mocking-[\w-]+\.js$/, async (route) => {
      await held
      await route.fallback()
    })
    const page = await watched.newPage()
    const servedBefore = server.requests.length
    await page.goto(server.url)

    const form = page.getByRole('form', { name: 'Join a chat room' })
    await form.waitFor()
    expect(await form.getByRole('button', { name: 'Join', exact: true }).isDisabled()).toBe(true)
    expect(await page.getByText('Starting the in-page IVS Chat emulator…').isVisible()).toBe(true)
    const served = server.requests.slice(servedBefore).map((request) => request.url)
    expect(served.some((url) => /\/assets\/index-/.test(url))).toBe(true)
    expect(served.filter((url) => /\/assets\/(?:mocking|browser|emulator-panel)-/.test(url))).toEqual([])

    release()
    await waitForEmulator(page)
  })
})

function fetchWithoutRedirect(server: StaticServer, path: string): Promise<Response> {
  return fetch(`${server.origin}${path}`, { redirect: 'manual' })
}

describe('the static server', () => {
  let server: StaticServer
  beforeAll(async () => {
    server = await startStaticServer({ root: DIST, prefix: SUB_PATH })
  })
  afterAll(() => server.close())

  it('redirects the sub-path without its slash, and serves nothing outside it or above the folder', async () => {
    const bare = await fetchWithoutRedirect(server, SUB_PATH.slice(0, -1))
    expect([bare.status, bare.headers.get('location')]).toEqual([301, SUB_PATH])
    expect((await fetchWithoutRedirect(server, '/index.html')).status).toBe(404)
    expect((await fetchWithoutRedirect(server, `${SUB_PATH}..%2f..%2fpackage.json`)).status).toBe(403)
    expect((await fetchWithoutRedirect(server, `${SUB_PATH}%E0%A4%A`)).status).toBe(400)
    const index = await fetchWithoutRedirect(server, SUB_PATH)
    expect([index.status, index.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8'])
  })
})

describe('the network guard of the e2e tests', () => {
  it('notes and refuses a request that tries to leave the static server, from the page or through the service worker', async () => {
    const [browser, server] = await Promise.all([launchChromium(), startStaticServer({ root: DIST, prefix: SUB_PATH })])
    try {
      const watched = await WatchedContext.create(browser, server.origin)
      const page = await watched.newPage()
      await openDemo(page, server.url)
      const outcome = await page.evaluate(() =>
        fetch('https://example.com/escape').then(
          (response) => `status ${response.status}`,
          (error: unknown) => `failed: ${String(error)}`,
        ),
      )
      expect(outcome).toMatch(/^failed: TypeError/)
      expect(watched.escapes).toEqual(expect.arrayContaining(['routed to the network: GET https://example.com/escape']))
      expect(watched.problems.some((problem) => problem.startsWith('request failed: GET https://example.com/escape'))).toBe(true)
      await watched.close()
    } finally {
      await browser.close()
      await server.close()
    }
  })
})

describe('over plain http from a host name other than localhost (not a secure context)', () => {
  it('says in one message why the emulator cannot run there and what to do, and never "Starting…"', async () => {
    const server = await startStaticServer({ root: DIST, prefix: SUB_PATH })
    // A name for the loopback address: the page is on http and not on localhost, as from a LAN IP.
    const browser = await launchChromium(['--host-resolver-rules=MAP chat-demo.test 127.0.0.1'])
    try {
      const origin = `http://chat-demo.test:${new URL(server.origin).port}`
      const watched = await WatchedContext.create(browser, origin)
      const page = await watched.newPage()
      await page.goto(`${origin}${SUB_PATH}`)

      const alert = page.getByRole('alert')
      await alert.waitFor()
      expect(await alert.count()).toBe(1)
      const text = await alert.innerText()
      expect(text).toContain(`plain http from chat-demo.test:${new URL(server.origin).port}`)
      expect(text).toContain('localhost')
      expect(text).toContain('npm run emulator')
      expect(await page.getByRole('button', { name: 'Join', exact: true }).isDisabled()).toBe(true)
      // Long after a start would have finished: still no "Starting…", and the emulator was never loaded.
      await page.waitForTimeout(1_500)
      expect(await page.getByText(/Starting the in-page/).count()).toBe(0)
      expect(await page.evaluate(() => 'ivschatEmulator' in window)).toBe(false)
      watched.assertClean()
      await watched.close()
    } finally {
      await browser.close()
      await server.close()
    }
  })
})

describe('two copies of the demo on one origin (a user site at / and a project site under it)', () => {
  it('each registers its own worker and keeps its own rooms', async () => {
    const site = mkdtempSync(join(tmpdir(), 'ivschat-site-'))
    cpSync(DIST, site, { recursive: true })
    cpSync(DIST, join(site, SUB_PATH), { recursive: true })
    const [browser, server] = await Promise.all([launchChromium(), startStaticServer({ root: site, prefix: '/' })])
    try {
      const watched = await WatchedContext.create(browser, server.origin)
      const root = await watched.newPage()
      await openDemo(root, `${server.origin}/`)
      await joinRoom(root, { displayName: 'At the root' })
      const nested = await watched.newPage()
      await openDemo(nested, `${server.origin}${SUB_PATH}`)
      await joinRoom(nested, { displayName: 'Under the sub-path' })

      const scopes = await nested.evaluate(async () => ({
        controller: navigator.serviceWorker.controller?.scriptURL,
        all: (await navigator.serviceWorker.getRegistrations()).map((registration) => registration.scope).sort(),
      }))
      expect(scopes).toEqual({ controller: `${server.origin}${SUB_PATH}mockServiceWorker.js`, all: [`${server.origin}/`, `${server.origin}${SUB_PATH}`] })

      await sendMessage(root, 'Only for the root demo')
      await sendMessage(nested, 'Only for the nested demo')
      expect(await messageRow(nested, 'Only for the root demo').count()).toBe(0)
      expect(await messageRow(root, 'Only for the nested demo').count()).toBe(0)
      expect(await messageLog(root).getByRole('listitem').count()).toBe(1)
      watched.assertClean()
      await watched.close()
    } finally {
      await browser.close()
      await server.close()
      rmSync(site, { recursive: true, force: true })
    }
  })
})
