/**
 * Regions, as AWS scopes IVS Chat: every resource lives in the region whose endpoint created
 * it and is found only through that region's endpoints. One emulator stands for one account
 * in every region; the caller's region comes from the endpoint host (in the page) or from the
 * SigV4 credential scope (in the server).
 * @see https://docs.aws.amazon.com/general/latest/gr/ivs.html
 */
import { roomNotFound } from './errors.ts'
import type { RoomRecord } from './room-store.ts'

/**
 * Where a call arrived: the region of the endpoint host (in the page) or of the SigV4
 * credential scope (in the server). Code that calls an operation directly (the panel) passes
 * none and reaches rooms of every region.
 */
export interface CallContext {
  region: string
}

const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+'
const CONTROL_PLANE_HOST = new RegExp(`^ivschat\\.(${REGION})\\.amazonaws\\.com$`)
const CHAT_SOCKET_HOST = new RegExp(`^edge\\.ivschat\\.(${REGION})\\.amazonaws\\.com$`)
const ARN = new RegExp(`^arn:aws:[a-z0-9-]+:(${REGION}):`)

/** The region in an IVS Chat endpoint host (`ivschat.<region>.amazonaws.com`), else `fallback`. */
export function regionOfHost(host: string, fallback: string): string {
  return CONTROL_PLANE_HOST.exec(host)?.[1] ?? fallback
}

/** The region of a chat socket host (`edge.ivschat.<region>.amazonaws.com`), if it names one. */
export function regionOfSocketHost(host: string): string | undefined {
  return CHAT_SOCKET_HOST.exec(host)?.[1]
}

/** The region field of an ARN (`arn:aws:ivschat:<region>:...`), if it has one. */
export function regionOfArn(arn: string): string | undefined {
  return ARN.exec(arn)?.[1]
}

/** Whether `region` looks like an AWS region name (`us-west-2`, `ap-southeast-1`, `us-gov-west-1`). */
export function isRegionName(region: string): boolean {
  return new RegExp(`^${REGION}$`).test(region)
}

/**
 * The room named by `identifier` as the caller's region sees it: AWS finds a resource only
 * through the endpoints of its own region, so a room of another region is not found.
 */
export function roomForCaller(
  rooms: { find(arn: string): RoomRecord | undefined },
  identifier: string,
  context: CallContext | undefined,
): RoomRecord {
  const room = rooms.find(identifier)
  if (!room || (context && regionOfArn(room.arn) !== context.region)) throw roomNotFound(identifier)
  return room
}
