/**
 * Lengths the way IVS Chat counts them.
 * `maximumMessageLength` counts "rune/code-point count, not number of bytes", and the
 * 1 KB attribute budget is UTF-8 bytes; JavaScript's `.length` counts neither.
 */

/** Unicode code points in `text` (an emoji is 1, not 2). */
export function codePointLength(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

const encoder = new TextEncoder()

/** UTF-8 bytes of `text`. */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).byteLength
}

/**
 * Bytes an attribute map uses against the 1 KB budget: every key and every value, UTF-8.
 * AWS does not document the exact rule (UNCONFIRMED, see FIDELITY.md); keys plus values is the
 * reading that matches "1 KB total" and is what our own UI shows.
 */
export function attributesByteLength(attributes: Record<string, string>): number {
  let total = 0
  for (const [key, value] of Object.entries(attributes)) {
    total += utf8ByteLength(key) + utf8ByteLength(value)
  }
  return total
}
