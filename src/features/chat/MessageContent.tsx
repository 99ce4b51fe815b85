import { useId, useLayoutEffect, useRef, useState } from 'react'
import { linkify } from '../../lib/linkify'
import { cleanContent } from '../../lib/sender-attributes'

/**
 * Content that may be taller than the row's cap (see `.message-content.capped`): many line
 * breaks, or long enough to wrap onto many lines on a phone. Only these are measured, so that a
 * busy room of short messages forces no layout per row.
 */
function mayOverflow(content: string): boolean {
  let breaks = 0
  for (let at = content.indexOf('\n'); at !== -1; at = content.indexOf('\n', at + 1)) if (++breaks >= 5) return true
  return content.length > 240
}

/**
 * A message's text, capped in height: past the cap it is cut, with "Show more" to read it all
 * (and "Show less" to fold it again). 485 line breaks make a row of a few lines, not 10,000 px.
 */
export function MessageContent({ content }: { content: string }) {
  const text = useRef<HTMLParagraphElement>(null)
  const id = useId()
  const candidate = mayOverflow(content)
  const [overflows, setOverflows] = useState(false)
  const [expanded, setExpanded] = useState(false)

  useLayoutEffect(() => {
    const element = text.current
    if (!candidate || !element || expanded) return
    // Without layout (jsdom, a tab not yet painted) nothing can be measured: a candidate is
    // taken as overflowing, so the whole text stays one click away.
    const check = () => setOverflows(element.clientHeight === 0 || element.scrollHeight > element.clientHeight + 1)
    check()
    // The row's width changes the wrapping: a phone turned sideways may not need the cap.
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(check)
    observer?.observe(element)
    return () => observer?.disconnect()
  }, [candidate, expanded])

  return (
    <>
      <p ref={text} id={`${id}-text`} className={candidate && !expanded ? 'message-content capped' : 'message-content'} dir="auto">
        {linkify(cleanContent(content))}
      </p>
      {candidate && (overflows || expanded) && (
        <button type="button" className="link-button" aria-expanded={expanded} aria-controls={`${id}-text`} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show more'}
        </button>
      )}
    </>
  )
}
