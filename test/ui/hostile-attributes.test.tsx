import { screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { eventually, joinThroughPanel, messageLog, otherParticipant, rowWith, setupChatUi } from './chat-ui-helpers'

setupChatUi()

/** The row's message element: where the sender's color would go, as a style custom property. */
function messageElementOf(row: HTMLElement): HTMLElement {
  const element = row.firstElementChild
  if (!(element instanceof HTMLElement)) throw new Error('A row without its message')
  return element
}

/** Nothing in `row` may load, run or link anything but http(s). */
function expectHarmless(row: HTMLElement): void {
  // Every <img>, decorative or not: role queries do not see an alt="" image.
  expect(row.querySelectorAll('img')).toHaveLength(0)
  for (const anchor of row.querySelectorAll('a')) expect(anchor.href).toMatch(/^https?:\/\//)
  for (const element of row.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) expect(attribute).not.toMatch(/^on/i)
  }
}

it('renders hostile attributes and content from another participant harmlessly', async () => {
  await joinThroughPanel({ userId: 'me', displayName: 'Me' })
  const mallory = await otherParticipant({
    userId: 'mallory',
    // A right-to-left override would show "exe.png" backwards; zero-width characters hide look-alikes.
    attributes: { displayName: '\u202Egnp.exe\u200B Mal\u2066lory\u2069\u200D', color: 'red; background:url(x)', avatar: 'javascript:alert(1)', badges: '<b>admin</b>' },
  })
  const eve = await otherParticipant({
    userId: 'eve',
    attributes: { displayName: 'Eve', color: 'expression(alert(1))', avatar: 'http://example.com/eve.png' },
  })
  const trudy = await otherParticipant({
    userId: 'trudy',
    attributes: { displayName: 'Trudy', color: '#2563eb;position:fixed', avatar: 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+' },
  })

  await mallory.say('<img src=x onerror=alert(1)>')
  await eve.say('javascript:alert(1) and [x](javascript:alert(1)) but https://example.com/ok.')
  await trudy.say('data:text/html,<script>alert(1)</script>')
  await eventually(() => expect(within(messageLog()).getAllByRole('listitem')).toHaveLength(3))

  const malloryRow = rowWith('onerror')
  expectHarmless(malloryRow)
  expect(within(malloryRow).getByText('<img src=x onerror=alert(1)>')).toBeTruthy()
  expect(within(malloryRow).getByText('gnp.exe Mallory')).toBeTruthy()
  expect(malloryRow.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200D]/)
  expect(within(malloryRow).getByText('<b>admin</b>').className).toBe('badge')
  expect(messageElementOf(malloryRow).getAttribute('style')).toBeNull()

  const eveRow = rowWith('[x](javascript:alert(1))')
  expectHarmless(eveRow)
  expect(within(eveRow).getAllByRole('link').map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')])).toEqual([
    ['https://example.com/ok', 'noopener noreferrer', '_blank'],
  ])
  expect(messageElementOf(eveRow).getAttribute('style')).toBeNull()

  const trudyRow = rowWith('data:text/html')
  expectHarmless(trudyRow)
  expect(within(trudyRow).queryAllByRole('link')).toHaveLength(0)
  expect(trudyRow.querySelectorAll('script')).toHaveLength(0)
  expect(messageElementOf(trudyRow).getAttribute('style')).toBeNull()
  expect(document.querySelectorAll('img')).toHaveLength(0)
})

it('renders your own unsafe avatar and a display name with bidi overrides harmlessly', async () => {
  const user = await joinThroughPanel({ displayName: 'Z\u202Eero\u200Bwidth', avatar: 'javascript:alert(1)' })

  // `[[` is user-event's escape for a literal `[`.
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'see [[me](javascript:alert(1)){Enter}')

  await eventually(() => rowWith('see [me]'))
  const row = rowWith('see [me]')
  expectHarmless(row)
  expect(within(row).queryAllByRole('link')).toHaveLength(0)
  expect(within(row).getByText('Zerowidth')).toBeTruthy()
})

it('shows a repeated badge once', async () => {
  await joinThroughPanel({ userId: 'me', displayName: 'Me' })
  const sam = await otherParticipant({ userId: 'sam', attributes: { displayName: 'Sam', badges: 'vip,vip, vip,moderator' } })

  await sam.say('twice the vip')

  await eventually(() => rowWith('twice the vip'))
  expect(within(rowWith('twice the vip')).getAllByText(/^(vip|moderator)$/).map((chip) => chip.textContent)).toEqual(['vip', 'moderator'])
})

it('shows an https avatar, and only as a decorative image that sends no referrer', async () => {
  await joinThroughPanel({ userId: 'me', displayName: 'Me' })
  const ada = await otherParticipant({ userId: 'ada', attributes: { displayName: 'Ada', avatar: 'https://example.com/ada.png' } })

  await ada.say('with a face')

  await eventually(() => rowWith('with a face'))
  const images = rowWith('with a face').querySelectorAll('img')
  expect([...images].map((img) => [img.getAttribute('src'), img.getAttribute('alt'), img.getAttribute('referrerpolicy')])).toEqual([
    ['https://example.com/ada.png', '', 'no-referrer'],
  ])
})
