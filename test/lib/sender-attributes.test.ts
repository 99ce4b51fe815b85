import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  cleanText,
  contrast,
  DARK_BACKGROUND,
  LIGHT_BACKGROUND,
  parseBadges,
  parseColor,
  readableOn,
  safeAvatar,
  senderLook,
} from '../../src/lib/sender-attributes'

const SEED = 20_261_128
const channel = fc.integer({ min: 0, max: 255 })
const rgb = fc.tuple(channel, channel, channel)

/** `rgb(r, g, b)` as readableOn writes it, back to channels. */
function channels(css: string): [number, number, number] {
  const parsed = parseColor(css)
  if (!parsed) throw new Error(`readableOn wrote something that is not a plain color: ${css}`)
  return parsed
}

describe('parseColor', () => {
  it.each([
    ['#abc', [170, 187, 204]],
    ['#A1b2C3', [161, 178, 195]],
    ['  #000000 ', [0, 0, 0]],
    ['rgb(1, 2, 3)', [1, 2, 3]],
    ['RGB( 255 ,0,  128 )', [255, 0, 128]],
    ['red', [255, 0, 0]],
    ['Teal', [0, 128, 128]],
  ])('reads the plain color %j', (value, expected) => {
    expect(parseColor(value)).toEqual(expected)
  })

  it.each([
    'red; background:url(x)',
    'expression(alert(1))',
    'url(javascript:alert(1))',
    '#2563eb;position:fixed',
    '#12345',
    '#1234567',
    'rgb(256, 0, 0)',
    'rgb(1, 2)',
    'rgba(1, 2, 3, 0.5)',
    'var(--x)',
    'calc(1px)',
    'red !important',
    '',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
  ])('refuses %j (it never reaches style)', (value) => {
    expect(parseColor(value)).toBeUndefined()
  })
})

describe('readableOn', () => {
  it('reaches 4.5:1 contrast on the light and on the dark background, for any color', () => {
    fc.assert(
      fc.property(rgb, (color) => {
        expect(contrast(channels(readableOn(color, LIGHT_BACKGROUND)), LIGHT_BACKGROUND)).toBeGreaterThanOrEqual(4.5)
        expect(contrast(channels(readableOn(color, DARK_BACKGROUND)), DARK_BACKGROUND)).toBeGreaterThanOrEqual(4.5)
      }),
      { seed: SEED, numRuns: 2_000 },
    )
  })

  it('keeps a color that is readable already', () => {
    expect(readableOn([37, 99, 235], LIGHT_BACKGROUND)).toBe('rgb(37, 99, 235)')
    expect(readableOn([250, 204, 21], DARK_BACKGROUND)).toBe('rgb(250, 204, 21)')
  })

  it('moves the extremes: white on white darkens, black on the dark theme lightens', () => {
    expect(contrast(channels(readableOn([255, 255, 255], LIGHT_BACKGROUND)), LIGHT_BACKGROUND)).toBeGreaterThanOrEqual(4.5)
    expect(contrast(channels(readableOn([0, 0, 0], DARK_BACKGROUND)), DARK_BACKGROUND)).toBeGreaterThanOrEqual(4.5)
    expect(readableOn([255, 255, 0], LIGHT_BACKGROUND)).not.toBe('rgb(255, 255, 0)')
  })

  it('computes WCAG contrast: black on white is 21:1, a color on itself 1:1', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5)
    expect(contrast([37, 99, 235], [37, 99, 235])).toBe(1)
  })
})

describe('cleanText', () => {
  it('removes bidi overrides, isolates and marks, which could reverse what follows', () => {
    expect(cleanText('\u202Egnp.exe', 64)).toBe('gnp.exe')
    expect(cleanText('a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069i\u200Ej\u200Fk\u061Cl', 64)).toBe('abcdefghijkl')
  })

  it('removes zero-width characters, which hide look-alike names', () => {
    expect(cleanText('ad\u200Bmin\u200C\u200D\u2060\uFEFF\u180E', 64)).toBe('admin')
  })

  it('turns control characters into spaces and trims', () => {
    expect(cleanText('\u0000a\nb\tc\u007F', 64)).toBe('a b c')
  })

  it('caps a run of combining marks at three', () => {
    expect(cleanText(`e${'\u0301'.repeat(50)}x`, 64)).toBe('e\u0301\u0301\u0301x')
  })

  it('bounds the length in code points, with an ellipsis, never splitting a surrogate pair', () => {
    expect(cleanText('😀'.repeat(10), 5)).toBe('😀😀😀😀…')
    expect(cleanText('abcde', 5)).toBe('abcde')
    expect([...cleanText('x'.repeat(500), 64)]).toHaveLength(64)
  })

  it('leaves ordinary text of any script alone', () => {
    expect(cleanText('Zoë 😀 مرحبا 你好', 64)).toBe('Zoë 😀 مرحبا 你好')
  })
})

describe('safeAvatar', () => {
  it('accepts https only, normalized', () => {
    expect(safeAvatar('https://example.com/a.png')).toBe('https://example.com/a.png')
    expect(safeAvatar('HTTPS://EXAMPLE.COM/a b.png')).toBe('https://example.com/a%20b.png')
  })

  it.each(['http://example.com/a.png', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:image/png;base64,AAAA', '//example.com/a.png', '/a.png', 'a.png', 'blob:https://example.com/x', '', undefined])(
    'refuses %j',
    (value) => {
      expect(safeAvatar(value)).toBeUndefined()
    },
  )
})

describe('senderLook', () => {
  it('reads the conventional attribute keys', () => {
    expect(senderLook('u1', { displayName: 'Ada', color: '#2563eb', badges: 'vip, moderator', avatar: 'https://example.com/ada.png' })).toEqual({
      displayName: 'Ada',
      color: { light: 'rgb(37, 99, 235)', dark: readableOn([37, 99, 235], DARK_BACKGROUND) },
      badges: ['vip', 'moderator'],
      avatar: 'https://example.com/ada.png',
    })
  })

  it('falls back to the user id, then to "Anonymous", when the name is empty or only invisible characters', () => {
    expect(senderLook('user-7', { displayName: '\u200B\u202E ' }).displayName).toBe('user-7')
    expect(senderLook('\u200B', {}).displayName).toBe('Anonymous')
  })

  it('leaves out what is unsafe instead of guessing', () => {
    const look = senderLook('u', { displayName: 'M', color: 'red; background:url(x)', avatar: 'javascript:alert(1)' })
    expect(look).toEqual({ displayName: 'M', badges: [] })
  })

  it('keeps at most four distinct badges of at most 24 code points each, and skips empty ones', () => {
    expect(parseBadges('a,,b , ,c,d,e')).toEqual(['a', 'b', 'c', 'd'])
    expect(parseBadges('vip,vip, vip,\u200Bvip,mod')).toEqual(['vip', 'mod'])
    expect(parseBadges('x'.repeat(40))[0]).toHaveLength(24)
    expect(senderLook('u', { badge: 'founder' }).badges).toEqual(['founder'])
  })
})
