import { utf8ByteLength } from '../contract/text.ts'

/** A close reason travels in a control frame: at most 123 bytes of UTF-8 (RFC 6455 §5.5). */
export const MAX_CLOSE_REASON_BYTES = 123

/**
 * The longest prefix of `text` that fits in `maxBytes` of UTF-8, never splitting a character.
 * Every adapter closes with a reason cut this way, so a moderator's long reason reads the same
 * in the page and over the server (a browser's own `close()` would throw on a longer one).
 */
export function truncateUtf8(text: string, maxBytes: number = MAX_CLOSE_REASON_BYTES): string {
  if (utf8ByteLength(text) <= maxBytes) return text
  let result = ''
  let bytes = 0
  for (const character of text) {
    bytes += utf8ByteLength(character)
    if (bytes > maxBytes) break
    result += character
  }
  return result
}
