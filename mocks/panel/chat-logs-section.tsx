import { logFileName, type ChatLogDestination, type ChatLogDestinationView, type ChatLogEntry } from '../emulator/chat-logging.ts'
import type { Emulator } from '../emulator/emulator.ts'
import { PanelSection } from './fields.tsx'
import { roomLabel, truncate } from './format.ts'
import type { EmulatorSnapshot } from './use-emulator-snapshot.ts'

/** Rows rendered per destination: the emulator keeps more, and the download has them all. */
const ROWS_SHOWN = 100
const TEXT_SHOWN = 120

const KIND_LABEL: Record<ChatLogDestination['kind'], string> = {
  s3: 'S3 bucket',
  cloudWatchLogs: 'CloudWatch Logs log group',
  firehose: 'Firehose delivery stream',
}

/** "S3 bucket chat-logs": how a destination is named in the panel and in its controls' names. */
export function destinationLabel(destination: ChatLogDestination): string {
  return `${KIND_LABEL[destination.kind]} ${destination.name}`
}

/**
 * Chat logging as the destinations received it: per destination, its newest records and a
 * download of the records it holds as a JSON lines file named as the server's `--logs-dir`
 * names it (the record format of AWS's chat logging page, one record per line).
 */
export function ChatLogsSection({ emulator, snapshot }: { emulator: Emulator; snapshot: EmulatorSnapshot }) {
  const total = snapshot.chatLogs.reduce((sum, log) => sum + log.total, 0)
  return (
    <PanelSection title="Chat logs" badge={total}>
      {snapshot.chatLogs.length === 0 ? (
        <p className="emu-empty">
          No records yet. A room logs its messages and events once it names an active logging configuration
          (CreateLoggingConfiguration, then CreateRoom or UpdateRoom with loggingConfigurationIdentifiers).
        </p>
      ) : (
        snapshot.chatLogs.map((log) => <DestinationLog key={log.key} emulator={emulator} log={log} rooms={snapshot.rooms} />)
      )}
    </PanelSection>
  )
}

function DestinationLog({ emulator, log, rooms }: { emulator: Emulator; log: ChatLogDestinationView; rooms: EmulatorSnapshot['rooms'] }) {
  const label = destinationLabel(log.destination)
  const shown = log.entries.slice(-ROWS_SHOWN)
  const download = () => downloadText(logFileName(log.destination), emulator.chatLogs.jsonLines(log.destination))
  return (
    <div className="emu-subsection">
      <h3>{label}</h3>
      <div className="emu-toolbar">
        <p className="emu-hint">
          {log.total} {log.total === 1 ? 'record' : 'records'}
          {log.total > shown.length ? `, newest ${shown.length} shown` : ''}
          {log.total > log.entries.length ? `; the emulator keeps the newest ${log.entries.length}` : ''}
        </p>
        <div className="emu-actions">
          <button
            type="button"
            className="emu-button"
            aria-label={`Download ${label} (JSON lines)`}
            title="Saves the records this destination holds, one JSON record per line."
            onClick={download}
          >
            Download
          </button>
        </div>
      </div>
      <div
        className="emu-frame-log"
        role="log"
        aria-label={`Records of ${label}`}
        aria-live="off"
        // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
      >
        <ol className="emu-frames">
          {shown.map((entry) => (
            <li key={entry.seq} className={`emu-frame emu-frame-${entry.record.type === 'MESSAGE' ? 'out' : 'event'}`}>
              <span className="emu-frame-time" title={entry.record.event_timestamp}>
                {entry.record.event_timestamp.slice(11, 19)}
              </span>
              <span className="emu-frame-dir">{entry.record.type === 'MESSAGE' ? 'MSG' : 'EVT'}</span>
              <span className="emu-frame-user" title={entry.roomArn}>
                {roomLabel(entry.roomArn, rooms)}
              </span>
              <span className="emu-frame-text">{truncate(summaryOf(entry), TEXT_SHOWN)}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  )
}

/** "alice: hello" for a message, "app:ping {"n":"1"}" for an event. */
function summaryOf({ record }: ChatLogEntry): string {
  const payload = record.payload
  if (payload.Type === 'MESSAGE') return `${payload.Sender.UserId}: ${payload.Content}`
  const attributes = Object.keys(payload.Attributes).length > 0 ? ` ${JSON.stringify(payload.Attributes)}` : ''
  return `${payload.EventName}${attributes}`
}

/** Saves `text` as a file through a temporary link, as the browser's own download. */
function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  // The click has started the download; the URL can go once this task is over.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
