import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { linkify } from '../../src/lib/linkify'

/** What the message line renders, as HTML. */
const html = (text: string) => renderToStaticMarkup(<p>{linkify(text)}</p>)
const link = (href: string) => `<a href="${href}" target="_blank" rel="noopener noreferrer">${href}</a>`

describe('linkify', () => {
  it('leaves text without links as one text node', () => {
    expect(linkify('just words')).toEqual(['just words'])
    expect(linkify('')).toEqual([])
  })

  it('links http and https URLs, opening safely in a new tab', () => {
    expect(html('see https://example.com/a?b=1&c=2#d and http://example.org')).toBe(
      `<p>see ${link('https://example.com/a?b=1&amp;c=2#d')} and ${link('http://example.org')}</p>`,
    )
  })

  it('keeps the sentence punctuation after a URL out of the link', () => {
    expect(html('go to https://example.com/x. Now!')).toBe(`<p>go to ${link('https://example.com/x')}. Now!</p>`)
    expect(html('(see https://example.com/y)')).toBe(`<p>(see ${link('https://example.com/y')})</p>`)
    expect(html('https://example.com/z?!')).toBe(`<p>${link('https://example.com/z')}?!</p>`)
  })

  it('keeps balanced parentheses that belong to the URL', () => {
    expect(html('https://en.wikipedia.org/wiki/Cat_(disambiguation)')).toBe(`<p>${link('https://en.wikipedia.org/wiki/Cat_(disambiguation)')}</p>`)
    expect(html('(https://en.wikipedia.org/wiki/Cat_(disambiguation)).')).toBe(
      `<p>(${link('https://en.wikipedia.org/wiki/Cat_(disambiguation)')}).</p>`,
    )
  })

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    '[x](javascript:alert(1))',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//example.com/protocol-relative',
    'www.example.com',
    'https://',
  ])('never makes %j a link', (text) => {
    expect(html(text)).not.toContain('<a')
  })

  it('shows HTML as text', () => {
    expect(html('<img src=x onerror=alert(1)> & <b>bold</b>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p>')
  })

  it('ends a URL at a quote or an angle bracket, so nothing can break out of the href', () => {
    expect(html('https://example.com/"onmouseover="alert(1)')).toBe(`<p>${link('https://example.com/')}&quot;onmouseover=&quot;alert(1)</p>`)
    expect(html('<https://example.com/a>')).toBe(`<p>&lt;${link('https://example.com/a')}&gt;</p>`)
  })
})
