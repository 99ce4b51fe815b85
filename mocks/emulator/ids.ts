const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A random twelve-character alphanumeric id, the shape IVS Chat uses for room ids, message
 * ids and event ids (`ID`, `MessageID`). 62^12 ≈ 3·10^21, so collisions are not a concern.
 */
export function newId(): string {
  // 248 is the largest multiple of 62 below 256: rejecting above it keeps the draw uniform.
  let id = ''
  while (id.length < 12) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < 248 && id.length < 12) id += ALPHANUMERIC[byte % 62]
    }
  }
  return id
}

/** A request id as AWS prints them in `x-amzn-RequestId`. */
export function newRequestId(): string {
  return crypto.randomUUID()
}
