import type { EventFrame, MessageFrame } from '../contract/frames.ts'
import { DESTINATION_KINDS, type DestinationConfiguration, type DestinationKind } from '../contract/logging-configurations.ts'
import type { LoggingConfigurationRecord } from './logging-configurations.ts'
import type { Delivery } from './room-broadcast.ts'

/**
 * One logged message or event, in the record format of the IVS Chat user guide's chat
 * logging page ("Message Content"): `{ event_timestamp, type, version, payload }`, where
 * `payload` is the Message (Subscribe) or Event (Subscribe) JSON that clients receive.
 * @see https://docs.aws.amazon.com/ivs/latest/ChatUserGuide/chat-logging.html
 */
export interface ChatLogRecord {
  /** "UTC timestamp of when the message was received by Amazon IVS Chat": the frame's `SendTime`. */
  event_timestamp: string
  type: 'MESSAGE' | 'EVENT'
  /** "Version of the message-content format." The page names no value; see FIDELITY.md. */
  version: string
  payload: MessageFrame | EventFrame
}

export const CHAT_LOG_RECORD_VERSION = '1.0'
/** Records kept in memory per destination (the panel's view); older ones are dropped. */
export const CHAT_LOG_LIMIT_PER_DESTINATION = 1_000

/** Where a logging configuration delivers: one of the three kinds, and its name there. */
export interface ChatLogDestination {
  kind: DestinationKind
  /** The bucket, log group or delivery stream name. */
  name: string
}

/** A record as it reached one destination, with what delivered it. */
export interface ChatLogEntry {
  seq: number
  destination: ChatLogDestination
  roomArn: string
  loggingConfigurationArn: string
  record: ChatLogRecord
}

export interface ChatLogDestinationView {
  key: string
  destination: ChatLogDestination
  /** The newest records, oldest first (at most `CHAT_LOG_LIMIT_PER_DESTINATION`). */
  entries: ChatLogEntry[]
  /** Every record this destination has received, the dropped ones included. */
  total: number
}

/** What chat logging needs of the emulator: the room's logging configurations that deliver now. */
export interface ChatLoggingDeps {
  activeLoggingConfigurationsOf(roomArn: string): readonly LoggingConfigurationRecord[]
}

/**
 * Chat logging: every MESSAGE and EVENT delivered to a room with active logging
 * configurations is recorded once per configuration at that configuration's destination.
 * The emulator keeps the newest records per destination (the panel shows and downloads them);
 * listeners (the server's `--logs-dir` files) get every record as it is made.
 */
export class ChatLogs {
  readonly #deps: ChatLoggingDeps
  readonly #limit: number
  readonly #destinations = new Map<string, { destination: ChatLogDestination; entries: ChatLogEntry[]; total: number }>()
  readonly #listeners = new Set<(entry: ChatLogEntry) => void>()
  /** Frames already recorded: the duplicate fault fans one frame out twice, but it was sent once. */
  #recorded = new WeakSet<object>()
  #seq = 0

  constructor(deps: ChatLoggingDeps, limitPerDestination = CHAT_LOG_LIMIT_PER_DESTINATION) {
    this.#deps = deps
    this.#limit = limitPerDestination
  }

  /** A frame on its way to a room's members (the chat service's fan-out). */
  record({ roomArn, frame }: Delivery): void {
    if (frame.Type === 'ERROR' || this.#recorded.has(frame)) return
    const configurations = this.#deps.activeLoggingConfigurationsOf(roomArn)
    if (configurations.length === 0) return
    this.#recorded.add(frame)
    const record: ChatLogRecord = {
      event_timestamp: frame.SendTime,
      type: frame.Type,
      version: CHAT_LOG_RECORD_VERSION,
      payload: frame,
    }
    for (const configuration of configurations) {
      const destination = destinationOf(configuration.destinationConfiguration)
      const key = destinationKey(destination)
      const log = this.#destinations.get(key) ?? { destination, entries: [], total: 0 }
      this.#destinations.set(key, log)
      const entry: ChatLogEntry = { seq: ++this.#seq, destination, roomArn, loggingConfigurationArn: configuration.arn, record }
      log.entries.push(entry)
      log.total += 1
      // Trimmed in batches so a busy room does not shift the array on every message.
      if (log.entries.length > this.#limit * 1.25) log.entries = log.entries.slice(-this.#limit)
      for (const listener of this.#listeners) listener(entry)
    }
  }

  /** Every destination that has received a record, by kind then name. */
  destinations(): ChatLogDestinationView[] {
    return [...this.#destinations.entries()]
      .map(([key, log]) => ({ key, destination: log.destination, entries: log.entries.slice(-this.#limit), total: log.total }))
      .sort((a, b) => a.key.localeCompare(b.key))
  }

  /** The records a destination holds, as JSON lines (one record per line), as a log file has them. */
  jsonLines(destination: ChatLogDestination): string {
    const log = this.#destinations.get(destinationKey(destination))
    return (log?.entries.slice(-this.#limit) ?? []).map((entry) => `${JSON.stringify(entry.record)}\n`).join('')
  }

  /** Calls `listener` with every record as it is made; returns the unsubscribe. */
  subscribe(listener: (entry: ChatLogEntry) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  clear(): void {
    this.#destinations.clear()
    this.#recorded = new WeakSet()
  }
}

/** The one destination a configuration's union names. */
export function destinationOf(configuration: DestinationConfiguration): ChatLogDestination {
  if (configuration.s3) return { kind: 's3', name: configuration.s3.bucketName }
  if (configuration.cloudWatchLogs) return { kind: 'cloudWatchLogs', name: configuration.cloudWatchLogs.logGroupName }
  if (configuration.firehose) return { kind: 'firehose', name: configuration.firehose.deliveryStreamName }
  throw new Error(`A destination configuration sets one of ${DESTINATION_KINDS.join(', ')}`)
}

/** `s3:my-bucket`, `cloudWatchLogs:/aws/ivschat/room`, `firehose:my-stream`. */
export function destinationKey(destination: ChatLogDestination): string {
  return `${destination.kind}:${destination.name}`
}

/** Longer file names are shortened with a hash: most file systems stop at 255 bytes. */
const MAX_FILE_NAME_LENGTH = 200
const KIND_PREFIX: Record<DestinationKind, string> = { s3: 's3', cloudWatchLogs: 'cloudwatch-logs', firehose: 'firehose' }
const FILE_EXTENSION = '.jsonl'

/**
 * The file a destination's records go to (the server's `--logs-dir`, the panel's download):
 * its kind, then its name with every character other than letters, digits, `.`, `_` and `-`
 * percent-encoded. No destination name may contain `%`, so two names never meet; the name is
 * never `.`, `..` nor a path; past 200 characters it is cut and a hash of the whole is added.
 */
export function logFileName(destination: ChatLogDestination): string {
  const encoded = [...new TextEncoder().encode(destination.name)]
    .map((byte) => {
      const char = String.fromCharCode(byte)
      return /[A-Za-z0-9._-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    })
    .join('')
  const base = `${KIND_PREFIX[destination.kind]}-${encoded}`
  if (base.length + FILE_EXTENSION.length <= MAX_FILE_NAME_LENGTH) return `${base}${FILE_EXTENSION}`
  const hash = hashOf(destinationKey(destination))
  return `${base.slice(0, MAX_FILE_NAME_LENGTH - hash.length - 1 - FILE_EXTENSION.length)}~${hash}${FILE_EXTENSION}`
}

/** cyrb53, a 53-bit string hash: tells long names apart in a file name, not a security measure. */
function hashOf(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0')
}
