/** "1h 05m", "4m 09s", "12s"; zero or less is "0s". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  if (hours > 0) return `${hours}h ${pad(minutes)}m`
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`
  return `${seconds}s`
}

/** Local wall time of an emulator timestamp, "14:03:22". */
export function formatClockTime(time: number): string {
  const date = new Date(time)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** At most `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** A room's name, else its id (the last part of its ARN). */
export function roomLabel(roomArn: string, rooms: readonly { arn: string; id: string; name?: string }[]): string {
  const room = rooms.find((r) => r.arn === roomArn)
  if (room) return room.name || room.id
  return roomArn.slice(roomArn.lastIndexOf('/') + 1) || '—'
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
