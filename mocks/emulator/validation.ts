import type { z } from 'zod/mini'
import type { ValidationExceptionField } from '../contract/errors.ts'
import { validationError } from './errors.ts'
import { ensureEnglishIssueMessages } from './zod-messages.ts'

/** Members AWS marks `sensitive`: their values are never echoed in an error message. */
const SENSITIVE_FIELDS = new Set(['userId', 'attributes', 'token'])

/**
 * Parses an operation's input with its schema (the one the app shares) and turns every
 * problem into a `ValidationException` whose `fieldList` names each bad field, in the words
 * AWS's Coral validator uses ("Member must have length less than or equal to 128").
 */
export function parseInput<Schema extends z.ZodMiniType>(schema: Schema, input: unknown): z.infer<Schema> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw validationError('The request body must be a JSON object', 'OTHER')
  }
  ensureEnglishIssueMessages()
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fieldList = result.error.issues.map((issue) => toField(issue, input))
  const details = fieldList.map((field, i) => describe(field, result.error.issues[i]!, input)).join('; ')
  const count = fieldList.length
  throw validationError(`${count} validation error${count === 1 ? '' : 's'} detected: ${details}`, 'FIELD_VALIDATION_FAILED', fieldList)
}

function toField(issue: z.core.$ZodIssue, input: object): ValidationExceptionField {
  return { name: fieldName(issue), message: constraintText(issue, input) }
}

function fieldName(issue: z.core.$ZodIssue): string {
  // A bad map key is reported on the map, as AWS does (zod puts the key itself at the end of the path).
  const path = (issue.code === 'invalid_key' ? issue.path.slice(0, -1) : issue.path).map(String)
  return path.length > 0 ? path.join('.') : 'body'
}

function describe(field: ValidationExceptionField, issue: z.core.$ZodIssue, input: object): string {
  const top = String(issue.path[0] ?? '')
  const value = valueAt(input, issue.path)
  const shown = SENSITIVE_FIELDS.has(top) || value === undefined ? '' : ` '${preview(value)}'`
  return `Value${shown} at '${field.name}' failed to satisfy constraint: ${field.message}`
}

function constraintText(issue: z.core.$ZodIssue, input: object): string {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? 'Member must not be null' : `Member must be of type ${issue.expected}`
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `Member must have length less than or equal to ${issue.maximum}`
        : `Member must have value less than or equal to ${issue.maximum}`
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `Member must have length greater than or equal to ${issue.minimum}`
        : `Member must have value greater than or equal to ${issue.minimum}`
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue
        ? `Member must satisfy regular expression pattern: ${patternText(String(issue.pattern))}`
        : `Member must be a valid ${issue.format}`
    case 'invalid_value':
      return `Member must satisfy enum value set: [${issue.values.map(String).join(', ')}]`
    case 'invalid_key':
      return 'Map keys must satisfy their constraints'
    case 'invalid_element':
      return 'Map values must satisfy their constraints'
    default:
      return issue.message
  }
}

/** A pattern as AWS prints it (the model's text): no JavaScript delimiters, no escaped slashes. */
function patternText(pattern: string): string {
  const literal = /^\/(.*)\/[a-z]*$/s.exec(pattern)
  return (literal ? literal[1]! : pattern).replaceAll('\\/', '/')
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : stringifyOrDescribe(value)
  return text.length > 64 ? `${text.slice(0, 61)}...` : text
}

/**
 * JSON text of a parsed request value. `JSON.parse` builds nesting of any depth but
 * `JSON.stringify` recurses and overflows the stack on it, so a hostile value is described
 * by its type instead of failing the whole answer with a 500.
 */
function stringifyOrDescribe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return Array.isArray(value) ? '[array nested too deeply to show]' : '{object nested too deeply to show}'
  }
}
