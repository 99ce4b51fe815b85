import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Request } from 'playwright-core'
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium'

/** Launches Chromium headless with this machine's flags, plus `extraArgs`. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  assertChromium()
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] })
}

/**
 * A browser context that lets nothing out and notes everything that goes wrong:
 * - every request to anything but `origin` is refused at the network layer and noted as an
 *   escape (the in-page emulator answers AWS's hosts in the service worker, so none should
 *   get that far), and so is a non-local answer that did not come from the service worker,
 *   and any real WebSocket (MSW intercepts the chat socket in the page: none is opened);
 * - console errors, uncaught page errors, failed requests and HTTP error statuses are noted
 *   as problems.
 * The service worker is allowed: it is how the emulator answers REST calls.
 */
export class WatchedContext {
  /** Requests that reached, or tried to reach, a host other than the static server. */
  readonly escapes: string[] = []
  /** Console errors, page errors, failed requests, HTTP errors. */
  readonly problems: string[] = []
  /** Requests to other hosts that the service worker answered (the emulator's REST calls). */
  readonly answeredByServiceWorker: string[] = []

  readonly context: BrowserContext
  /** The static server's origin: the only place requests may go. */
  readonly origin: string

  private constructor(context: BrowserContext, origin: string) {
    this.context = context
    this.origin = origin
  }

  static async create(browser: Browser, origin: string, options: BrowserContextOptions = {}): Promise<WatchedContext> {
    const context = await browser.newContext({ serviceWorkers: 'allow', ...options })
    const watched = new WatchedContext(context, origin)
    await watched.#watch()
    return watched
  }

  async newPage(): Promise<Page> {
    return this.context.newPage()
  }

  /** Pages opened so far. */
  pages(): Page[] {
    return this.context.pages()
  }

  close(): Promise<void> {
    return this.context.close()
  }

  /** Throws, listing them all, if a request escaped or anything went wrong. */
  assertClean(): void {
    const found = [...this.escapes.map((escape) => `escape: ${escape}`), ...this.problems]
    if (found.length > 0) throw new Error(`The browser saw ${found.length} problem(s):\n${found.join('\n')}`)
  }

  #isLocal(url: string): boolean {
    return url.startsWith(`${this.origin}/`) || url === this.origin
  }

  async #watch(): Promise<void> {
    const { context } = this
    await context.route('**/*', async (route) => {
      const url = route.request().url()
      if (this.#isLocal(url)) return route.continue()
      this.escapes.push(`routed to the network: ${route.request().method()} ${url}`)
      return route.abort('blockedbyclient')
    })
    context.on('requestfailed', (request) => this.problems.push(`request failed: ${describe(request)} (${request.failure()?.errorText})`))
    context.on('response', (response) => {
      const url = response.url()
      if (response.status() >= 400) this.problems.push(`HTTP ${response.status()}: ${describe(response.request())}`)
      if (this.#isLocal(url) || url.startsWith('data:') || url.startsWith('blob:')) return
      if (response.fromServiceWorker()) this.answeredByServiceWorker.push(`${response.request().method()} ${url}`)
      else this.escapes.push(`answered by the network: ${describe(response.request())}`)
    })
    const watchPage = (page: Page) => {
      page.on('console', (message) => {
        if (message.type() === 'error') this.problems.push(`console error on ${page.url()}: ${message.text()}`)
      })
      page.on('pageerror', (error) => this.problems.push(`page error on ${page.url()}: ${error.stack ?? error.message}`))
      page.on('websocket', (socket) => this.escapes.push(`real WebSocket: ${socket.url()}`))
    }
    context.on('page', watchPage)
    for (const page of context.pages()) watchPage(page)
  }
}

function describe(request: Request): string {
  return `${request.method()} ${request.url()}`
}
