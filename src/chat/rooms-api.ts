import type { Room, RoomSummary } from '../../mocks/contract/rooms'
import { getRoom } from '../ivschat/get-room'
import { listAllRooms } from '../ivschat/list-rooms'

/**
 * The room list and a room's limits, for a UI that may ask (an emulator's control plane needs no
 * signature; real IVS Chat wants SigV4, so there it is `undefined` and the user types an ARN).
 * Held by the chat provider, so components never call the fetch layer or read configuration.
 */
export interface RoomsApi {
  listRooms(options: { signal: AbortSignal }): Promise<RoomSummary[]>
  getRoom(roomArn: string, options: { signal: AbortSignal }): Promise<Room>
}

export function createRoomsApi(controlPlaneUrl: string, fetch?: typeof globalThis.fetch): RoomsApi {
  const withFetch = fetch ? { fetch } : {}
  return {
    listRooms: ({ signal }) => listAllRooms(controlPlaneUrl, {}, { signal, ...withFetch }),
    getRoom: (roomArn, { signal }) => getRoom(controlPlaneUrl, roomArn, { signal, ...withFetch }),
  }
}
