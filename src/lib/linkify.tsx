import type { ReactNode } from 'react'

// A URL also ends at a format character (a bidi control, a zero-width space): none belongs in
// one, and inside the link text one would reverse or hide part of what the reader checks.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'\p{Cf}]+/giu
const TRAILING_PUNCTUATION = '.,;:!?)]}'

/**
 * Message text as React nodes: plain text (React escapes it, so HTML stays text), with
 * http(s) URLs made into links that open safely. No other scheme is ever a link, so a
 * `javascript:` or `data:` URL is only text.
 */
export function linkify(text: string): ReactNode[] {
  const nodes: ReactNode[] = []
  let last = 0
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0]
    const href = withoutTrailingPunctuation(raw)
    const start = match.index
    if (start > last) nodes.push(text.slice(last, start))
    if (isHttpUrl(href)) {
      nodes.push(
        <a key={start} href={href} target="_blank" rel="noopener noreferrer">
          {href}
        </a>,
      )
    } else {
      nodes.push(href)
    }
    last = start + href.length
  }
  if (last < text.length) nodes.push(text.slice(last))
  return nodes
}

/**
 * Drops the sentence's punctuation from the end of a URL, but not a `)` that closes a `(`
 * of the URL itself (`…/wiki/Cat_(disambiguation)`).
 */
function withoutTrailingPunctuation(url: string): string {
  let end = url.length
  while (end > 0 && TRAILING_PUNCTUATION.includes(url[end - 1]!)) {
    // A `)` that has its `(` in the URL is part of it.
    if (url[end - 1] === ')' && count(url, '(', end) >= count(url, ')', end)) break
    end--
  }
  return url.slice(0, end)
}

function count(text: string, character: string, end: number): number {
  let n = 0
  for (let i = 0; i < end; i++) if (text[i] === character) n++
  return n
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}
