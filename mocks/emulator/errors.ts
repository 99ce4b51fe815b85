import type { ErrorBody, ErrorType, ValidationExceptionField, ValidationExceptionReason } from '../contract/errors.ts'
import { ERROR_STATUS } from '../contract/errors.ts'

/**
 * An error the emulated API answers with: one of IVS Chat's modelled exceptions, with the
 * HTTP status and body members AWS sends for it. Thrown by the core, turned into a response
 * by the protocol adapter, never into a crash.
 */
export class IvsChatError extends Error {
  readonly type: ErrorType
  readonly status: number
  readonly body: ErrorBody

  constructor(type: ErrorType, body: ErrorBody) {
    super(body.message)
    this.name = type
    this.type = type
    this.status = ERROR_STATUS[type]
    this.body = body
  }
}

export function validationError(
  message: string,
  reason: ValidationExceptionReason = 'FIELD_VALIDATION_FAILED',
  fieldList?: ValidationExceptionField[],
): IvsChatError {
  return new IvsChatError('ValidationException', { message, reason, ...(fieldList ? { fieldList } : {}) })
}

export function roomNotFound(arnOrId: string): IvsChatError {
  return resourceNotFound(arnOrId)
}

/**
 * Any resource (room, logging configuration, a tag operation's ARN) that is not there. The
 * model's `ResourceType` enum has one value, `ROOM`, so it is said for every kind.
 */
export function resourceNotFound(arnOrId: string): IvsChatError {
  return new IvsChatError('ResourceNotFoundException', {
    message: `Resource: ${arnOrId} not found`,
    resourceId: idOf(arnOrId),
    resourceType: 'ROOM',
  })
}

/** The resource is in a state (or a use) that forbids the change; 409 as the model gives it. */
export function conflict(message: string, arnOrId: string): IvsChatError {
  return new IvsChatError('ConflictException', { message, resourceId: idOf(arnOrId), resourceType: 'ROOM' })
}

function idOf(arnOrId: string): string {
  return arnOrId.includes('/') ? arnOrId.slice(arnOrId.lastIndexOf('/') + 1) : arnOrId
}

export function accessDenied(message = 'User is not authorized to perform this action'): IvsChatError {
  return new IvsChatError('AccessDeniedException', { message })
}

export function pendingVerification(
  message = 'Your account is pending verification. Use the AWS console to complete verification before using this action.',
): IvsChatError {
  return new IvsChatError('PendingVerification', { message })
}

export function throttled(resourceId: string, limit: number): IvsChatError {
  return new IvsChatError('ThrottlingException', {
    message: 'Request rate exceeded',
    resourceId,
    resourceType: 'ROOM',
    limit,
  })
}

export function internalError(message = 'Internal server error'): IvsChatError {
  return new IvsChatError('InternalServerException', { message })
}
