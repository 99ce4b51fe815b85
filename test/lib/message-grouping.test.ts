import { describe, expect, it } from 'vitest'
import type { ChatLine } from '../../src/chat/chat-line'
import { dayDivider, groupsWithPrevious } from '../../src/features/chat/message-grouping'

function line(userId: string, time: Date, extra: Partial<ChatLine> = {}): ChatLine {
  return { id: `${userId}-${time.getTime()}`, content: 'hi', sendTime: time, sender: { userId, attributes: {} }, attributes: {}, ...extra }
}

const noon = new Date(2026, 11, 6, 12, 0, 0)
const at = (minutes: number) => new Date(noon.getTime() + minutes * 60_000)

describe('groupsWithPrevious', () => {
  it('groups a sender’s messages within five minutes of each other', () => {
    expect(groupsWithPrevious(line('a', at(0)), line('a', at(4.9)))).toBe(true)
    expect(groupsWithPrevious(line('a', at(0)), line('a', at(5)))).toBe(false)
    expect(groupsWithPrevious(line('a', at(0)), line('b', at(1)))).toBe(false)
    expect(groupsWithPrevious(undefined, line('a', at(0)))).toBe(false)
  })

  it('never groups under or over a deleted placeholder, nor across midnight', () => {
    expect(groupsWithPrevious(line('a', at(0), { deleted: {} }), line('a', at(1)))).toBe(false)
    expect(groupsWithPrevious(line('a', at(0)), line('a', at(1), { deleted: {} }))).toBe(false)
    const lateNight = new Date(2026, 11, 6, 23, 58)
    expect(groupsWithPrevious(line('a', lateNight), line('a', new Date(2026, 11, 7, 0, 1)))).toBe(false)
  })
})

describe('dayDivider', () => {
  it('marks the first line of each day: Today, Yesterday, or the date', () => {
    const today = noon
    expect(dayDivider(undefined, line('a', noon), today)).toEqual({ date: '2026-12-06', label: 'Today' })
    expect(dayDivider(line('a', at(-1)), line('a', noon), today)).toBeUndefined()
    expect(dayDivider(undefined, line('a', new Date(2026, 11, 5, 9)), today)?.label).toBe('Yesterday')
    const older = dayDivider(line('a', new Date(2026, 10, 1)), line('a', new Date(2026, 11, 1, 8)), today)
    expect(older?.date).toBe('2026-12-01')
    expect(older?.label).not.toMatch(/Today|Yesterday/)
  })
})
