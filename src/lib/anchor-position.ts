/** How far a popover sits from its anchor, and from the viewport's edges. */
export const ANCHOR_GAP_PX = 6
export const VIEWPORT_MARGIN_PX = 8

export interface Box {
  top: number
  left: number
  width: number
  height: number
}

/**
 * Where to put a floating box of `size` next to `anchor` (both in viewport pixels): under the
 * anchor if it fits there, else over it, else as close to it as the viewport allows (over its
 * middle, when the anchor is taller than the room left on either side). Aligned with the anchor's
 * start (plus `indent`) or its end, and kept inside the viewport.
 */
export function placeNextTo(
  anchor: Box,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  { indent = 0, align = 'start' }: { indent?: number; align?: 'start' | 'end' } = {},
): { top: number; left: number } {
  const below = anchor.top + anchor.height + ANCHOR_GAP_PX
  const above = anchor.top - ANCHOR_GAP_PX - size.height
  const lowest = viewport.height - VIEWPORT_MARGIN_PX - size.height
  let top: number
  if (below <= lowest) top = below
  else if (above >= VIEWPORT_MARGIN_PX) top = above
  else top = Math.max(VIEWPORT_MARGIN_PX, Math.min(lowest, anchor.top + anchor.height / 2 - size.height / 2))
  const rightmost = viewport.width - VIEWPORT_MARGIN_PX - size.width
  const wanted = align === 'start' ? anchor.left + indent : anchor.left + anchor.width - size.width
  const left = Math.max(VIEWPORT_MARGIN_PX, Math.min(rightmost, wanted))
  return { top: Math.round(top), left: Math.round(left) }
}
