import { Room } from '../../mocks/contract/rooms'
import { postJson, type CallOptions } from './rest-client'

/** A room with its limits, from a control plane the app may call unsigned (an emulator's). */
export function getRoom(controlPlaneUrl: string, roomArn: string, options: CallOptions = {}): Promise<Room> {
  return postJson(`${controlPlaneUrl}/GetRoom`, { identifier: roomArn }, Room, options)
}
