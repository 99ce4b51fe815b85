import { TAGS_MAX_ENTRIES } from '../contract/constraints.ts'
import {
  ListTagsForResourceRequest,
  TagResourceRequest,
  UntagResourceRequest,
  type ListTagsForResourceResponse,
} from '../contract/tags.ts'
import type { Account } from './account.ts'
import { resourceNotFound, validationError } from './errors.ts'
import { regionOfArn, type CallContext } from './regions.ts'
import { parseInput } from './validation.ts'

/**
 * The tag operations at `/tags/{resourceArn}`, for the two taggable resources: rooms and
 * logging configurations. Any other ARN of the service's form names nothing (404).
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_TagResource.html
 */

/** `POST /tags/{resourceArn}`: adds or overwrites; a resource holds at most 50 tags. */
export function tagResource(emulator: Account, input: unknown, context?: CallContext): Record<string, never> {
  const { resourceArn, tags } = parseInput(TagResourceRequest, input)
  const resource = taggable(emulator, resourceArn, context)
  const merged = { ...resource.tags(), ...tags }
  if (Object.keys(merged).length > TAGS_MAX_ENTRIES) {
    throw validationError(
      `1 validation error detected: the resource would have ${Object.keys(merged).length} tags; a resource can have at most ${TAGS_MAX_ENTRIES}`,
      'FIELD_VALIDATION_FAILED',
      [{ name: 'tags', message: `A resource can have at most ${TAGS_MAX_ENTRIES} tags` }],
    )
  }
  resource.setTags(merged)
  return {}
}

/** `DELETE /tags/{resourceArn}?tagKeys=...`: a key the resource does not have is no error. */
export function untagResource(emulator: Account, input: unknown, context?: CallContext): Record<string, never> {
  const { resourceArn, tagKeys } = parseInput(UntagResourceRequest, input)
  const resource = taggable(emulator, resourceArn, context)
  const tags = resource.tags()
  for (const key of tagKeys) delete tags[key]
  resource.setTags(tags)
  return {}
}

/** `GET /tags/{resourceArn}`. */
export function listTagsForResource(emulator: Account, input: unknown, context?: CallContext): ListTagsForResourceResponse {
  const { resourceArn } = parseInput(ListTagsForResourceRequest, input)
  return { tags: taggable(emulator, resourceArn, context).tags() }
}

interface Taggable {
  /** A copy of the resource's tags. */
  tags(): Record<string, string>
  setTags(tags: Record<string, string>): void
}

/** The room or logging configuration `arn` names, in the caller's region; its store reports the change. */
function taggable(emulator: Account, arn: string, context: CallContext | undefined): Taggable {
  if (context && regionOfArn(arn) !== context.region) throw resourceNotFound(arn)
  for (const store of [emulator.rooms, emulator.loggingConfigurations]) {
    const resource = store.find(arn)
    if (resource) return { tags: () => ({ ...resource.tags }), setTags: (tags) => store.setTags(arn, tags) }
  }
  throw resourceNotFound(arn)
}
