import { CreateChatTokenRequest, type CreateChatTokenResponse } from '../contract/chat-token.ts'
import { LIST_ROOMS_MAX_RESULTS, SESSION_DURATION_MINUTES } from '../contract/constraints.ts'
import {
  CreateRoomRequest,
  ListRoomsRequest,
  RoomByIdentifierRequest,
  UpdateRoomRequest,
  type ListRoomsResponse,
  type Room,
} from '../contract/rooms.ts'
import type { Account } from './account.ts'
import { roomNotFound } from './errors.ts'
import { toRoom, toRoomSummary } from './room-store.ts'
import { parseInput } from './validation.ts'

/** Where a call arrived: the region named by the endpoint host. */
export interface CallContext {
  region: string
}

/**
 * CreateChatToken: mints a token for one connection to one room.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_CreateChatToken.html
 */
export async function createChatToken(emulator: Account, input: unknown): Promise<CreateChatTokenResponse> {
  emulator.faults.takeTokenFault()
  const request = parseInput(CreateChatTokenRequest, input)
  const room = emulator.rooms.find(request.roomIdentifier)
  if (!room) throw roomNotFound(request.roomIdentifier)
  const issuedAt = emulator.clock.now()
  const tokenExpiresAt = issuedAt + emulator.settings.tokenLifetimeMs
  const sessionExpiresAt =
    issuedAt + (request.sessionDurationInMinutes ?? SESSION_DURATION_MINUTES.default) * 60_000
  const token = await emulator.tokens.mint({
    roomArn: room.arn,
    userId: request.userId,
    capabilities: [...new Set(request.capabilities ?? [])],
    attributes: request.attributes ?? {},
    issuedAt,
    tokenExpiresAt,
    sessionExpiresAt,
  })
  return {
    token,
    tokenExpirationTime: new Date(tokenExpiresAt).toISOString(),
    sessionExpirationTime: new Date(sessionExpiresAt).toISOString(),
  }
}

/** @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_CreateRoom.html */
export function createRoom(emulator: Account, input: unknown, context: CallContext): Room {
  const request = parseInput(CreateRoomRequest, input)
  return toRoom(emulator.rooms.create({ ...request, region: context.region, accountId: emulator.settings.accountId }))
}

/** @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_GetRoom.html */
export function getRoom(emulator: Account, input: unknown): Room {
  const { identifier } = parseInput(RoomByIdentifierRequest, input)
  return toRoom(emulator.rooms.get(identifier))
}

/** @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_UpdateRoom.html */
export function updateRoom(emulator: Account, input: unknown): Room {
  const { identifier, ...changes } = parseInput(UpdateRoomRequest, input)
  return toRoom(emulator.rooms.update(identifier, changes))
}

/** Deleting a room also ends every live session in it (the store tells the chat service). */
export function deleteRoom(emulator: Account, input: unknown): void {
  const { identifier } = parseInput(RoomByIdentifierRequest, input)
  emulator.rooms.delete(identifier)
}

/** Newest-updated first, filtered by name, review handler or logging configuration. */
export function listRooms(emulator: Account, input: unknown): ListRoomsResponse {
  const request = parseInput(ListRoomsRequest, input)
  const page = emulator.rooms.list(
    (room) =>
      (request.name === undefined || room.name === request.name) &&
      (request.messageReviewHandlerUri === undefined || room.messageReviewHandler?.uri === request.messageReviewHandlerUri) &&
      (request.loggingConfigurationIdentifier === undefined ||
        room.loggingConfigurationIdentifiers.includes(request.loggingConfigurationIdentifier)),
    request.maxResults ?? LIST_ROOMS_MAX_RESULTS.default,
    request.nextToken,
  )
  return { rooms: page.rooms.map(toRoomSummary), ...(page.nextToken ? { nextToken: page.nextToken } : {}) }
}
