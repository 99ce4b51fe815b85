import { ROOM_ARN_PATTERN, ROOM_IDENTIFIER_MAX_LENGTH } from '../../../mocks/contract/constraints'

/** A room asked for in the page's address: `?room=<ARN>` or `?room=<id>`. */
export type RoomFromUrl = { kind: 'none' } | { kind: 'arn'; arn: string } | { kind: 'id'; id: string }

const ROOM_ID_PATTERN = /^[a-zA-Z0-9-]+$/

/** Reads `?room=` from `search` (the page's by default). */
export function roomFromUrl(search: string = globalThis.location?.search ?? ''): RoomFromUrl {
  const value = new URLSearchParams(search).get('room')?.trim()
  if (!value || value.length > ROOM_IDENTIFIER_MAX_LENGTH) return { kind: 'none' }
  if (ROOM_ARN_PATTERN.test(value)) return { kind: 'arn', arn: value }
  if (ROOM_ID_PATTERN.test(value)) return { kind: 'id', id: value }
  // Not a room: ignored, as a bad stored room is.
  return { kind: 'none' }
}

/**
 * The ARN of a room given by id: CreateChatToken takes ARNs only. The room list knows it when
 * the app can list rooms; otherwise it is built in the region and account of `knownArn` (the
 * configured default room), which is where this app's rooms are.
 */
export function arnOfRoomId(id: string, rooms: readonly { id: string; arn: string }[] | undefined, knownArn: string): string {
  const listed = rooms?.find((room) => room.id === id)
  if (listed) return listed.arn
  return knownArn.replace(/room\/[^/]+$/, `room/${id}`)
}
