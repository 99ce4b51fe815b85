/**
 * Sender attributes arrive as free strings from whoever minted the token: they are checked
 * here before anything reaches `style`, `src` or the DOM. Conventional keys are the ones
 * AWS's samples use: `displayName`, `color`, `badges` (or `badge`), `avatar`.
 */
export interface SenderLook {
  displayName: string
  /** A color readable on the light and on the dark background, or undefined. */
  color?: { light: string; dark: string }
  badges: string[]
  /** An https URL, or undefined. */
  avatar?: string
}

const MAX_DISPLAY_NAME = 64
const MAX_BADGES = 4
const MAX_BADGE_LENGTH = 24
const MAX_REASON_LENGTH = 256

export function senderLook(userId: string, attributes: Record<string, string>): SenderLook {
  const displayName = cleanText(attributes.displayName ?? attributes.username ?? '', MAX_DISPLAY_NAME) || cleanText(userId, MAX_DISPLAY_NAME) || 'Anonymous'
  const rgb = parseColor(attributes.color ?? '')
  return {
    displayName,
    ...(rgb ? { color: { light: readableOn(rgb, LIGHT_BACKGROUND), dark: readableOn(rgb, DARK_BACKGROUND) } } : {}),
    badges: parseBadges(attributes.badges ?? attributes.badge ?? ''),
    ...(safeAvatar(attributes.avatar) ? { avatar: safeAvatar(attributes.avatar)! } : {}),
  }
}

/**
 * Characters that show nothing yet change what a name is: every format character (bidi
 * controls, which can reverse what follows; zero-width spaces and joiners, the soft hyphen,
 * invisible operators, tag characters: all hide a look-alike), the combining grapheme joiner,
 * and the letters and symbols that render blank (Hangul fillers, the braille blank).
 */
const INVISIBLE_CLASS = '\\p{Cf}\\u034F\\u115F\\u1160\\u3164\\uFFA0\\u2800'
const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, 'gu')
/** What `visibleUserId` spells out: the invisible, controls, line breaks, spaces but U+0020. */
const UNSEEN_IN_ID = new RegExp(`[${INVISIBLE_CLASS}\\p{Cc}\\p{Zl}\\p{Zp}]|(?! )\\p{Zs}`, 'gu')

/**
 * Text that is safe to show as a name: invisible characters removed (bidi controls, which can
 * reverse what follows, and zero-width characters, which hide impersonation), line and
 * paragraph breaks made spaces (a paragraph separator would start a new bidi paragraph), runs
 * of combining marks capped so a name cannot spill over its neighbours, and the length bounded.
 */
export function cleanText(text: string, maxCodePoints: number): string {
  const visible = text.replace(INVISIBLE, '').replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
  // After the invisible are gone: a zero-width space between marks must not hide a run.
  const stripped = capCombiningMarks(visible, 3).trim()
  const codePoints = [...stripped]
  return codePoints.length > maxCodePoints ? `${codePoints.slice(0, maxCodePoints - 1).join('')}…` : stripped
}

/**
 * Message content as it is shown: runs of more than four combining marks cut to four. Real
 * text needs at most that many on one letter (Hebrew with points and cantillation); Zalgo
 * text stacks thousands, drawn over the rows around it or in one line wider than the log.
 * Everything else stays, bidi controls included: the content is its own paragraph, so they
 * reorder nothing outside it, and a link is its own left-to-right isolate (see linkify).
 */
export function cleanContent(content: string): string {
  return capCombiningMarks(content, 4)
}

/**
 * `text` with no more than `max` combining marks on one letter: the rest of each run is
 * dropped. A run goes on through the joiners and other extenders that stay in the same
 * character (ZWJ, ZWNJ, tag characters), so that those cannot hide a long run either.
 */
export function capCombiningMarks(text: string, max: number): string {
  return text.replace(MARK_RUN, (run) => {
    let marks = 0
    let kept = ''
    for (const character of run) if (!MARK.test(character) || ++marks <= max) kept += character
    return kept
  })
}

const MARK = /^\p{M}$/u
const MARK_RUN = /[\p{M}\p{Grapheme_Extend}\u200D]{2,}/gu

/** Up to four distinct badges from a comma-separated list (a repeat would also repeat a React key). */
export function parseBadges(value: string): string[] {
  const badges = value
    .split(',')
    .map((badge) => cleanText(badge, MAX_BADGE_LENGTH))
    .filter((badge) => badge.length > 0)
  return [...new Set(badges)].slice(0, MAX_BADGES)
}

/** A moderator's reason (AWS allows 256 characters), as `cleanText` makes a name. */
export function cleanReason(reason: string): string {
  return cleanText(reason, MAX_REASON_LENGTH)
}

/**
 * A user id as a tooltip shows it: every character that would not show (see `INVISIBLE`, and
 * controls, line breaks and spaces other than U+0020) spelled as `<U+200B>`, so that two ids
 * that differ only by those never look alike. Display names are not identities (whoever mints
 * the token chooses them); the user id is.
 */
export function visibleUserId(userId: string): string {
  return userId.replace(UNSEEN_IN_ID, (character) => `<U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`)
}

/**
 * An https URL to load as an avatar, or undefined. No credentials: the browser refuses to load
 * them anyway, and `https://trusted.example@evil.example/` reads as the wrong host.
 */
export function safeAvatar(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value)
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? url.href : undefined
  } catch {
    return undefined
  }
}

type Rgb = [number, number, number]

const NAMED_COLORS: Record<string, Rgb> = {
  red: [255, 0, 0], orange: [255, 165, 0], gold: [255, 215, 0], yellow: [255, 255, 0], green: [0, 128, 0],
  teal: [0, 128, 128], blue: [0, 0, 255], navy: [0, 0, 128], purple: [128, 0, 128], magenta: [255, 0, 255],
  pink: [255, 192, 203], brown: [165, 42, 42], black: [0, 0, 0], white: [255, 255, 255], gray: [128, 128, 128],
  grey: [128, 128, 128], crimson: [220, 20, 60], coral: [255, 127, 80], tomato: [255, 99, 71], violet: [238, 130, 238],
  indigo: [75, 0, 130], cyan: [0, 255, 255], lime: [0, 255, 0], olive: [128, 128, 0], maroon: [128, 0, 0],
}

/** Only `#rgb`, `#rrggbb`, `rgb(r, g, b)` or a common color name: never raw CSS. */
export function parseColor(value: string): Rgb | undefined {
  const text = value.trim().toLowerCase()
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(text)
  if (short) return [parseInt(short[1]! + short[1]!, 16), parseInt(short[2]! + short[2]!, 16), parseInt(short[3]! + short[3]!, 16)]
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(text)
  if (long) return [parseInt(long[1]!, 16), parseInt(long[2]!, 16), parseInt(long[3]!, 16)]
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/.exec(text)
  if (rgb) {
    const channels = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] as Rgb
    return channels.every((c) => c <= 255) ? channels : undefined
  }
  return Object.hasOwn(NAMED_COLORS, text) ? NAMED_COLORS[text] : undefined
}

/**
 * The surfaces a name is read on, at their least contrasting: a row under the pointer
 * (`--surface-2`), which is darker (light theme) or lighter (dark theme) than the plain
 * surface and than the tint of one's own messages. AA on these is AA on all of them.
 */
export const LIGHT_BACKGROUND: Rgb = [240, 240, 247]
export const DARK_BACKGROUND: Rgb = [34, 34, 44]
/** WCAG AA for normal text. */
const MIN_CONTRAST = 4.5

/** The color, darkened or lightened just enough to reach AA contrast on `background`. */
export function readableOn(color: Rgb, background: Rgb): string {
  let current = color
  const towards: Rgb = luminance(background) > 0.5 ? [0, 0, 0] : [255, 255, 255]
  for (let step = 0; step < 20 && contrast(current, background) < MIN_CONTRAST; step++) {
    current = current.map((c, i) => Math.round(c + (towards[i]! - c) * 0.15)) as Rgb
  }
  return `rgb(${current[0]}, ${current[1]}, ${current[2]})`
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

function linear(channel: number): number {
  const s = channel / 255
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
}

function luminance([r, g, b]: Rgb): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}
