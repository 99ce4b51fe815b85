import { z } from 'zod/mini'
import {
  RESERVED_TAG_PREFIX,
  RESOURCE_ARN_MAX_LENGTH,
  RESOURCE_ARN_PATTERN,
  TAG_KEY_MAX_LENGTH,
  TAG_VALUE_MAX_LENGTH,
  TAGS_MAX_ENTRIES,
} from './constraints.ts'
import { stringMap } from './string-map.ts'

/**
 * Tags of rooms and logging configurations, and the three tag operations at `/tags/{resourceArn}`.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_TagResource.html
 */

export const TagKey = z.string().check(z.minLength(1), z.maxLength(TAG_KEY_MAX_LENGTH))
export const TagValue = z.string().check(z.maxLength(TAG_VALUE_MAX_LENGTH))

/** The wording of the refusal of a reserved key, shared by every operation that takes tag keys. */
export const RESERVED_TAG_KEY_MESSAGE = `Tag keys must not begin with the reserved prefix "${RESERVED_TAG_PREFIX}" (in any case)`

export function isReservedTagKey(key: string): boolean {
  return key.slice(0, RESERVED_TAG_PREFIX.length).toLowerCase() === RESERVED_TAG_PREFIX
}

export const Tags = stringMap(TagKey, TagValue).check(
  z.refine((tags) => Object.keys(tags).length <= TAGS_MAX_ENTRIES, {
    message: `Member must have length less than or equal to ${TAGS_MAX_ENTRIES}`,
  }),
  z.refine((tags) => !Object.keys(tags).some(isReservedTagKey), { message: RESERVED_TAG_KEY_MESSAGE }),
)
export type Tags = z.infer<typeof Tags>

export const ResourceArn = z.string().check(
  z.minLength(1),
  z.maxLength(RESOURCE_ARN_MAX_LENGTH),
  z.regex(RESOURCE_ARN_PATTERN),
)

export const TagResourceRequest = z.object({ resourceArn: ResourceArn, tags: Tags })
export type TagResourceRequest = z.infer<typeof TagResourceRequest>

export const UntagResourceRequest = z.object({
  resourceArn: ResourceArn,
  tagKeys: z.array(TagKey).check(
    z.maxLength(TAGS_MAX_ENTRIES),
    z.refine((keys) => !keys.some(isReservedTagKey), { message: RESERVED_TAG_KEY_MESSAGE }),
  ),
})
export type UntagResourceRequest = z.infer<typeof UntagResourceRequest>

export const ListTagsForResourceRequest = z.object({ resourceArn: ResourceArn })
export type ListTagsForResourceRequest = z.infer<typeof ListTagsForResourceRequest>

export const ListTagsForResourceResponse = z.object({ tags: z.record(z.string(), z.string()) })
export type ListTagsForResourceResponse = z.infer<typeof ListTagsForResourceResponse>
