import { z } from 'zod/mini'

/**
 * The modelled errors of the IVS Chat API and their HTTP statuses. The error's name travels
 * in the `x-amzn-ErrorType` header and the members in a JSON body (restJson1).
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/CommonErrors.html
 */
export const ERROR_STATUS = {
  ValidationException: 400,
  ServiceQuotaExceededException: 402,
  AccessDeniedException: 403,
  PendingVerification: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ThrottlingException: 429,
  InternalServerException: 500,
} as const
export type ErrorType = keyof typeof ERROR_STATUS
export const ERROR_TYPES = Object.keys(ERROR_STATUS) as ErrorType[]

export const ValidationExceptionReason = z.enum(['UNKNOWN_OPERATION', 'FIELD_VALIDATION_FAILED', 'OTHER'])
export type ValidationExceptionReason = z.infer<typeof ValidationExceptionReason>

export const ValidationExceptionField = z.object({ name: z.string(), message: z.string() })
export type ValidationExceptionField = z.infer<typeof ValidationExceptionField>

/** Every member any modelled error body may carry; which ones depends on the type. */
export const ErrorBody = z.object({
  message: z.string(),
  reason: z.optional(ValidationExceptionReason),
  fieldList: z.optional(z.array(ValidationExceptionField)),
  resourceId: z.optional(z.string()),
  resourceType: z.optional(z.string()),
  limit: z.optional(z.int()),
})
export type ErrorBody = z.infer<typeof ErrorBody>

/**
 * The error name as AWS clients read it: header first, then `code`, then `__type`;
 * anything after `:` and before `#` is dropped.
 */
export function parseErrorType(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined
  const beforeColon = raw.split(',')[0]!.split(':')[0]!
  const afterHash = beforeColon.includes('#') ? beforeColon.slice(beforeColon.lastIndexOf('#') + 1) : beforeColon
  return afterHash.trim() || undefined
}
