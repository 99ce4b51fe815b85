import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { RoomIdentifier } from '../contract/chat-token.ts'
import { MessageReviewHandler } from '../contract/rooms.ts'
import type { Emulator } from '../emulator/emulator.ts'
import type { RoomSnapshot } from '../emulator/room-store.ts'
import type { ServerLog } from './log.ts'

/**
 * The rooms of `--state FILE`. Tokens and sessions are left out on purpose: they belong to
 * one run (tokens are sealed with a key each run makes afresh). So is a review function set
 * from code: a restored room keeps its handler's URI and fallback, as a room created over
 * REST with a Lambda ARN has them, and its messages pass unreviewed until a function is set.
 */
const SavedRoom = z.object({
  id: z.string().min(1),
  arn: RoomIdentifier,
  name: z.string().optional(),
  createTime: z.number(),
  updateTime: z.number(),
  maximumMessageRatePerSecond: z.int(),
  maximumMessageLength: z.int(),
  messageReviewHandler: z.optional(MessageReviewHandler),
  tags: z.record(z.string(), z.string()),
  loggingConfigurationIdentifiers: z.array(z.string()),
})

const StateFile = z.object({ version: z.literal(1), rooms: z.array(SavedRoom) })
type StateFile = z.infer<typeof StateFile>

/**
 * The rooms saved in `file`, or `undefined` when there is no such file yet. A file that is
 * not a state file is an error, not something to overwrite.
 */
export async function loadRooms(file: string): Promise<RoomSnapshot[] | undefined> {
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
    const issue = parsed.error.issues[0]
    throw new Error(`${file} is not an emulator state file: ${issue?.path.join('.') || 'file'}: ${issue?.message}; fix it or delete it`)
  }
  return parsed.data.rooms
}

/**
 * Keeps `file` in step with the emulator's rooms: rewritten shortly after a change (changes
 * within `debounceMs` are written once), only when the rooms differ from what is on disk,
 * and atomically (a temporary file renamed over it), so a crash never leaves half a file.
 */
export class RoomStateFile {
  readonly #file: string
  readonly #emulator: Emulator
  readonly #log: ServerLog
  readonly #debounceMs: number
  #written: string | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #writing: Promise<void> = Promise.resolve()
  #unsubscribe: () => void = () => {}

  constructor(file: string, emulator: Emulator, log: ServerLog, debounceMs = 100) {
    this.#file = file
    this.#emulator = emulator
    this.#log = log
    this.#debounceMs = debounceMs
  }

  /** Starts following changes, and writes the current rooms if the file differs. */
  start(): void {
    this.#unsubscribe = this.#emulator.subscribe(() => this.#schedule())
    this.#schedule()
  }

  /** Writes any pending change now and waits for every write to finish. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#save()
    await this.#writing
  }

  async stop(): Promise<void> {
    this.#unsubscribe()
    await this.flush()
  }

  #schedule(): void {
    if (this.#timer !== undefined) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#save()
    }, this.#debounceMs)
    this.#timer.unref()
  }

  #save(): void {
    const state: StateFile = { version: 1, rooms: this.#emulator.rooms.snapshot() }
    const text = `${JSON.stringify(state, null, 2)}\n`
    if (text === this.#written) return
    this.#written = text
    this.#writing = this.#writing.then(() => this.#write(text))
  }

  async #write(text: string): Promise<void> {
    const temporary = `${this.#file}.${process.pid}.tmp`
    try {
      await mkdir(dirname(this.#file), { recursive: true })
      await writeFile(temporary, text)
      await rename(temporary, this.#file)
    } catch (error) {
      this.#written = undefined
      this.#log.error(`could not save rooms to ${this.#file}: ${error instanceof Error ? error.message : String(error)}`)
      await unlink(temporary).catch(() => {})
    }
  }
}
