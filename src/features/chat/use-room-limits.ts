import { useEffect, useState } from 'react'
import { MAXIMUM_MESSAGE_LENGTH } from '../../ivschat/constraints'
import { getRoom } from '../../ivschat/get-room'

/**
 * The room's `maximumMessageLength`, from GetRoom where the app may call it (an emulator);
 * otherwise the service's default, which the server still enforces.
 */
export function useMaximumMessageLength(controlPlaneUrl: string | undefined, roomArn: string | undefined): number {
  const [length, setLength] = useState<number>(MAXIMUM_MESSAGE_LENGTH.default)
  useEffect(() => {
    if (!controlPlaneUrl || !roomArn) return
    const abort = new AbortController()
    getRoom(controlPlaneUrl, roomArn, { signal: abort.signal }).then(
      (room) => setLength(room.maximumMessageLength),
      () => {
        // Keep the default: the server enforces the real limit and says so.
      },
    )
    return () => abort.abort()
  }, [controlPlaneUrl, roomArn])
  return length
}
