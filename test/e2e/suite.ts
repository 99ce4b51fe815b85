import type { Browser, BrowserContextOptions } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { launchChromium, WatchedContext } from './browser'
import { DIST, SUB_PATH } from './demo'
import { startStaticServer, type StaticServer } from './static-server'

export interface BrowserSuite {
  /** The static server (dist/ under the sub-path), once `beforeAll` has run. */
  readonly server: StaticServer
  readonly browser: Browser
  /**
   * A fresh browser context (its own profile, service worker and storage: a new visitor);
   * after the test it must have seen no escaped request, console error or failed request.
   */
  context(options?: BrowserContextOptions): Promise<WatchedContext>
}

/** One Chromium and one static server for a test file, serving dist/ from the sub-path. */
export function setupBrowserSuite(prefix = SUB_PATH): BrowserSuite {
  let browser: Browser | undefined
  let server: StaticServer | undefined
  const open: WatchedContext[] = []

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startStaticServer({ root: DIST, prefix })])
  })
  afterEach(async () => {
    const contexts = open.splice(0)
    const failures: unknown[] = []
    for (const watched of contexts) {
      try {
        watched.assertClean()
      } catch (error) {
        failures.push(error)
      } finally {
        await watched.close()
      }
    }
    if (failures.length > 0) throw failures[0]
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  return {
    get server() {
      if (!server) throw new Error('The static server starts in beforeAll')
      return server
    },
    get browser() {
      if (!browser) throw new Error('The browser starts in beforeAll')
      return browser
    },
    async context(options) {
      const watched = await WatchedContext.create(this.browser, this.server.origin, options)
      open.push(watched)
      return watched
    },
  }
}
