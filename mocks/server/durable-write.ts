import { randomBytes } from 'node:crypto'
import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** Linux and macOS; Windows has no such flag (and no symlinks an ordinary user can plant). */
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0
/** Created here or nothing: an existing name, a symlink included, is an error, never written through. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW
/** A random name that is already taken can only have been planted; a few fresh ones settle it. */
const ATTEMPTS = 3

/** `<dir>/.<name>.<16 random hex digits>.tmp`, next to `file` so that the rename stays on one file system. */
export function randomTemporaryName(file: string): string {
  return join(dirname(file), `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`)
}

/**
 * Replaces `file` with `text`, synchronously and durably: written to a new temporary file
 * (created exclusively, never through a link), flushed to disk, renamed over `file`, and the
 * rename itself flushed. When it returns, a crash (even `kill -9` or a power cut) leaves the
 * new text; when it throws, `file` is untouched. A symlink at `file` itself is replaced, not
 * followed.
 */
export function writeFileDurably(file: string, text: string, temporaryName: (file: string) => string = randomTemporaryName): void {
  let lastError: unknown
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const temporary = temporaryName(file)
    let fd: number
    try {
      fd = openSync(temporary, CREATE_NEW, 0o666)
    } catch (error) {
      lastError = error
      if (isCode(error, 'EEXIST') || isCode(error, 'ELOOP')) continue
      throw error
    }
    try {
      writeFileSync(fd, text)
      fsyncSync(fd)
      closeSync(fd)
      fd = -1
      renameSync(temporary, file)
    } catch (error) {
      if (fd !== -1) closeSync(fd)
      removeQuietly(temporary)
      throw error
    }
    syncDirectory(dirname(file))
    return
  }
  throw lastError
}

/** A rename is durable once its directory is flushed (POSIX); Windows cannot open a directory. */
function syncDirectory(directory: string): void {
  if (process.platform === 'win32') return
  const fd = openSync(directory, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0))
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Cleaning up after a failure must not hide the failure. */
function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // already gone, or the directory went read-only: the original error says more
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code
}
