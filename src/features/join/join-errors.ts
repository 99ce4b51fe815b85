import type { RestFailure } from '../../ivschat/rest-client'

/** The join panel's fields that a CreateChatToken error can point at. */
export type JoinField = 'userId' | 'attributes' | 'capabilities' | 'sessionDurationInMinutes' | 'roomIdentifier' | 'form'

/**
 * Spreads a CreateChatToken failure over the fields that caused it (from the `fieldList`),
 * with a sentence that says what happened and what to do.
 */
export function joinErrors(failure: RestFailure | undefined): Partial<Record<JoinField, string>> {
  if (!failure) return {}
  switch (failure.kind) {
    case 'ValidationException': {
      const errors: Partial<Record<JoinField, string>> = {}
      for (const field of failure.fieldList) {
        const name = (field.name.split('.')[0] ?? '') as JoinField
        const key: JoinField = ['userId', 'attributes', 'capabilities', 'sessionDurationInMinutes', 'roomIdentifier'].includes(name) ? name : 'form'
        errors[key] = errors[key] ? `${errors[key]} ${field.message}.` : `${field.message}.`
      }
      if (Object.keys(errors).length === 0) errors.form = failure.message
      return errors
    }
    case 'ResourceNotFoundException':
      return { roomIdentifier: `This room does not exist (${failure.resourceId ?? 'unknown id'}). Pick another room.` }
    case 'AccessDeniedException':
      return { form: `Access denied: the token service refused this request (${failure.message}). Check the credentials or permissions of the token backend.` }
    case 'PendingVerification':
      return { form: `The AWS account is pending verification (${failure.message}). Complete the verification in the AWS console, then try again.` }
    case 'NetworkError':
      return { form: `${failure.message}` }
    case 'Aborted':
      return {}
    case 'MalformedResponse':
      return { form: `The token service answered with something that is not a chat token (${failure.message}).` }
    case 'ServiceError':
      return { form: `The token service failed: ${failure.type} (${failure.status}): ${failure.message}. Try again in a moment.` }
  }
}
