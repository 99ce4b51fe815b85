import { z } from 'zod/mini'
import { ROOM_ARN_PATTERN, ROOM_IDENTIFIER_MAX_LENGTH, USER_ID_MAX_LENGTH } from '../../../mocks/contract/constraints'

/** Where the join panel keeps what it last joined with, per browser profile and origin. */
export const SAVED_JOIN_KEY = 'ivschat-demo:join'

/**
 * What survives a reload: the persona (user id and attributes) and the room. Capabilities and
 * the duration are not kept: a reload gives back a full set and the default session, so an
 * experiment with a read-only token or a one-minute session does not stick to the next visit. Storage is anyone's to edit (DevTools, an older build of this demo, another app
 * on the same origin), so every field is checked on read, and a field that fails its check is
 * dropped alone: the panel falls back to its default for it, and the rest still applies.
 */
// zod/mini, as the rest of the first render (docs/decisions/008).
const text = (max: number) => z.string().check(z.maxLength(max))
const FIELDS = {
  userId: text(USER_ID_MAX_LENGTH),
  displayName: text(256),
  color: text(32),
  badge: text(256),
  avatar: text(1024),
  roomArn: z.string().check(z.maxLength(ROOM_IDENTIFIER_MAX_LENGTH), z.regex(ROOM_ARN_PATTERN)),
}
export type SavedJoin = Partial<Record<keyof typeof FIELDS, string>>

/** Each field checked alone: one that fails its schema is dropped, and the others still apply. */
function checked(value: unknown): SavedJoin {
  if (typeof value !== 'object' || value === null) return {}
  const saved: SavedJoin = {}
  for (const [name, schema] of Object.entries(FIELDS) as [keyof typeof FIELDS, (typeof FIELDS)[keyof typeof FIELDS]][]) {
    const field = schema.safeParse((value as Record<string, unknown>)[name])
    if (field.success) saved[name] = field.data
  }
  return saved
}

/**
 * What was saved, checked; `{}` when nothing was, when it is not JSON, or when storage is
 * refused (reading `localStorage` itself throws in a sandboxed frame or under some privacy settings).
 */
export function readSavedJoin(): SavedJoin {
  try {
    return checked(JSON.parse(localStorage.getItem(SAVED_JOIN_KEY) ?? '{}'))
  } catch {
    return {}
  }
}

/** Saves what the user joined with; a full or refused storage only means it is not remembered. */
export function saveJoin(saved: SavedJoin): void {
  try {
    localStorage.setItem(SAVED_JOIN_KEY, JSON.stringify(saved))
  } catch {
    // Nothing else depends on it.
  }
}
