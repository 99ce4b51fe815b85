import { mkdirSync } from 'node:fs'
import { join as joinPath, resolve } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

/** The built app (`npm run build`); `npm run test:e2e` builds it first. */
export const DIST = resolve(import.meta.dirname, '../../dist')
/** Where the e2e screenshots go (gitignored). */
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/e2e')
/** The sub-path the suite serves the build from, as a GitHub Pages project site would be. */
export const SUB_PATH = '/some/sub/path/'

const WAIT = { timeout: 15_000, interval: 100 }

export type CapabilityLabel = 'Send messages' | 'Delete messages' | 'Disconnect users'
const ALL_CAPABILITIES: CapabilityLabel[] = ['Send messages', 'Delete messages', 'Disconnect users']

export interface JoinOptions {
  userId?: string
  displayName?: string
  /** `#rrggbb`: the join panel's color input. */
  color?: string
  badge?: string
  /** Exactly these are checked; all three by default. */
  capabilities?: CapabilityLabel[]
  sessionMinutes?: number
}

/** Opens the demo and waits until the in-page emulator runs (Join is enabled then). */
export async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await waitForEmulator(page)
}

/** Waits until the page's emulator runs: `window.ivschatEmulator` is set and Join is enabled. */
export async function waitForEmulator(page: Page): Promise<void> {
  await page.waitForFunction(() => 'ivschatEmulator' in window, undefined, { timeout: WAIT.timeout })
  await expect.poll(() => joinForm(page).getByRole('button', { name: 'Join', exact: true }).isEnabled(), WAIT).toBe(true)
}

export function joinForm(page: Page): Locator {
  return page.getByRole('form', { name: 'Join a chat room' })
}

/** Fills the join panel and joins; resolves once the status says Connected. */
export async function joinRoom(page: Page, options: JoinOptions = {}): Promise<void> {
  const form = joinForm(page)
  if (options.userId !== undefined) await form.getByLabel('User ID').fill(options.userId)
  if (options.displayName !== undefined) await form.getByLabel('Display name').fill(options.displayName)
  if (options.color !== undefined) await form.getByLabel('Color').fill(options.color)
  if (options.badge !== undefined) await form.getByLabel('Badge').fill(options.badge)
  const wanted = options.capabilities ?? ALL_CAPABILITIES
  for (const capability of ALL_CAPABILITIES) await form.getByLabel(capability).setChecked(wanted.includes(capability))
  if (options.sessionMinutes !== undefined) await form.getByLabel('Session duration (minutes)').fill(String(options.sessionMinutes))
  await form.getByRole('button', { name: 'Join', exact: true }).click()
  await expectStatus(page, 'Connected')
}

/** The connection status line in the page header. */
export function statusLine(page: Page): Locator {
  return page.getByRole('banner').getByRole('status')
}

export async function expectStatus(page: Page, text: string | RegExp): Promise<void> {
  const read = () => statusLine(page).innerText()
  if (typeof text === 'string') await expect.poll(read, WAIT).toBe(text)
  else await expect.poll(read, WAIT).toMatch(text)
}

export function messageLog(page: Page): Locator {
  return page.getByRole('log', { name: 'Messages' })
}

/** The message row (list item) whose text includes `content`. */
export function messageRow(page: Page, content: string): Locator {
  return messageLog(page).getByRole('listitem').filter({ hasText: content })
}

/** Types a message, sends it with Enter and waits for it to come back from the room. */
export async function sendMessage(page: Page, content: string): Promise<Locator> {
  await page.getByRole('textbox', { name: 'Message' }).fill(content)
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  const row = messageRow(page, content)
  await row.waitFor(WAIT)
  return row
}

/** The countdown timers' texts, by label ("Token expires in", "Session expires in"). */
export function countdown(page: Page, label: 'Token expires in' | 'Session expires in'): Locator {
  return page.getByRole('timer', { name: label })
}

/** `1:05:09` or `4:09` as seconds. */
export function seconds(text: string): number {
  const parts = text.trim().split(':').map(Number)
  if (parts.length < 2 || parts.some((part) => !Number.isInteger(part))) throw new Error(`not a countdown: ${JSON.stringify(text)}`)
  return parts.reduce((total, part) => total * 60 + part, 0)
}

/** Opens the emulator's developer drawer beside the chat. */
export async function openEmulatorPanel(page: Page): Promise<Locator> {
  const toggle = page.getByRole('button', { name: 'Emulator panel' })
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  return page.getByRole('complementary', { name: 'Emulator' })
}

/**
 * A screenshot under test-results/e2e/: the whole page, or (`fullPage: false`) the viewport.
 * Take the viewport on an emulated phone: a full-page capture resizes the emulated screen, and
 * Chromium then drops the touch media features for the capture (`hover: none` stops
 * matching), so hover-only styles show that a phone never shows.
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  // Transitions end at once: a half-finished fade misleads.
  await page.screenshot({ path: joinPath(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' })
}
