import { z } from 'zod/mini'

/**
 * A JSON object read as a map of strings, as AWS's models define attributes and tags.
 *
 * zod's `record` leaves a `__proto__` key out of the object it builds (assigning it would
 * replace that object's prototype) and so never checks its value: `{"__proto__": 5}` would pass
 * as `{}`, and a `__proto__` attribute would vanish without a word. Such a map is refused
 * instead, with one issue on the map itself. JSON allows the key, but no JavaScript object built
 * by assignment (in this app, the chat SDK or a user's code) can carry it faithfully.
 */
export function stringMap<Key extends z.core.$ZodType<string, string>, Value extends z.core.$ZodType<string, string>>(key: Key, value: Value) {
  // zod's preprocess step, in zod/mini's terms: a check on the raw input piped into the record
  // (a pipe stops at its first half's issue, so the map gets this one issue and no other).
  const withoutProtoKey = z.unknown().check(
    z.refine((input) => !(typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')), {
      message: 'Member must not have the map key __proto__',
    }),
  )
  return z.pipe(withoutProtoKey, z.record(key, value))
}
