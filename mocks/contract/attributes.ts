import { z } from 'zod/mini'
import { ATTRIBUTES_MAX_BYTES } from './constraints.ts'
import { stringMap } from './string-map.ts'
import { attributesByteLength } from './text.ts'

/**
 * A string→string attribute map under the 1 KB budget, as CreateChatToken, SendEvent and
 * the socket's SEND_MESSAGE take it. Values must be strings: the chat SDK drops a whole
 * frame whose attribute value is not a string, so nothing else may get in.
 */
export const Attributes = stringMap(z.string(), z.string()).check(
  z.refine((attributes) => attributesByteLength(attributes) <= ATTRIBUTES_MAX_BYTES, {
    message: `Member must have total length (UTF-8 bytes of keys and values) less than or equal to ${ATTRIBUTES_MAX_BYTES}`,
  }),
)
export type Attributes = z.infer<typeof Attributes>
