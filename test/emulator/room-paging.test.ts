import { describe, expect, it } from 'vitest'
import { IvsChatError } from '../../mocks/emulator/errors'
import { RoomStore, type RoomRecord } from '../../mocks/emulator/room-store'

/**
 * ListRooms paging in the room store: newest-updated first, and a page boundary that holds
 * while rooms are created, updated or deleted between pages.
 */

const START = Date.UTC(2026, 10, 28, 12, 0, 0)
const ALL = () => true

/** A store on a clock the test moves by hand, holding `count` rooms one second apart. */
function storeWith(count: number): { store: RoomStore; tick: (ms?: number) => void; rooms: RoomRecord[] } {
  let now = START
  const store = new RoomStore(() => now)
  const tick = (ms = 1_000) => {
    now += ms
  }
  const rooms: RoomRecord[] = []
  for (let i = 0; i < count; i++) {
    tick()
    rooms.push(store.create({ region: 'us-west-2', accountId: '123456789012', name: `room-${i}` }))
  }
  return { store, tick, rooms }
}

const ids = (rooms: RoomRecord[]) => rooms.map((room) => room.id)
/** Rooms named `room-<even number>`. */
const even = (room: RoomRecord) => Number(room.name!.split('-')[1]) % 2 === 0

describe('order', () => {
  it('lists newest-updated first', () => {
    const { store, rooms } = storeWith(3)

    expect(ids(store.list(ALL, 50).rooms)).toEqual(ids([...rooms].reverse()))
  })

  it('orders rooms updated in the same millisecond by id, the same way on every call', () => {
    const { store, tick } = storeWith(0)
    tick()
    for (let i = 0; i < 5; i++) store.create({ region: 'us-west-2', accountId: '123456789012' })
    const listed = ids(store.list(ALL, 50).rooms)

    expect(listed).toEqual([...listed].sort((a, b) => a.localeCompare(b)))
    expect(ids(store.list(ALL, 50).rooms)).toEqual(listed)
  })
})

describe('nextToken', () => {
  it('is absent on the last page, also when the rooms fill it exactly', () => {
    const { store } = storeWith(6)
    const first = store.list(ALL, 3)
    const second = store.list(ALL, 3, first.nextToken)

    expect(first.nextToken).toEqual(expect.any(String))
    expect(second.rooms).toHaveLength(3)
    expect(second.nextToken).toBeUndefined()
  })

  it('an empty nextToken is the first page', () => {
    const { store } = storeWith(3)

    expect(ids(store.list(ALL, 2, '').rooms)).toEqual(ids(store.list(ALL, 2).rooms))
  })

  it('holds while rooms are created between pages: every older room once, no new one', () => {
    const { store, tick, rooms } = storeWith(10)
    const seen: RoomRecord[] = []
    let page = store.list(ALL, 3)
    seen.push(...page.rooms)
    while (page.nextToken) {
      tick()
      store.create({ region: 'us-west-2', accountId: '123456789012', name: 'created-meanwhile' })
      page = store.list(ALL, 3, page.nextToken)
      seen.push(...page.rooms)
    }

    expect(ids(seen)).toEqual(ids([...rooms].reverse()))
  })

  it('holds while rooms are deleted between pages, the one the token names included', () => {
    const { store, rooms } = storeWith(9)
    const first = store.list(ALL, 3)
    store.delete(first.rooms.at(-1)!.arn) // the room the token points after
    store.delete(rooms[2]!.arn) // a room not listed yet
    const rest = [store.list(ALL, 3, first.nextToken)]
    while (rest.at(-1)!.nextToken) rest.push(store.list(ALL, 3, rest.at(-1)!.nextToken))

    const expected = ids([...rooms].reverse().slice(3)).filter((id) => id !== rooms[2]!.id)
    expect(ids(rest.flatMap((page) => page.rooms))).toEqual(expected)
  })

  it('never repeats a room that was updated after it was listed', () => {
    const { store, tick } = storeWith(6)
    const first = store.list(ALL, 3)
    tick()
    store.update(first.rooms[1]!.arn, { name: 'renamed' })
    const second = store.list(ALL, 3, first.nextToken)

    expect(ids(second.rooms)).not.toContain(first.rooms[1]!.id)
    expect(second.rooms).toHaveLength(3)
  })

  it('pages through ties in the same millisecond without repeating or skipping', () => {
    const { store, tick } = storeWith(0)
    tick()
    for (let i = 0; i < 7; i++) store.create({ region: 'us-west-2', accountId: '123456789012' })
    const pages = [store.list(ALL, 2)]
    while (pages.at(-1)!.nextToken) pages.push(store.list(ALL, 2, pages.at(-1)!.nextToken))

    expect(pages).toHaveLength(4)
    expect(ids(pages.flatMap((page) => page.rooms))).toEqual(ids(store.list(ALL, 50).rooms))
  })

  it('pages within a filter', () => {
    const { store } = storeWith(10)
    const first = store.list(even, 3)
    const second = store.list(even, 3, first.nextToken)

    expect([...first.rooms, ...second.rooms].map((room) => room.name)).toEqual(['room-8', 'room-6', 'room-4', 'room-2', 'room-0'])
    expect(second.nextToken).toBeUndefined()
  })

  it('answers an empty last page when every remaining room was deleted', () => {
    const { store, rooms } = storeWith(4)
    const first = store.list(ALL, 2)
    for (const room of rooms.slice(0, 2)) store.delete(room.arn)

    expect(store.list(ALL, 2, first.nextToken)).toEqual({ rooms: [] })
  })

  it.each([
    ['not base64 JSON', 'not-a-token'],
    ['an object', btoa('{}')],
    ['a one-element array', btoa('[1]')],
    ['null', btoa('null')],
    ['the wrong types', btoa('["1","x"]')],
    ['well-formed but never issued', btoa(JSON.stringify([START + 1_000, 'x']))],
  ])('refuses a token that is %s with a ValidationException naming nextToken', (_label, token) => {
    const { store } = storeWith(2)
    let caught: unknown
    try {
      store.list(ALL, 1, token)
    } catch (error) {
      caught = error
    }

    expect(caught).toBeInstanceOf(IvsChatError)
    expect((caught as IvsChatError).type).toBe('ValidationException')
    expect((caught as IvsChatError).body.fieldList).toEqual([{ name: 'nextToken', message: expect.any(String) }])
  })
})
