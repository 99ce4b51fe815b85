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
import { configurationForCaller } from './logging-configurations.ts'
import { regionOfArn, roomForCaller, type CallContext } from './regions.ts'
import { toRoom, toRoomSummary } from './room-store.ts'
import { parseInput } from './validation.ts'

/**
 * CreateChatToken: mints a token for one connection to one room.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_CreateChatToken.html
 */
export async function createChatToken(emulator: Account, input: unknown, context?: CallContext): Promise<CreateChatTokenResponse> {
  emulator.faults.takeTokenFault()
  const request = parseInput(CreateChatTokenRequest, input)
  const room = roomForCaller(emulator.rooms, request.roomIdentifier, context)
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
  requireLoggingConfigurations(emulator, request.loggingConfigurationIdentifiers, context)
  return toRoom(emulator.rooms.create({ ...request, region: context.region, accountId: emulator.settings.accountId }))
}

/** @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_GetRoom.html */
export function getRoom(emulator: Account, input: unknown, context?: CallContext): Room {
  const { identifier } = parseInput(RoomByIdentifierRequest, input)
  return toRoom(roomForCaller(emulator.rooms, identifier, context))
}

/** @see https://docs.aws.amazon.com/ivs/latest/ChatAPIReference/API_UpdateRoom.html */
export function updateRoom(emulator: Account, input: unknown, context?: CallContext): Room {
  const { identifier, ...changes } = parseInput(UpdateRoomRequest, input)
  const room = roomForCaller(emulator.rooms, identifier, context)
  requireLoggingConfigurations(emulator, changes.loggingConfigurationIdentifiers, context)
  return toRoom(emulator.rooms.update(room.arn, changes))
}

/**
 * A room may only name logging configurations that exist, in the caller's region:
 * `ResourceNotFoundException`, the error CreateRoom and UpdateRoom list in the model for a
 * resource they reference.
 */
function requireLoggingConfigurations(emulator: Account, identifiers: readonly string[] | undefined, context: CallContext | undefined): void {
  for (const identifier of identifiers ?? []) configurationForCaller(emulator.loggingConfigurations, identifier, context)
}

/** Deleting a room also ends every live session in it (the store tells the chat service). */
export function deleteRoom(emulator: Account, input: unknown, context?: CallContext): void {
  const { identifier } = parseInput(RoomByIdentifierRequest, input)
  emulator.rooms.delete(roomForCaller(emulator.rooms, identifier, context).arn)
}

/** The caller's region's rooms, newest-updated first, filtered by name, review handler or logging configuration. */
export function listRooms(emulator: Account, input: unknown, context?: CallContext): ListRoomsResponse {
  const request = parseInput(ListRoomsRequest, input)
  const page = emulator.rooms.list(
    (room) =>
      (context === undefined || regionOfArn(room.arn) === context.region) &&
      (request.name === undefined || room.name === request.name) &&
      (request.messageReviewHandlerUri === undefined || room.messageReviewHandler?.uri === request.messageReviewHandlerUri) &&
      (request.loggingConfigurationIdentifier === undefined ||
        room.loggingConfigurationIdentifiers.includes(request.loggingConfigurationIdentifier)),
    request.maxResults ?? LIST_ROOMS_MAX_RESULTS.default,
    request.nextToken,
  )
  return { rooms: page.rooms.map(toRoomSummary), ...(page.nextToken ? { nextToken: page.nextToken } : {}) }
}
