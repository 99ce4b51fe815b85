import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { contrast, LIGHT_BACKGROUND, parseColor, readableOn } from '../../src/lib/sender-attributes'
import { expectStatus, joinForm, joinRoom, messageLog, messageRow, openDemo, openEmulatorPanel, screenshot, sendMessage, statusLine } from './demo'
import { COMPOSER_CONTENT, corpusCounts, DIALOG_MESSAGE, HOSTILE_MESSAGES, HOSTILE_REASONS, JOIN_ATTRIBUTES, type HostileMessage } from './hostile-corpus'
import { setupBrowserSuite } from './suite'

/**
 * The chat's rendering against the XSS and spoofing corpus (hostile-corpus.ts), in Chromium:
 * every payload arrives through the paths a real room has (token attributes minted over REST,
 * SEND_MESSAGE frames from raw sockets, my own join panel and composer, moderation reasons) or
 * straight from the emulator when it is beyond every AWS limit; then nothing may run, load or
 * appear that our markup does not make, and every name must stay legible.
 */
const suite = setupBrowserSuite()

const ROOM = 'arn:aws:ivschat:us-west-2:123456789012:room/DemoChatRoom'
const VIEWPORT = { width: 1280, height: 1000 }
const PHONE_WIDTH = 390

/** Bidi controls, zero-width and other invisible characters: none may reach a rendered name. */
const INVISIBLE = /[\p{Cf}\p{Cc}\u034F\u115F\u1160\u3164\uFFA0\u2800\u2028\u2029]/u
const RGB = /^rgb\(\d{1,3}, \d{1,3}, \d{1,3}\)$/
const SENDER_STYLE = /^--sender-light: rgb\(\d{1,3}, \d{1,3}, \d{1,3}\); --sender-dark: rgb\(\d{1,3}, \d{1,3}, \d{1,3}\);$/

/**
 * Runs in the page before any of its scripts: the `__pwned` trap every payload aims at, and a
 * watch on the document for any element our markup never makes.
 */
function installTraps(): void {
  const hits: string[] = []
  const foreign: string[] = []
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get: () => undefined,
    set: (value: unknown) => {
      hits.push(String(value))
    },
  })
  Object.defineProperty(window, 'hostileTraps', { configurable: false, value: { hits, foreign } })
  const forbiddenTags = new Set(['SCRIPT', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'BASE', 'META', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'math'])
  // oxlint-disable-next-line unicorn/consistent-function-scoping -- runs in the page, where module scope is out of reach
  const describeElement = (element: Element) => element.outerHTML.slice(0, 160)
  // The one <style> our markup makes: the emulator panel's stylesheet, which React 19 hoists
  // into <head> (`<style href precedence>`); anywhere else, or under another name, it is foreign.
  // oxlint-disable-next-line unicorn/consistent-function-scoping -- runs in the page, where module scope is out of reach
  const isPanelStylesheet = (element: Element) =>
    element.tagName === 'STYLE' && element.parentElement === document.head && element.getAttribute('data-href') === 'ivschat-emulator-panel'
  const inspect = (element: Element) => {
    if (forbiddenTags.has(element.tagName) && !isPanelStylesheet(element)) foreign.push(`element: ${describeElement(element)}`)
    if (element instanceof HTMLFormElement && element.hasAttribute('action')) foreign.push(`form: ${describeElement(element)}`)
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name) ?? ''
      if (/^on/i.test(name) || name === 'srcdoc' || name === 'formaction') foreign.push(`attribute ${name}: ${describeElement(element)}`)
      if (name === 'style' && /url\(|expression|image-set|@import/i.test(value)) foreign.push(`style: ${describeElement(element)}`)
    }
    if (element instanceof HTMLImageElement && !/^https:\/\/[^/@]+\//.test(element.getAttribute('src') ?? '')) foreign.push(`img: ${describeElement(element)}`)
    if (element instanceof HTMLAnchorElement && element.hasAttribute('href') && !/^https?:\/\//.test(element.getAttribute('href') ?? '')) foreign.push(`a: ${describeElement(element)}`)
    if (element instanceof HTMLLinkElement && new URL(element.href, location.href).origin !== location.origin) foreign.push(`link: ${describeElement(element)}`)
  }
  // After the parser: from then on, only React (and Vite's preloads) add elements.
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes' && record.target instanceof Element) inspect(record.target)
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue
          inspect(node)
          for (const element of node.querySelectorAll('*')) inspect(element)
        }
      }
    }).observe(document, { childList: true, subtree: true, attributes: true })
  })
}

interface Trapped {
  hits: string[]
  foreign: string[]
}

interface SentFrame {
  id: string
  outcome: string
}

/**
 * In the page: mints a token per sender over REST (CreateChatToken, answered by the emulator
 * in the service worker), opens a raw socket with it (MSW's interception, as the SDK's), and
 * sends each case's SEND_MESSAGE frame in order, waiting for its echo; `inject` cases go
 * through `emulator.chat.injectMessage`. Returns each case's outcome: `MESSAGE` or the error.
 */
async function deliver(page: Page, messages: HostileMessage[]): Promise<SentFrame[]> {
  return page.evaluate(
    async ({ cases, room }) => {
      type Emulator = { advanceTime(ms: number): void; chat: { injectMessage(roomArn: string, sender: { userId: string; attributes: Record<string, string> }, content: string, attributes?: Record<string, string>): string } }
      const emulator = (window as unknown as { ivschatEmulator: Emulator }).ivschatEmulator
      // oxlint-disable-next-line unicorn/consistent-function-scoping -- runs in the page, where module scope is out of reach
      const rest = async (operation: string, body: unknown) => {
        const response = await fetch(`https://ivschat.us-west-2.amazonaws.com/${operation}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
        const text = await response.text()
        if (!response.ok) throw new Error(`${operation}: ${response.status} ${text}`)
        return text ? (JSON.parse(text) as Record<string, unknown>) : {}
      }
      // Room for the whole corpus in a few seconds (one connection still sends 10 a second).
      await rest('UpdateRoom', { identifier: room, maximumMessageRatePerSecond: 100 })
      const sockets = new Map<string, WebSocket>()
      await Promise.all(
        cases
          .filter((message) => message.channel === 'token')
          .map(async (message) => {
            const minted = await rest('CreateChatToken', {
              roomIdentifier: room,
              userId: message.userId ?? `hostile-${message.id}`,
              capabilities: ['SEND_MESSAGE'],
              attributes: message.sender ?? {},
            })
            const socket = new WebSocket('wss://edge.ivschat.us-west-2.amazonaws.com', String(minted.token))
            await new Promise((opened, failed) => {
              socket.addEventListener('open', opened, { once: true })
              socket.addEventListener('error', failed, { once: true })
            })
            sockets.set(message.id, socket)
          }),
      )
      const outcomes: { id: string; outcome: string }[] = []
      for (const message of cases) {
        const content = `[${message.id}] ${message.content ?? message.what}`
        if (message.channel === 'inject') {
          emulator.chat.injectMessage(room, { userId: message.userId ?? `hostile-${message.id}`, attributes: message.sender ?? {} }, content, message.messageAttributes)
          outcomes.push({ id: message.id, outcome: 'MESSAGE' })
          continue
        }
        const socket = sockets.get(message.id)!
        const send = () =>
          new Promise<string>((settled) => {
            const onFrame = (event: MessageEvent) => {
              const frame = JSON.parse(String(event.data)) as { Type: string; RequestId?: string; ErrorCode?: number; ErrorMessage?: string }
              if (frame.RequestId !== message.id) return
              socket.removeEventListener('message', onFrame)
              settled(frame.Type === 'ERROR' ? `ERROR ${frame.ErrorCode} ${frame.ErrorMessage}` : frame.Type)
            }
            socket.addEventListener('message', onFrame)
            socket.send(JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: message.id, Content: content, ...(message.messageAttributes ? { Attributes: message.messageAttributes } : {}) }))
          })
        let answer = await send()
        if (answer.startsWith('ERROR 429')) {
          // The room's second is full: move emulator time past it, and send again.
          emulator.advanceTime(1_000)
          answer = await send()
        }
        outcomes.push({ id: message.id, outcome: answer })
      }
      return outcomes
    },
    { cases: messages, room: ROOM },
  )
}

interface RenderedRow {
  marker: string | undefined
  name: string
  title: string | null
  nameColor: string
  nameHeight: number
  lineHeight: number
  badges: string[]
  messageStyle: string | null
  images: number
  content: string
  contentHeight: number
  links: { href: string; text: string; leftToRight: boolean }[]
  overflowsSideways: boolean
  overlapsNext: boolean
  metaOrder: boolean
}

/**
 * Scrolls the log from top to bottom (it is virtualized: only rows near the viewport exist)
 * and measures every row once it has been laid out.
 */
async function renderedRows(page: Page): Promise<RenderedRow[]> {
  return messageLog(page).evaluate(async (scroller) => {
    // oxlint-disable-next-line unicorn/consistent-function-scoping -- runs in the page, where module scope is out of reach
    const nextFrame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
    const rows = new Map<string, RenderedRow>()
    const measure = () => {
      const items = [...scroller.querySelectorAll<HTMLElement>('li[data-index]')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      items.forEach((item, position) => {
        const message = item.querySelector<HTMLElement>('.message')
        const name = item.querySelector<HTMLElement>('.sender-name')
        const content = item.querySelector<HTMLElement>('.message-content')
        if (!message || !name || !content) return
        const box = item.getBoundingClientRect()
        const next = items[position + 1]
        const nextIsAdjacent = next && Number(next.dataset.index) === Number(item.dataset.index) + 1
        const time = item.querySelector('time')!.getBoundingClientRect()
        const badges = [...item.querySelectorAll<HTMLElement>('.badge')]
        const lastOfMeta = badges.at(-1)?.getBoundingClientRect() ?? name.getBoundingClientRect()
        const text = content.textContent ?? ''
        rows.set(`${item.dataset.index}`, {
          marker: /^\[([a-z]\d\d)\] /.exec(text)?.[1],
          name: name.textContent ?? '',
          title: name.getAttribute('title'),
          nameColor: getComputedStyle(name).color,
          nameHeight: name.getBoundingClientRect().height,
          lineHeight: parseFloat(getComputedStyle(name).lineHeight),
          badges: badges.map((badge) => badge.textContent ?? ''),
          messageStyle: message.getAttribute('style'),
          images: item.querySelectorAll('img').length,
          content: text,
          contentHeight: content.getBoundingClientRect().height,
          links: [...content.querySelectorAll('a')].map((link) => {
            // Left to right on screen: the first character is left of the last one.
            const node = link.firstChild!
            const range = document.createRange()
            range.setStart(node, 0)
            range.setEnd(node, 1)
            const first = range.getBoundingClientRect()
            range.setStart(node, (node.textContent ?? '').length - 1)
            range.setEnd(node, (node.textContent ?? '').length)
            const last = range.getBoundingClientRect()
            return { href: link.getAttribute('href') ?? '', text: link.textContent ?? '', leftToRight: first.top < last.top || (first.top === last.top && first.left < last.left) }
          }),
          overflowsSideways: message.scrollWidth > message.clientWidth + 1 || content.scrollWidth > content.clientWidth + 1,
          overlapsNext: Boolean(nextIsAdjacent && box.bottom > next.getBoundingClientRect().top + 0.5),
          // Name, badges, time from left to right on one line: no control reversed them.
          metaOrder: lastOfMeta.top !== time.top || lastOfMeta.right <= time.left,
        })
      })
    }
    scroller.scrollTop = 0
    await nextFrame()
    for (;;) {
      await nextFrame()
      measure()
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break
      scroller.scrollTop += scroller.clientHeight * 0.8
    }
    return [...rows.values()]
  })
}

async function trapped(page: Page): Promise<Trapped> {
  return page.evaluate(() => (window as unknown as { hostileTraps: Trapped }).hostileTraps)
}

/** What a name or badge of more than `max` code points shows: the start and an ellipsis. */
function cut(text: string, max: number): string {
  const codePoints = [...text]
  return codePoints.length > max ? `${codePoints.slice(0, max - 1).join('')}…` : text
}

/** Parses `rgb(r, g, b)`. */
function rgbOf(color: string): [number, number, number] {
  const [r, g, b] = color.match(/\d+/g)!.map(Number)
  return [r!, g!, b!]
}

/** The rules every rendered row keeps, whatever it was sent; each one broken, as a line naming the row. */
function brokenRules(row: RenderedRow): string[] {
  const rules: [string, boolean][] = [
    ['no image', row.images === 0],
    ['a name without invisible characters', !INVISIBLE.test(row.name)],
    ['badges without invisible characters', !INVISIBLE.test(row.badges.join(''))],
    ['the user id, spelled visibly, as the tooltip', row.title !== null && row.title.startsWith('User ID: ') && !INVISIBLE.test(row.title)],
    ['a name color that is a plain rgb()', RGB.test(row.nameColor)],
    ['a name readable on the hover surface', RGB.test(row.nameColor) && contrast(rgbOf(row.nameColor), LIGHT_BACKGROUND) >= 4.5],
    ['no style but the two sender colors', row.messageStyle === null || SENDER_STYLE.test(row.messageStyle)],
    // However many letters or marks it was sent with.
    ['a name at most two lines high', row.nameHeight < 3 * row.lineHeight],
    ['a name of at most 64 characters', [...row.name].length <= 64],
    ['at most three marks on a letter of the name', !/\p{M}{4}/u.test(row.name)],
    ['at most four marks on a letter of the content', !/\p{M}{5}/u.test(row.content)],
    ['at most four badges of at most 24 characters', row.badges.length <= 4 && row.badges.every((badge) => [...badge].length <= 24)],
    ['links to http(s) only, without invisible characters', row.links.every((link) => /^https?:\/\/\S+$/.test(link.href) && !INVISIBLE.test(link.href))],
    ['links that read left to right', row.links.every((link) => link.leftToRight)],
    ['nothing wider than the row', !row.overflowsSideways],
    ['no overlap with the next row', !row.overlapsNext],
    ['name, badges and time in order', row.metaOrder],
  ]
  return rules.filter(([, kept]) => !kept).map(([rule]) => `[${row.marker}] ${JSON.stringify(row.name)}: ${rule}`)
}

/** A page of the demo with the traps in place, and every dialog it opens recorded (and dismissed). */
async function trappedPage(): Promise<{ page: Page; dialogs: string[] }> {
  const watched = await suite.context({ viewport: VIEWPORT })
  await watched.context.addInitScript(installTraps)
  const page = await watched.newPage()
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await openDemo(page, suite.server.url)
  // The traps can fail: one of each, expected at the end.
  await page.evaluate(() => {
    Object.assign(window, { __pwned: 'self-test' })
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
    document.body.append(probe)
    probe.remove()
    alert('self-test')
  })
  return { page, dialogs }
}

/** Nothing ran and nothing foreign appeared, but the self-test of each trap. */
async function expectNothingRan(page: Page, dialogs: string[]): Promise<void> {
  const { hits, foreign } = await trapped(page)
  expect({ hits, foreign, dialogs }).toEqual({ hits: ['self-test'], foreign: ['element: <svg></svg>'], dialogs: ['self-test'] })
}

/** Scrolls the log until the row whose content starts with `[marker]` is at its top. */
async function scrollToMarker(page: Page, marker: string): Promise<void> {
  await messageLog(page).evaluate(async (log, wanted) => {
    // oxlint-disable-next-line unicorn/consistent-function-scoping -- runs in the page, where module scope is out of reach
    const nextFrame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
    log.scrollTop = 0
    for (;;) {
      await nextFrame()
      const content = [...log.querySelectorAll('.message-content')].find((element) => element.textContent?.startsWith(`[${wanted}] `))
      if (content) {
        content.closest('li')!.scrollIntoView({ block: 'start' })
        await nextFrame()
        return
      }
      if (log.scrollTop + log.clientHeight >= log.scrollHeight - 1) throw new Error(`No row [${wanted}]`)
      log.scrollTop += log.clientHeight * 0.5
    }
  }, marker)
}

describe('hostile content in a real browser', () => {
  it('renders the whole corpus from other participants as inert, legible text', async () => {
    const { page, dialogs } = await trappedPage()
    await joinRoom(page, { userId: 'reader', displayName: 'Reader' })

    // Through the service (token attributes, message attributes, content), then beyond its limits.
    const outcomes = await deliver(page, HOSTILE_MESSAGES)
    expect(outcomes.filter((sent) => sent.outcome !== 'MESSAGE')).toEqual([])

    // The room at its most hostile: bidi controls, look-alikes, Zalgo.
    await page.setViewportSize({ width: VIEWPORT.width, height: 2_000 })
    await scrollToMarker(page, 'b01')
    await page.mouse.move(0, 0)
    await screenshot(page, 'hostile', { fullPage: false })
    await page.setViewportSize(VIEWPORT)

    const rows = await renderedRows(page)
    const byMarker = new Map(rows.map((row) => [row.marker, row]))
    expect(rows.map((row) => row.marker).sort()).toEqual(HOSTILE_MESSAGES.map((message) => message.id).sort())

    // Every row, whatever it was sent: the rules the rendering guarantees.
    expect(rows.flatMap(brokenRules)).toEqual([])

    const row = (id: string) => byMarker.get(id)!
    // Markup is text, exactly as sent.
    const markup = HOSTILE_MESSAGES.filter((m) => (m.class === 'html' || m.class === 'url') && m.content !== undefined)
    expect(markup.map((m) => row(m.id).content)).toEqual(markup.map((m) => `[${m.id}] ${m.content}`))
    expect(row('h16').name).toBe(`<img src=x onerror="top.__pwned='h16'">`)
    expect(row('h17').name).toBe(`<svg onload=top.__pwned='h17'>`)
    expect(row('h19').messageStyle).toBeNull()
    // Links: http(s) only, cut before a quote or an invisible character, left to right.
    const links = Object.fromEntries(rows.filter((r) => r.links.length > 0).map((r) => [r.marker, r.links.map((link) => link.href)]))
    expect(links).toEqual({
      h11: ['https://evil.example/'],
      h12: ['https://evil.example/h12'],
      u11: ['https://example.com/'],
      b10: ['https://evil.example/'],
      b11: ['https://evil.example/moc.elgoog'],
      l02: [`https://example.com/${'a'.repeat(3_000)}`],
    })

    // Colours: three of them are colours, made readable; the rest leave the name in the text colour.
    const textColor = await page.evaluate(() => getComputedStyle(document.documentElement).color)
    const colored: Record<string, string> = { c18: 'white', c19: '#f0f0f7', c20: '#ff0' }
    const colors = HOSTILE_MESSAGES.filter((m) => m.class === 'color')
    expect(colors.map((m) => [m.id, row(m.id).nameColor, row(m.id).messageStyle === null])).toEqual(
      colors.map((m) => (colored[m.id] ? [m.id, readableOn(parseColor(colored[m.id]!)!, LIGHT_BACKGROUND), false] : [m.id, textColor, true])),
    )

    // Names and badges without their controls.
    expect(['b01', 'b02', 'b03', 'b04', 'b05', 'b06', 'b08'].map((id) => row(id).name)).toEqual(['gnp.exe', 'moderator', 'evil twin', 'admin', 'Bob', 'Eve live', 'nimda-b08'])
    expect(row('b05').badges).toEqual(['vip'])
    expect(row('b07').badges).toEqual(['rotaredom'])
    // Content keeps its own controls, inside its own paragraph.
    expect(row('b09').content).toBe('[b09] see the attached \u202Egnp.exe')

    // Look-alikes of "admin" look alike; the user id on the name (its tooltip) tells them apart.
    const admins = HOSTILE_MESSAGES.filter((m) => m.class === 'invisible' && m.id !== 'i11').map((m) => row(m.id))
    expect(admins.map((r) => r.name)).toEqual(admins.map(() => 'admin'))
    expect(row('i00').title).toBe('User ID: admin')
    expect(row('i01').title).toBe('User ID: ad<U+200B>min')
    expect(new Set(admins.map((r) => r.title)).size).toBe(admins.length)
    expect(row('i11').name).toBe('blank-i11')
    expect(row('b08').title).toBe('User ID: <U+202E>nimda-b08')

    // Combining marks: three per letter in names and badges, four in content, a line high.
    expect(row('z01').name).toBe('Z\u0300\u0301\u0302algo')
    expect(row('z07').badges).toEqual(['vip\u0300\u0301\u0302'])
    expect(row('z03').content).toBe('[z03] Z\u0300\u0301\u0302\u0303')
    expect(['z03', 'z05', 'z08'].filter((id) => row(id).contentHeight >= 2 * row(id).lineHeight)).toEqual([])

    // Long names and badges are cut, with an ellipsis.
    expect(row('l07').name).toBe(`${'W'.repeat(63)}…`)
    expect(row('l09').name).toBe(`${'M'.repeat(63)}…`)
    expect(row('g01').badges).toEqual(['<b>admin</b>', cut(`<img src=x onerror=top.__pwned='g01'>`, 24)])
    expect(row('g02').badges).toEqual([`${'B'.repeat(23)}…`])
    expect(row('g03').badges).toEqual(['moderator'])
    expect(row('g04').badges).toEqual(['a', 'b', 'c', 'd'])
    expect(row('g06').badges).toHaveLength(4)

    // Nothing wider than the page, on a desktop and on a phone.
    for (const width of [VIEWPORT.width, PHONE_WIDTH]) {
      await page.setViewportSize({ width, height: VIEWPORT.height })
      const sideways = await messageLog(page).evaluate((log) => ({ width: innerWidth, log: log.scrollWidth - log.clientWidth, page: document.documentElement.scrollWidth - innerWidth }))
      expect(sideways).toEqual({ width, log: 0, page: 0 })
    }

    // The emulator's panel lists every session, hostile user ids and attributes included.
    await page.setViewportSize(VIEWPORT)
    const panel = await openEmulatorPanel(page)
    await panel.getByRole('button', { name: 'End session of hostile-h01' }).waitFor()

    await expectNothingRan(page, dialogs)
  })

  it('shows my own hostile attributes and input, and moderators\' hostile reasons, as text', async () => {
    const { page, dialogs } = await trappedPage()

    // My own token's attributes, typed into the join panel; a message from the composer.
    await joinForm(page).getByLabel('Avatar URL').fill(JOIN_ATTRIBUTES.avatar)
    await joinRoom(page, { userId: JOIN_ATTRIBUTES.userId, displayName: JOIN_ATTRIBUTES.displayName, badge: JOIN_ATTRIBUTES.badge })
    const mine = await sendMessage(page, `[${COMPOSER_CONTENT.sent.id}] ${COMPOSER_CONTENT.sent.content}`)
    expect(await mine.locator('.sender-name').textContent()).toBe(`<img src=x onerror=top.__pwned='j01'>gnp`)
    expect(await mine.locator('.badge').allTextContents()).toEqual([cut(JOIN_ATTRIBUTES.badge, 24)])
    expect(await mine.locator('img').count()).toBe(0)
    expect(await mine.locator('.message-content').textContent()).toBe(`[${COMPOSER_CONTENT.sent.id}] ${COMPOSER_CONTENT.sent.content}`)

    // The moderation dialogs on another's message: its content quoted, its sender named.
    const [outcome] = await deliver(page, [DIALOG_MESSAGE])
    expect(outcome!.outcome).toBe('MESSAGE')
    const theirs = messageRow(page, `[${DIALOG_MESSAGE.id}]`)
    await theirs.waitFor()
    const senderName = `<img src=x onerror=top.__pwned='h20'>`
    expect(await theirs.locator('.sender-name').textContent()).toBe(senderName)
    await theirs.getByRole('button', { name: `Delete message from ${senderName}`, exact: true }).click()
    const deleteDialog = page.getByRole('dialog', { name: `Delete message from ${senderName}`, exact: true })
    expect(await deleteDialog.locator('blockquote').textContent()).toBe(`${[...`[h20] ${DIALOG_MESSAGE.content}`].slice(0, 140).join('')}…`)
    await deleteDialog.getByRole('button', { name: 'Cancel' }).click()
    await theirs.getByRole('button', { name: `Disconnect ${senderName}`, exact: true }).click()
    const disconnectDialog = page.getByRole('dialog', { name: `Disconnect ${senderName}`, exact: true })
    await disconnectDialog.getByRole('button', { name: 'Cancel' }).click()

    // A send that fails stays on screen, as text, with Retry.
    await page.evaluate(() => (window as unknown as { ivschatEmulator: { faults: { failNextSends(n: number, code: number): void } } }).ivschatEmulator.faults.failNextSends(1, 500))
    const composer = page.getByRole('textbox', { name: 'Message' })
    await composer.fill(`[${COMPOSER_CONTENT.failed.id}] ${COMPOSER_CONTENT.failed.content}`)
    await composer.press('Enter')
    const unconfirmed = page.getByRole('list', { name: 'Unconfirmed messages' })
    await unconfirmed.getByText('Not sent.', { exact: false }).waitFor()
    expect(await unconfirmed.locator('.message-content').textContent()).toBe(`[${COMPOSER_CONTENT.failed.id}] ${COMPOSER_CONTENT.failed.content}`)
    await unconfirmed.getByRole('button', { name: 'Discard' }).click()

    // A reason for deleting my message, typed into the dialog: text, without its controls.
    const doomed = await sendMessage(page, '[r00] delete me')
    await doomed.getByRole('button', { name: /^Delete message from/ }).click()
    const dialog = page.getByRole('dialog', { name: /^Delete message from/ })
    await dialog.getByLabel('Reason (optional)').fill(HOSTILE_REASONS.delete.reason)
    await dialog.getByRole('button', { name: 'Delete message' }).click()
    const placeholder = messageLog(page).getByText('Your message was deleted by a moderator', { exact: false })
    await placeholder.waitFor()
    expect(await placeholder.textContent()).toBe(`Your message was deleted by a moderator: “<img src=x onerror="top.__pwned='r01'">gnp.exe\u0300\u0301\u0302”.`)

    // Another moderator removes me with a hostile reason: the status line and the banner show
    // it as text, wrapped (a long word once pushed "Join again" off the screen).
    await removeMe(page, JOIN_ATTRIBUTES.userId, HOSTILE_REASONS.kick.reason)
    await expectStatus(page, /^Disconnected: you were removed from the room by a moderator/)
    const shown = `<script>top.__pwned='r02'</script>dnuorg ${'W'.repeat(150)}`
    expect(await statusLine(page).textContent()).toBe(`Disconnected: you were removed from the room by a moderator (“${shown}”).`)
    expect(await page.locator('.banner p').textContent()).toBe(`A moderator removed you from this room: “${shown}”. You will not be reconnected automatically.`)
    for (const width of [VIEWPORT.width, PHONE_WIDTH]) {
      await page.setViewportSize({ width, height: VIEWPORT.height })
      const button = (await page.getByRole('button', { name: 'Join again' }).boundingBox())!
      const fits = await page.evaluate(() => ({ width: innerWidth, sideways: document.documentElement.scrollWidth - innerWidth }))
      expect({ ...fits, buttonInside: button.x >= 0 && button.x + button.width <= width }).toEqual({ width, sideways: 0, buttonInside: true })
    }

    await expectNothingRan(page, dialogs)
  })

  it('counts each case once, for SECURITY.md', () => {
    expect(corpusCounts()).toEqual({ html: 23, url: 13, avatar: 13, color: 20, bidi: 12, invisible: 12, combining: 8, long: 9, badge: 6, reason: 2 })
    expect(Object.values(corpusCounts()).reduce((sum, count) => sum + count, 0)).toBe(HOSTILE_MESSAGES.length + 6)
  })
})

/** A second moderator, on a raw socket, sends DISCONNECT_USER for me with `reason`. */
async function removeMe(page: Page, userId: string, reason: string): Promise<void> {
  await page.evaluate(
    async ({ room, target, why }) => {
      const response = await fetch('https://ivschat.us-west-2.amazonaws.com/CreateChatToken', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ roomIdentifier: room, userId: 'hostile-moderator', capabilities: ['DISCONNECT_USER'], attributes: { displayName: 'Moderator' } }),
      })
      const { token } = (await response.json()) as { token: string }
      const socket = new WebSocket('wss://edge.ivschat.us-west-2.amazonaws.com', token)
      await new Promise((opened) => socket.addEventListener('open', opened, { once: true }))
      socket.send(JSON.stringify({ Action: 'DISCONNECT_USER', RequestId: 'kick', UserId: target, Reason: why }))
    },
    { room: ROOM, target: userId, why: reason },
  )
}
