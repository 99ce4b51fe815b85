import { constants, type FileHandle, mkdir, open } from 'node:fs/promises'
import { join } from 'node:path'
import { logFileName, type ChatLogDestination, type ChatLogEntry, type ChatLogs } from '../emulator/chat-logging.ts'
import type { ServerLog } from './log.ts'

/**
 * Appends without following a link at the file's name: a symlink planted in the logs folder
 * makes the open fail (ELOOP) instead of writing wherever it points.
 */
const OPEN_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW

interface LogFile {
  path: string
  handle: Promise<FileHandle | undefined>
  pending: string[]
  writing: Promise<void>
  scheduled: boolean
}

/**
 * `--logs-dir DIR`: every chat log record of the emulator, as JSON lines, one file per
 * destination (`s3-<bucket>.jsonl`, `cloudwatch-logs-<log group>.jsonl`,
 * `firehose-<stream>.jsonl`). Records are handed to the OS as soon as the current task ends
 * (the lines of one task in one write), so a reader sees a message within milliseconds.
 */
export class ChatLogFiles {
  readonly #dir: string
  readonly #log: ServerLog
  readonly #files = new Map<string, LogFile>()
  #unsubscribe: () => void = () => {}

  constructor(dir: string, log: ServerLog) {
    this.#dir = dir
    this.#log = log
  }

  /** Creates the folder and starts following `chatLogs`. */
  async start(chatLogs: ChatLogs): Promise<void> {
    await mkdir(this.#dir, { recursive: true })
    this.#unsubscribe = chatLogs.subscribe((entry) => this.#append(entry))
  }

  /** The file a destination's records go to. */
  pathOf(destination: ChatLogDestination): string {
    return join(this.#dir, logFileName(destination))
  }

  /** Stops following, writes what is pending and closes every file. */
  async close(): Promise<void> {
    this.#unsubscribe()
    for (const file of this.#files.values()) this.#flush(file)
    await Promise.all(
      [...this.#files.values()].map(async (file) => {
        await file.writing
        await (await file.handle)?.close()
      }),
    )
    this.#files.clear()
  }

  #append(entry: ChatLogEntry): void {
    const path = this.pathOf(entry.destination)
    let file = this.#files.get(path)
    if (!file) {
      file = { path, handle: this.#open(path), pending: [], writing: Promise.resolve(), scheduled: false }
      this.#files.set(path, file)
    }
    file.pending.push(`${JSON.stringify(entry.record)}\n`)
    if (file.scheduled) return
    file.scheduled = true
    const scheduled = file
    setImmediate(() => this.#flush(scheduled))
  }

  #flush(file: LogFile): void {
    file.scheduled = false
    if (file.pending.length === 0) return
    const text = file.pending.join('')
    file.pending = []
    file.writing = file.writing.then(async () => {
      const handle = await file.handle
      if (!handle) return
      try {
        await handle.write(text)
      } catch (error) {
        this.#log.error(`chat log ${file.path}: ${describe(error)}`)
      }
    })
  }

  async #open(path: string): Promise<FileHandle | undefined> {
    try {
      return await open(path, OPEN_FLAGS, 0o644)
    } catch (error) {
      // Said once; this destination's records are then kept in memory only.
      this.#log.error(`chat log ${path} cannot be written (${describe(error)}); its records are dropped`)
      return undefined
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
