import { useChat } from '../../chat/react'
import { cleanText } from '../../lib/sender-attributes'

/**
 * The room's latest custom event (a backend's SendEvent, e.g. `app:POLL`), so that one sent
 * to the room is visible in the demo. Names and values are checked text, like everything a
 * server relays.
 */
export function LatestEvent() {
  const event = useChat((state) => state.events.at(-1))
  if (!event) return null
  const details = Object.entries(event.attributes)
    .map(([key, value]) => `${cleanText(key, 40)}: ${cleanText(value, 120)}`)
    .join(', ')
  return (
    <p className="latest-event hint" dir="auto">
      Event <strong>{cleanText(event.eventName, 100)}</strong>
      {details ? ` (${details})` : ''} at <time dateTime={event.sendTime.toISOString()}>{event.sendTime.toLocaleTimeString()}</time>
    </p>
  )
}
