import { useCallback, useEffect, useRef, useState } from 'react'
import { MAXIMUM_MESSAGE_LENGTH } from '../../../mocks/contract/constraints'
import { useChatContext } from '../../chat/react'

export interface MessageLengthLimit {
  maximumMessageLength: number
  /** Asks GetRoom again: the room's limit may have changed since the join (UpdateRoom). */
  refresh: () => void
}

/**
 * The room's `maximumMessageLength`, from GetRoom where the app may call it (an emulator, through
 * the chat provider's rooms API); otherwise the service's default, which the server still enforces.
 */
export function useMaximumMessageLength(roomArn: string | undefined): MessageLengthLimit {
  const { rooms } = useChatContext()
  const [length, setLength] = useState<number>(MAXIMUM_MESSAGE_LENGTH.default)
  // One GetRoom at a time; a new one (or leaving the room) cancels the last.
  const inFlight = useRef<AbortController | undefined>(undefined)

  const load = useCallback(() => {
    inFlight.current?.abort()
    if (!rooms || !roomArn) return
    const abort = new AbortController()
    inFlight.current = abort
    rooms.getRoom(roomArn, { signal: abort.signal }).then(
      (room) => setLength(room.maximumMessageLength),
      () => {
        // Keep what we had: the server enforces the real limit and says so.
      },
    )
  }, [rooms, roomArn])

  useEffect(() => {
    load()
    return () => inFlight.current?.abort()
  }, [load])

  return { maximumMessageLength: length, refresh: load }
}
