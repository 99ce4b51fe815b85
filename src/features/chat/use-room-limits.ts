import { useCallback, useEffect, useRef, useState } from 'react'
import { MAXIMUM_MESSAGE_LENGTH } from '../../../mocks/contract/constraints'
import { getRoom } from '../../ivschat/get-room'

export interface MessageLengthLimit {
  maximumMessageLength: number
  /** Asks GetRoom again: the room's limit may have changed since the join (UpdateRoom). */
  refresh: () => void
}

/**
 * The room's `maximumMessageLength`, from GetRoom where the app may call it (an emulator);
 * otherwise the service's default, which the server still enforces.
 */
export function useMaximumMessageLength(controlPlaneUrl: string | undefined, roomArn: string | undefined): MessageLengthLimit {
  const [length, setLength] = useState<number>(MAXIMUM_MESSAGE_LENGTH.default)
  // One GetRoom at a time; a new one (or leaving the room) cancels the last.
  const inFlight = useRef<AbortController | undefined>(undefined)

  const load = useCallback(() => {
    inFlight.current?.abort()
    if (!controlPlaneUrl || !roomArn) return
    const abort = new AbortController()
    inFlight.current = abort
    getRoom(controlPlaneUrl, roomArn, { signal: abort.signal }).then(
      (room) => setLength(room.maximumMessageLength),
      () => {
        // Keep what we had: the server enforces the real limit and says so.
      },
    )
  }, [controlPlaneUrl, roomArn])

  useEffect(() => {
    load()
    return () => inFlight.current?.abort()
  }, [load])

  return { maximumMessageLength: length, refresh: load }
}
