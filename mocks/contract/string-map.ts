import { z } from 'zod'

/**
 * A JSON object read as a map of strings, as AWS's models define attributes and tags.
 *
 * zod's `record` leaves a `__proto__` key out of the object it builds (assigning it would
 * replace that object's prototype) and so never checks its value: `{"__proto__": 5}` would pass
 * as `{}`, and a `__proto__` attribute would vanish without a word. Such a map is refused
 * instead, with one issue on the map itself. JSON allows the key, but no JavaScript object built
 * by assignment (in this app, the chat SDK or a user's code) can carry it faithfully.
 */
export function stringMap<Key extends z.ZodType<string, string>, Value extends z.ZodType<string, string>>(key: Key, value: Value) {
  return z.preprocess((input, ctx) => {
    if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')) {
      ctx.addIssue({ code: 'custom', message: 'Member must not have the map key __proto__', input })
    }
    return input
  }, z.record(key, value))
}
