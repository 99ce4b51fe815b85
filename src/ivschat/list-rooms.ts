import { ListRoomsResponse, type ListRoomsRequest, type RoomSummary } from '../../mocks/contract/rooms'
import { postJson, type CallOptions } from './rest-client'

/**
 * Every room (following `nextToken`), newest-updated first, from a control-plane endpoint
 * that needs no signature: the emulator's. Real IVS Chat wants SigV4, so the app only calls
 * this when it talks to an emulator.
 */
export async function listAllRooms(controlPlaneUrl: string, request: Omit<ListRoomsRequest, 'nextToken'> = {}, options: CallOptions = {}): Promise<RoomSummary[]> {
  const rooms: RoomSummary[] = []
  let nextToken: string | undefined
  do {
    const page = await postJson(`${controlPlaneUrl}/ListRooms`, { ...request, ...(nextToken ? { nextToken } : {}) }, ListRoomsResponse, options)
    rooms.push(...page.rooms)
    nextToken = page.nextToken
  } while (nextToken)
  return rooms
}
