import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN } from '../../mocks/emulator/emulator'
import { closeOf, opened } from './helpers'
import { alive, cleanUpProcesses, endpointOf, killAfterTest, portAnswers, run } from './processes'

/**
 * Ctrl+C (SIGINT) or SIGTERM to `npm run emulator` must reach the server. npm passes the
 * signal to the shell it ran the script in; a shell that forks the server (rather than
 * exec-ing it) dies of the signal and leaves the server running, holding the port, its
 * sockets never told. Hence `exec` in the script.
 */

describe('npm run emulator, stopped through npm', () => {
  cleanUpProcesses()

  it.each(['SIGTERM', 'SIGINT'] as const)('%s to the npm process reaches the server: 1001 to every socket, exit 0, the port free', async (signal) => {
    const npm = run('npm', ['run', 'emulator', '--', '--port', '0'])
    const url = await endpointOf(npm)
    const port = Number(new URL(url).port)
    // What npm started, and what that started: the server must not outlive npm.
    const descendants = processTree(npm.child.pid!)
    expect(descendants.length).toBeGreaterThan(0)
    killAfterTest(descendants)

    const sockets = await Promise.all(
      ['alice', 'bob'].map(async (userId) => {
        const minted = await fetch(`${url}/CreateChatToken`, { method: 'POST', body: JSON.stringify({ roomIdentifier: DEMO_ROOM_ARN, userId }) })
        const socket = new WebSocket(url.replace('http:', 'ws:'), ((await minted.json()) as { token: string }).token)
        await opened(socket)
        return socket
      }),
    )
    const closes = sockets.map(closeOf)

    npm.child.kill(signal)
    expect(await Promise.all(closes)).toEqual([
      { code: 1001, reason: 'Emulator server shutting down', wasClean: true },
      { code: 1001, reason: 'Emulator server shutting down', wasClean: true },
    ])
    expect(await npm.exited).toEqual({ code: 0, signal: null })
    expect(npm.output()).toContain(`${signal}: closing every socket and stopping`)
    expect(await portAnswers(port)).toBe(false)
    for (const pid of descendants) expect(alive(pid), `process ${pid} outlived npm`).toBe(false)
  }, 60_000)
})

/** Every process below `pid` (from /proc), children first. */
function processTree(pid: number): number[] {
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // The parent pid is the 4th field, after the name in parentheses (which may hold spaces).
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false
      }
    })
    .map(Number)
  return children.flatMap((child) => [child, ...processTree(child)])
}
