import type { MessageReviewHandler, Room, RoomSummary } from '../contract/rooms.ts'
import { MAXIMUM_MESSAGE_LENGTH, MAXIMUM_MESSAGE_RATE_PER_SECOND } from '../contract/constraints.ts'
import { newId } from './ids.ts'
import { roomNotFound } from './errors.ts'
import { PageTokens } from './page-tokens.ts'
import type { ReviewFunction } from './review.ts'

/** A room as the emulator keeps it: the API's fields plus an in-emulator review function. */
export interface RoomRecord {
  id: string
  arn: string
  name?: string
  createTime: number
  updateTime: number
  maximumMessageRatePerSecond: number
  maximumMessageLength: number
  messageReviewHandler?: MessageReviewHandler
  tags: Record<string, string>
  loggingConfigurationIdentifiers: string[]
  /** Stands in for the Lambda named by `messageReviewHandler.uri` (see review.ts). */
  review?: ReviewFunction
}

export interface NewRoom {
  region: string
  accountId: string
  id?: string
  name?: string
  maximumMessageRatePerSecond?: number
  maximumMessageLength?: number
  messageReviewHandler?: MessageReviewHandler
  tags?: Record<string, string>
  loggingConfigurationIdentifiers?: string[]
}

/** A room as plain data (no review function): what can be saved and restored. */
export type RoomSnapshot = Omit<RoomRecord, 'review'>

export type RoomChanges = Partial<
  Pick<RoomRecord, 'name' | 'maximumMessageRatePerSecond' | 'maximumMessageLength' | 'messageReviewHandler' | 'loggingConfigurationIdentifiers' | 'review'>
>

export interface RoomPage {
  rooms: RoomRecord[]
  nextToken?: string
}

/** Who hears of changes to the rooms. */
export interface RoomStoreEvents {
  /** Any room created, updated, deleted or restored: what the panel shows changed. */
  onChange?: () => void
  /** A room was deleted (by the API, the panel or a test): its live sessions must end. */
  onDelete?: (roomArn: string) => void
}

/** The rooms of one emulated account, keyed by ARN. */
export class RoomStore {
  readonly #rooms = new Map<string, RoomRecord>()
  readonly #pageTokens = new PageTokens<Cursor>()
  readonly #now: () => number
  readonly #events: RoomStoreEvents
  #revision = 0

  constructor(now: () => number, events: RoomStoreEvents = {}) {
    this.#now = now
    this.#events = events
  }

  /**
   * Goes up with every change of the rooms (and every `emulator.changed()`, which may follow an
   * edit in place). The server's state file compares it on each emulator change instead of
   * serializing every room after each token, connection or frame.
   * @internal
   */
  get revision(): number {
    return this.#revision
  }

  /**
   * A room record was edited in place: counts as a change of the rooms, without telling anyone
   * (the caller does).
   * @internal
   */
  touch(): void {
    this.#revision++
  }

  /**
   * Creates a room as CreateRoom does, without the API's validation: `region` and `accountId` make
   * its ARN, `id` is random unless given, limits default as on AWS (500 characters, 10 messages/s).
   * @example
   * ```ts
   * const room = emulator.rooms.create({ region: 'eu-west-1', accountId: emulator.settings.accountId, id: 'Lobby', tags: { team: 'web' } })
   * ```
   */
  create(input: NewRoom): RoomRecord {
    const id = input.id ?? newId()
    const time = this.#now()
    const room: RoomRecord = {
      id,
      arn: `arn:aws:ivschat:${input.region}:${input.accountId}:room/${id}`,
      ...(input.name !== undefined ? { name: input.name } : {}),
      createTime: time,
      updateTime: time,
      maximumMessageRatePerSecond: input.maximumMessageRatePerSecond ?? MAXIMUM_MESSAGE_RATE_PER_SECOND.default,
      maximumMessageLength: input.maximumMessageLength ?? MAXIMUM_MESSAGE_LENGTH.default,
      ...(input.messageReviewHandler ? { messageReviewHandler: withFallback(input.messageReviewHandler) } : {}),
      tags: input.tags ?? {},
      loggingConfigurationIdentifiers: input.loggingConfigurationIdentifiers ?? [],
    }
    this.#rooms.set(room.arn, room)
    this.#changed()
    return room
  }

  /**
   * The room, or a `ResourceNotFoundException` (an `IvsChatError`).
   * @example
   * ```ts
   * expect(emulator.rooms.get(DEMO_ROOM_ARN).maximumMessageLength).toBe(500)
   * ```
   */
  get(arn: string): RoomRecord {
    const room = this.#rooms.get(arn)
    if (!room) throw roomNotFound(arn)
    return room
  }

  /**
   * The room, or `undefined`.
   * @example
   * ```ts
   * if (!emulator.rooms.find(DEMO_ROOM_ARN)) emulator.reset()
   * ```
   */
  find(arn: string): RoomRecord | undefined {
    return this.#rooms.get(arn)
  }

  /**
   * Changes a room as UpdateRoom does, without the API's validation. An empty
   * `messageReviewHandler.uri` removes the handler and the review function with it.
   * @example
   * ```ts
   * emulator.rooms.update(DEMO_ROOM_ARN, { maximumMessageLength: 50, maximumMessageRatePerSecond: 2 })
   * ```
   */
  update(arn: string, changes: RoomChanges): RoomRecord {
    const room = this.get(arn)
    const { messageReviewHandler, ...rest } = changes
    Object.assign(room, rest)
    if (messageReviewHandler !== undefined) {
      // An empty `uri` disassociates the handler (UpdateRoom docs), and with it the emulator's
      // function standing in for the Lambda, or messages would still be reviewed.
      if (messageReviewHandler.uri === '') {
        delete room.messageReviewHandler
        delete room.review
      } else {
        room.messageReviewHandler = withFallback({ ...room.messageReviewHandler, ...messageReviewHandler })
      }
    }
    room.updateTime = Math.max(this.#now(), room.updateTime + 1)
    this.#changed()
    return room
  }

  /**
   * Replaces the tags (TagResource, UntagResource). Not an update of the room: `updateTime`
   * stays, so tagging does not reorder ListRooms.
   * @example
   * ```ts
   * emulator.rooms.setTags(DEMO_ROOM_ARN, { team: 'web' })
   * ```
   */
  setTags(arn: string, tags: Record<string, string>): void {
    this.get(arn).tags = { ...tags }
    this.#changed()
  }

  /**
   * Deletes a room and returns it; its live sessions get ERROR 404 and are closed, as after DeleteRoom.
   * @example
   * ```ts
   * emulator.rooms.delete(DEMO_ROOM_ARN)
   * ```
   */
  delete(arn: string): RoomRecord {
    const room = this.get(arn)
    this.#rooms.delete(arn)
    this.#events.onDelete?.(arn)
    this.#changed()
    return room
  }

  /**
   * Every room, newest updated first.
   * @example
   * ```ts
   * const names = emulator.rooms.all().map((room) => room.name ?? room.id)
   * ```
   */
  all(): RoomRecord[] {
    return [...this.#rooms.values()].sort(newestUpdatedFirst)
  }

  /**
   * Forgets every room at once, the demo room included. Live sessions are not ended: for a clean
   * slate, `emulator.reset()`.
   * @example
   * ```ts
   * emulator.rooms.clear()
   * ```
   */
  clear(): void {
    this.#rooms.clear()
    this.#pageTokens.clear()
    this.#changed()
  }

  /**
   * Every room as plain data, detached from the store. A review function is code and is left out.
   * @example
   * ```ts
   * const saved = JSON.stringify(emulator.rooms.snapshot())
   * ```
   */
  snapshot(): RoomSnapshot[] {
    return this.all().map(({ review: _review, ...room }) => structuredClone(room))
  }

  /**
   * Replaces every room with `rooms`, keeping their ids, ARNs and times: loading saved state.
   * A room missing from `rooms` is gone afterwards, the seeded one included.
   * @example
   * ```ts
   * const saved = JSON.stringify(emulator.rooms.snapshot())
   * emulator.rooms.restore(JSON.parse(saved))
   * ```
   */
  restore(rooms: readonly RoomSnapshot[]): void {
    this.#rooms.clear()
    this.#pageTokens.clear()
    for (const room of rooms) this.#rooms.set(room.arn, structuredClone(room))
    this.#changed()
  }

  /**
   * One page of rooms, newest-updated first. The token stands for the last room of the
   * previous page by (updateTime, id), so a page boundary holds while rooms are created or
   * deleted; only tokens this store issued are accepted (page-tokens.ts).
   * @example
   * ```ts
   * const first = emulator.rooms.list((room) => room.tags.team === 'web', 10)
   * if (first.nextToken) emulator.rooms.list((room) => room.tags.team === 'web', 10, first.nextToken)
   * ```
   */
  list(filter: (room: RoomRecord) => boolean, maxResults: number, nextToken?: string): RoomPage {
    const after = this.#pageTokens.read(nextToken)
    const matching = this.all().filter(filter)
    const start = after ? matching.findIndex((room) => newestUpdatedFirst(room, after) > 0) : 0
    const from = start === -1 ? matching.length : start
    const rooms = matching.slice(from, from + maxResults)
    const last = rooms.at(-1)
    const more = from + maxResults < matching.length
    return { rooms, ...(more && last ? { nextToken: this.#pageTokens.issue({ updateTime: last.updateTime, id: last.id }) } : {}) }
  }

  #changed(): void {
    this.#revision++
    this.#events.onChange?.()
  }
}

interface Cursor {
  updateTime: number
  id: string
}

function newestUpdatedFirst(a: Cursor, b: Cursor): number {
  return b.updateTime - a.updateTime || a.id.localeCompare(b.id)
}

function withFallback(handler: MessageReviewHandler): MessageReviewHandler {
  return { ...handler, fallbackResult: handler.fallbackResult ?? 'ALLOW' }
}

/** The room as GetRoom / CreateRoom / UpdateRoom answer it. */
export function toRoom(room: RoomRecord): Room {
  return {
    ...toRoomSummary(room),
    maximumMessageRatePerSecond: room.maximumMessageRatePerSecond,
    maximumMessageLength: room.maximumMessageLength,
  }
}

/** The room as ListRooms answers it (no limits). */
export function toRoomSummary(room: RoomRecord): RoomSummary {
  return {
    arn: room.arn,
    id: room.id,
    ...(room.name !== undefined ? { name: room.name } : {}),
    createTime: new Date(room.createTime).toISOString(),
    updateTime: new Date(room.updateTime).toISOString(),
    ...(room.messageReviewHandler ? { messageReviewHandler: room.messageReviewHandler } : {}),
    tags: { ...room.tags },
    loggingConfigurationIdentifiers: [...room.loggingConfigurationIdentifiers],
  }
}
