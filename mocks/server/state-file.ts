import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { RoomIdentifier } from '../contract/chat-token.ts'
import { ID_PATTERN } from '../contract/constraints.ts'
import { LoggingConfigurationIdentifiers, MaximumMessageLength, MaximumMessageRatePerSecond, MessageReviewHandler, RoomName } from '../contract/rooms.ts'
import { Tags } from '../contract/tags.ts'
import type { Emulator } from '../emulator/emulator.ts'
import type { RoomSnapshot } from '../emulator/room-store.ts'
import { writeFileDurably } from './durable-write.ts'
import type { ServerLog } from './log.ts'

/**
 * The latest time a room may carry: 9999-12-31T23:59:59.999Z, the last instant an RFC 3339
 * timestamp (four-digit year) can say, which is how every API answer shows it.
 */
const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999)
const Time = z
  .number()
  .min(0)
  .max(LATEST_TIME)
  .refine(Number.isInteger, 'must be a whole number of milliseconds')

/**
 * The rooms of `--state FILE`, held to the limits the service holds a room to: a file edited
 * by hand (or by anyone who can write it) must not load what CreateRoom would refuse, or every
 * answer that shows the room (ListRooms) would fail. Tokens and sessions are left out on
 * purpose: they belong to one run (tokens are sealed with a key each run makes afresh). So is
 * a review function set from code: a restored room keeps its handler's URI and fallback, as a
 * room created over REST with a Lambda ARN has them.
 */
const SavedRoom = z
  .object({
    id: z.string().regex(ID_PATTERN, 'must be 12 letters and digits'),
    arn: RoomIdentifier,
    name: z.optional(RoomName),
    createTime: Time,
    updateTime: Time,
    maximumMessageRatePerSecond: MaximumMessageRatePerSecond,
    maximumMessageLength: MaximumMessageLength,
    messageReviewHandler: z.optional(MessageReviewHandler),
    tags: Tags,
    loggingConfigurationIdentifiers: LoggingConfigurationIdentifiers,
  })
  .check((ctx) => {
    const room = ctx.value
    if (!room.arn.endsWith(`:room/${room.id}`)) {
      ctx.issues.push({ code: 'custom', path: ['arn'], message: `must end with :room/${room.id} (the room's id)`, input: room.arn })
    }
    if (room.updateTime < room.createTime) {
      ctx.issues.push({ code: 'custom', path: ['updateTime'], message: 'must not be before createTime', input: room.updateTime })
    }
  })

const StateFile = z.object({ version: z.literal(1), rooms: z.array(SavedRoom) })
type StateFile = z.infer<typeof StateFile>

/**
 * The rooms saved in `file`, or `undefined` when there is no such file yet. A file that is
 * not a valid state file is refused, with the entry at fault named, and left alone.
 */
export async function loadRooms(file: string): Promise<RoomSnapshot[] | undefined> {
  return (await readState(file))?.rooms
}

/** The file's text and its rooms, checked as `loadRooms` says. */
async function readState(file: string): Promise<{ text: string; rooms: RoomSnapshot[] } | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${String(error)}); fix it or delete it to start afresh`, { cause: error })
  }
  const parsed = StateFile.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`${file} is not an emulator state file: ${describeEntry(json, issue.path)}: ${issue.message}; fix it or delete it`)
  }
  const rooms = parsed.data.rooms
  const duplicate = firstDuplicate(rooms)
  if (duplicate) {
    throw new Error(`${file} is not an emulator state file: rooms.${duplicate.index} (${duplicate.arn}): ${duplicate.what}; fix it or delete it`)
  }
  return { text, rooms }
}

/** `rooms.3 (arn:…:room/abc).maximumMessageLength`: the path, with the room it is in. */
function describeEntry(json: unknown, path: readonly PropertyKey[]): string {
  const where = path.map(String).join('.') || 'file'
  if (path[0] !== 'rooms' || typeof path[1] !== 'number') return where
  const room = (json as { rooms: unknown[] }).rooms[path[1]]
  const arn = typeof room === 'object' && room !== null && 'arn' in room && typeof room.arn === 'string' ? room.arn.slice(0, 200) : undefined
  if (!arn) return where
  const rest = path.slice(2).map(String).join('.')
  return `rooms.${path[1]} (${arn})${rest ? `.${rest}` : ''}`
}

/** The first room that repeats an earlier room's ARN or id. */
function firstDuplicate(rooms: readonly RoomSnapshot[]): { index: number; arn: string; what: string } | undefined {
  const arns = new Map<string, number>()
  const ids = new Map<string, number>()
  for (const [index, room] of rooms.entries()) {
    const sameArn = arns.get(room.arn)
    if (sameArn !== undefined) return { index, arn: room.arn, what: `the same ARN as rooms.${sameArn}` }
    const sameId = ids.get(room.id)
    if (sameId !== undefined) return { index, arn: room.arn, what: `the same id as rooms.${sameId}` }
    arns.set(room.arn, index)
    ids.set(room.id, index)
  }
  return undefined
}

/**
 * Keeps `file` in step with the emulator's rooms. Every change is written before the change
 * is answered: the emulator reports a change synchronously, before the REST answer leaves, and
 * the file is rewritten then and there, synchronously, flushed to disk (writeFileDurably). So
 * a `kill -9` right after a 200 loses nothing. Only a change of the rooms is looked at (the
 * room store's revision): a token, a connection, a frame or a fault costs nothing here. And
 * the file is rewritten only when its text would differ from what is on disk, so a restart
 * that changes nothing, or a tag set to the value it has, does not write.
 */
export class RoomStateFile {
  readonly #file: string
  readonly #emulator: Emulator
  readonly #log: ServerLog
  #written: string | undefined
  /** The room store's revision last looked at: another emulator change is not about rooms. */
  #revision: number | undefined
  #unsubscribe: () => void = () => {}

  constructor(file: string, emulator: Emulator, log: ServerLog) {
    this.#file = file
    this.#emulator = emulator
    this.#log = log
  }

  /**
   * Replaces the emulator's rooms with the file's, if there is a file; `undefined` if not yet.
   * Throws, naming the entry at fault, for a file that is not a valid state file.
   */
  async load(): Promise<RoomSnapshot[] | undefined> {
    const state = await readState(this.#file)
    if (!state) return undefined
    this.#emulator.rooms.restore(state.rooms)
    this.#written = state.text
    return state.rooms
  }

  /** Starts following changes, and writes the current rooms if the file differs. */
  start(): void {
    mkdirSync(dirname(this.#file), { recursive: true })
    this.#unsubscribe = this.#emulator.subscribe(() => {
      if (this.#emulator.rooms.revision !== this.#revision) this.save()
    })
    this.save()
  }

  /** Writes the rooms now, if they changed since the last write. */
  save(): void {
    this.#revision = this.#emulator.rooms.revision
    const state: StateFile = { version: 1, rooms: this.#emulator.rooms.snapshot() }
    const text = `${JSON.stringify(state, null, 2)}\n`
    if (text === this.#written) return
    try {
      writeFileDurably(this.#file, text)
      this.#written = text
    } catch (error) {
      this.#log.error(`could not save rooms to ${this.#file}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  stop(): void {
    this.#unsubscribe()
    this.save()
  }
}
