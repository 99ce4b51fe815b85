/**
 * Where the server writes its lines: one per connection, per REST call and per error, and
 * with `--verbose` one per frame. Tests pass their own to keep the output quiet and to read it.
 */
export interface ServerLog {
  info(line: string): void
  error(line: string): void
  /**
   * Present only when frames are logged. Called as `log.frame?.(text)`, so that a quiet
   * server does not even build the line for each frame of a busy room.
   */
  frame?: (line: string) => void
}

/** Lines on stdout/stderr, each with the time of day (UTC). */
export function consoleLog(verbose: boolean): ServerLog {
  return {
    info: (line) => console.info(`${stamp()} ${line}`),
    error: (line) => console.error(`${stamp()} ${line}`),
    ...(verbose ? { frame: (line: string) => console.info(`${stamp()} ${line}`) } : {}),
  }
}

function stamp(): string {
  return new Date().toISOString().slice(11, 23)
}
