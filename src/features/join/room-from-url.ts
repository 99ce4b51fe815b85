import { ROOM_ARN_PATTERN } from '../../../mocks/contract/constraints'

/**
 * The room the page's address asks for, `?room=<ARN>` or `?room=<id>`, as an ARN (CreateChatToken
 * takes ARNs only): an id is placed in the region and account of `defaultRoomArn`, where this
 * app's rooms are (the room list corrects it when it knows the id elsewhere). Undefined when the
 * address asks for no room, or for something that is not one: that is ignored, as a bad stored room is.
 */
export function roomFromUrl(defaultRoomArn: string, search: string = location.search): string | undefined {
  const value = new URLSearchParams(search).get('room')?.trim() ?? ''
  const arn = value.startsWith('arn:') ? value : defaultRoomArn.replace(/[^/]*$/, value)
  return value && ROOM_ARN_PATTERN.test(arn) ? arn : undefined
}

/** `arn` or, when the listed rooms have its id under another ARN only, that one. */
export function listedArn(arn: string, rooms: readonly { id: string; arn: string }[]): string {
  const id = arn.slice(arn.lastIndexOf('/') + 1)
  return rooms.some((room) => room.arn === arn) ? arn : (rooms.find((room) => room.id === id)?.arn ?? arn)
}
