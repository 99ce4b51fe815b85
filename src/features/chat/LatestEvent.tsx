import { useChat } from '../../chat/react'
import { cleanText } from '../../lib/sender-attributes'

/** At most this many attributes are spelled out; the rest are counted. */
export const EVENT_ATTRIBUTES_SHOWN = 6

/**
 * The room's latest custom event (a backend's SendEvent, e.g. `app:POLL`), so that one sent
 * to the room is visible in the demo. Names and values are checked text, like everything a
 * server relays. An event may carry 1 KB of attributes (hundreds of short ones): a few are
 * shown, the rest counted, and the line is capped at two lines (see `.latest-event`), so an
 * event never pushes the composer off a phone's screen.
 */
export function LatestEvent() {
  const event = useChat((state) => state.events.at(-1))
  if (!event) return null
  const entries = Object.entries(event.attributes)
  const shown = entries.slice(0, EVENT_ATTRIBUTES_SHOWN).map(([key, value]) => `${cleanText(key, 40)}: ${cleanText(value, 80)}`)
  const more = entries.length - shown.length
  const details = shown.join(', ') + (more > 0 ? `, and ${more} more` : '')
  return (
    <p className="latest-event hint" dir="auto" title={entries.length > 0 ? `${entries.length} attribute${entries.length === 1 ? '' : 's'}` : undefined}>
      Event <strong>{cleanText(event.eventName, 100)}</strong>
      {details ? ` (${details})` : ''} at <time dateTime={event.sendTime.toISOString()}>{event.sendTime.toLocaleTimeString()}</time>
    </p>
  )
}
