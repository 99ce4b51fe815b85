import { useEffect, useState } from 'react'
import type { RoomSummary } from '../../../mocks/contract/rooms'
import { useChatContext } from '../../chat/react'
import { RestCallError } from '../../ivschat/rest-client'

export type RoomsState = { status: 'loading' } | { status: 'loaded'; rooms: RoomSummary[] } | { status: 'failed'; message: string } | { status: 'unavailable' }

/**
 * The rooms to choose from, via the chat provider's rooms API (ListRooms on a control plane the
 * app may call unsigned: the emulator's). Real IVS Chat needs signed calls, so there the user
 * types a room ARN. `enabled` is false while the in-page emulator starts.
 */
export function useRooms(enabled = true): RoomsState {
  const { rooms: api } = useChatContext()
  const [state, setState] = useState<RoomsState>({ status: 'loading' })
  const available = enabled ? api : undefined
  useEffect(() => {
    if (!available) return
    const abort = new AbortController()
    available.listRooms({ signal: abort.signal }).then(
      (rooms) => setState({ status: 'loaded', rooms }),
      (error: unknown) => {
        if (abort.signal.aborted) return
        setState({ status: 'failed', message: error instanceof RestCallError ? error.message : String(error) })
      },
    )
    return () => abort.abort()
  }, [available])
  return available ? state : { status: 'unavailable' }
}
