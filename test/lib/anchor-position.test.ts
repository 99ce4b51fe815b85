import { describe, expect, it } from 'vitest'
import { ANCHOR_GAP_PX, placeNextTo, VIEWPORT_MARGIN_PX } from '../../src/lib/anchor-position'

const VIEWPORT = { width: 390, height: 844 }
const SIZE = { width: 300, height: 200 }

describe('placeNextTo', () => {
  it('puts the box under its anchor when it fits there', () => {
    expect(placeNextTo({ top: 100, left: 0, width: 390, height: 50 }, SIZE, VIEWPORT, { indent: 40 })).toEqual({ top: 150 + ANCHOR_GAP_PX, left: 40 })
  })

  it('puts it over the anchor near the bottom of the screen', () => {
    expect(placeNextTo({ top: 700, left: 0, width: 390, height: 50 }, SIZE, VIEWPORT).top).toBe(700 - ANCHOR_GAP_PX - 200)
  })

  it('overlaps an anchor taller than the room on either side, staying inside the screen', () => {
    const { top } = placeNextTo({ top: 100, left: 0, width: 390, height: 700 }, SIZE, VIEWPORT)
    expect(top).toBeGreaterThanOrEqual(VIEWPORT_MARGIN_PX)
    expect(top + SIZE.height).toBeLessThanOrEqual(VIEWPORT.height - VIEWPORT_MARGIN_PX)
    expect(top).toBeGreaterThan(100)
  })

  it('keeps the box inside the screen sideways, and aligns a menu with its button’s end', () => {
    expect(placeNextTo({ top: 10, left: 200, width: 390, height: 20 }, SIZE, VIEWPORT).left).toBe(390 - VIEWPORT_MARGIN_PX - 300)
    expect(placeNextTo({ top: 10, left: 330, width: 44, height: 30 }, { width: 200, height: 80 }, VIEWPORT, { align: 'end' }).left).toBe(374 - 200)
  })
})
