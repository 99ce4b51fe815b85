import { useEffect, useState } from 'react'
import { listAllRooms } from '../../ivschat/list-rooms'
import type { RoomSummary } from '../../../mocks/contract/rooms'
import { RestCallError } from '../../ivschat/rest-client'

export type RoomsState = { status: 'loading' } | { status: 'loaded'; rooms: RoomSummary[] } | { status: 'failed'; message: string } | { status: 'unavailable' }

/**
 * The rooms to choose from, via ListRooms on a control plane the app may call unsigned
 * (the emulator's). Real IVS Chat needs signed calls, so there the user types a room ARN.
 */
export function useRooms(controlPlaneUrl: string | undefined): RoomsState {
  const [state, setState] = useState<RoomsState>({ status: 'loading' })
  useEffect(() => {
    if (!controlPlaneUrl) return
    const abort = new AbortController()
    listAllRooms(controlPlaneUrl, {}, { signal: abort.signal }).then(
      (rooms) => setState({ status: 'loaded', rooms }),
      (error: unknown) => {
        if (abort.signal.aborted) return
        setState({ status: 'failed', message: error instanceof RestCallError ? error.message : String(error) })
      },
    )
    return () => abort.abort()
  }, [controlPlaneUrl])
  return controlPlaneUrl ? state : { status: 'unavailable' }
}
