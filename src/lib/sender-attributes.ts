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
 * Text that is safe to show as a name: bidi controls (which can reverse what follows) and
 * zero-width characters (which hide impersonation) removed, runs of combining marks capped so
 * a name cannot spill over its neighbours, and the length bounded.
 */
export function cleanText(text: string, maxCodePoints: number): string {
  const stripped = text
    .replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g, '')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u180E]/g, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/(\p{M}{3})\p{M}+/gu, '$1')
    .trim()
  const codePoints = [...stripped]
  return codePoints.length > maxCodePoints ? `${codePoints.slice(0, maxCodePoints - 1).join('')}…` : stripped
}

/** Up to four distinct badges from a comma-separated list (a repeat would also repeat a React key). */
export function parseBadges(value: string): string[] {
  const badges = value
    .split(',')
    .map((badge) => cleanText(badge, MAX_BADGE_LENGTH))
    .filter((badge) => badge.length > 0)
  return [...new Set(badges)].slice(0, MAX_BADGES)
}

export function safeAvatar(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value)
    return url.protocol === 'https:' ? url.href : undefined
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
