import { describe, expect, it } from 'vitest'
import { linkify } from '../../src/lib/linkify'
import { capCombiningMarks, cleanContent, cleanReason, cleanText, safeAvatar, visibleUserId } from '../../src/lib/sender-attributes'

/**
 * The text rules the browser test of the hostile corpus (test/e2e/hostile-content.e2e.test.ts)
 * found missing, at unit level so that `npm test` keeps them.
 */

const marks = (count: number) => '\u0301'.repeat(count)

describe('cleanText: names show no invisible character', () => {
  it.each([
    ['soft hyphen', 'ad\u00ADmin'],
    ['invisible operator', 'ad\u2062min'],
    ['tag characters', 'admin\u{E0041}\u{E0064}'],
    ['combining grapheme joiner', 'adm\u034Fin'],
    ['Hangul fillers', 'admin\u3164\u115F\u1160\uFFA0'],
    ['braille blank and ZWNJ', 'ad\u200Cmin\u2800'],
    ['bidi controls, isolates and marks', '\u202Ead\u2066m\u2069in\u200F\u061C'],
  ])('%s', (_, name) => {
    expect(cleanText(name, 64)).toBe('admin')
  })

  it('makes line and paragraph separators spaces: a paragraph separator would start a new bidi paragraph', () => {
    expect(cleanText('Eve\u2029\u202Elive\u2028x', 64)).toBe('Eve live x')
  })

  it('caps a run of marks that zero-width characters were splitting', () => {
    expect(cleanText(`Z${'\u0300\u200B'.repeat(50)}`, 64)).toBe('Z\u0300\u0300\u0300')
  })
})

describe('cleanContent: message content keeps at most four marks on a letter', () => {
  it('cuts Zalgo text to four marks per letter, keeping the letters', () => {
    expect(cleanContent(`Z${marks(10_000)}algo`)).toBe(`Z${marks(4)}algo`)
    expect(cleanContent(`a${marks(5)}b${marks(4)}c`)).toBe(`a${marks(4)}b${marks(4)}c`)
  })

  it('counts a run on through joiners, which do not end the character', () => {
    const capped = cleanContent(`Z${'\u0300\u200C'.repeat(100)}`)
    expect([...capped].filter((character) => /\p{M}/u.test(character))).toHaveLength(4)
  })

  it('leaves real text alone: emoji sequences, keycaps, Hebrew with points, bidi controls', () => {
    const text = '👨‍👩‍👧 ❤️‍🔥 1️⃣ בְּרֵאשִׁ֖ית \u202Egnp.exe'
    expect(cleanContent(text)).toBe(text)
  })

  it('capCombiningMarks takes the limit', () => {
    expect(capCombiningMarks(`e${marks(3)}`, 2)).toBe(`e${marks(2)}`)
  })
})

describe('cleanReason', () => {
  it('shows a moderator reason as a name is shown, up to 256 characters', () => {
    expect(cleanReason('<b>spam</b>\u202E\u200B')).toBe('<b>spam</b>')
    expect([...cleanReason('W'.repeat(1_000))]).toHaveLength(256)
  })
})

describe('visibleUserId', () => {
  it('spells out what would not show, so look-alike ids differ', () => {
    expect(visibleUserId('admin')).toBe('admin')
    expect(visibleUserId('ad\u200Bmin')).toBe('ad<U+200B>min')
    expect(visibleUserId('\u202Enimda')).toBe('<U+202E>nimda')
    expect(visibleUserId('a\u00A0b c\u3164\u{E0041}\n')).toBe('a<U+00A0>b c<U+3164><U+E0041><U+000A>')
  })
})

describe('safeAvatar', () => {
  it.each(['https://user:secret@evil.example/a.png', 'https://trusted.example:443@evil.example/a.png', 'https://user@evil.example/a.png'])('refuses credentials: %j', (value) => {
    expect(safeAvatar(value)).toBeUndefined()
  })
})

describe('linkify', () => {
  it('ends a URL at a format character, so no bidi control or zero-width space is in a link', () => {
    const [link, rest] = linkify('https://evil.example/\u202Emoc.elgoog')
    expect(link).toMatchObject({ props: { href: 'https://evil.example/' } })
    expect(rest).toBe('\u202Emoc.elgoog')
    expect(linkify('https://exa\u200Bmple.com')[0]).toMatchObject({ props: { href: 'https://exa' } })
  })
})
