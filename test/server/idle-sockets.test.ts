import { CreateRoomCommand, ListRoomsCommand } from '@aws-sdk/client-ivschat'
import { createConnection, type Socket } from 'node:net'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REGION } from './helpers'
import { cleanUpProcesses, printed, ROOT, run } from './processes'
import { ivschatClient as sharedClient } from '../contract/ivschat-client'

/**
 * Sockets that never send a byte, or send too slowly, are destroyed at their timeout. Before,
 * a timed-out socket was only half-closed and held its descriptor until the client closed
 * too (an attacker never does): 300 of them against a 256-descriptor limit left no descriptor
 * for anyone, and every real request was refused.
 */

cleanUpProcesses()

const IDLE_SOCKETS = 300
const DESCRIPTOR_LIMIT = 256
const TIMEOUTS = { headersTimeoutMs: 500, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 500 }

/** The server in a process limited to 256 descriptors, with short timeouts. */
async function limitedServer(): Promise<{ url: string; stop: () => Promise<{ code: number | null }> }> {
  const script = resolve(ROOT, 'test/server/fixtures/server-process.ts')
  const server = run('bash', ['-c', `ulimit -n ${DESCRIPTOR_LIMIT} && exec node --import tsx "$0" "$1"`, script, JSON.stringify(TIMEOUTS)])
  const output = await printed(server, 'listening ')
  const url = /listening (http:\/\/\S+)/.exec(output)![1]!
  return {
    url,
    stop: async () => {
      server.child.kill('SIGTERM')
      return server.exited
    },
  }
}

/** A client that connects and then does nothing, and never closes its side. */
function idleSocket(url: string): { socket: Socket; released: Promise<void> } {
  const { hostname, port } = new URL(url)
  const socket = createConnection({ host: hostname, port: Number(port), allowHalfOpen: true })
  // Read what the server says (its 408), or its end is never seen.
  socket.resume()
  // The server lets go: its FIN (or a reset) reaches us. We keep our side open, as an attacker would.
  const released = new Promise<void>((done) => {
    socket.once('end', done)
    socket.once('error', () => done())
    socket.once('close', () => done())
  })
  return { socket, released }
}

/** `bytes` of a request, one every `everyMs`, never finishing. */
function slowSocket(url: string, everyMs: number): { socket: Socket; released: Promise<void> } {
  const idle = idleSocket(url)
  const request = 'POST /CreateRoom HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"name":'
  let sent = 0
  const timer = setInterval(() => {
    if (idle.socket.writable && sent < request.length) idle.socket.write(request[sent++]!)
  }, everyMs)
  void idle.released.then(() => clearInterval(timer))
  return idle
}

/** Whole headers at once, then a body of 100 bytes one byte every `everyMs`, never finishing. */
function slowBodySocket(url: string, everyMs: number): { socket: Socket; released: Promise<void> } {
  const idle = idleSocket(url)
  idle.socket.write('POST /CreateRoom HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{')
  const timer = setInterval(() => {
    if (idle.socket.writable) idle.socket.write(' ')
  }, everyMs)
  void idle.released.then(() => clearInterval(timer))
  return idle
}

describe(`${IDLE_SOCKETS} sockets that send nothing, against a ${DESCRIPTOR_LIMIT}-descriptor server`, () => {
  it('are destroyed at the timeout, and real requests are answered again; the server stays up', async () => {
    const server = await limitedServer()
    const client = sharedClient(REGION, server.url)
    const before = await client.send(new CreateRoomCommand({ name: 'before' }))

    const idle = Array.from({ length: IDLE_SOCKETS }, () => idleSocket(server.url))
    const slow = [
      ...Array.from({ length: 10 }, () => slowSocket(server.url, 100)),
      ...Array.from({ length: 10 }, () => slowBodySocket(server.url, 100)),
    ]
    await Promise.all([...idle, ...slow].map((socket) => socket.released))

    // Every descriptor is back: real requests are answered, and nothing answered before is lost.
    const after = await client.send(new CreateRoomCommand({ name: 'after' }))
    const { rooms } = await client.send(new ListRoomsCommand({}))
    expect(rooms!.map((room) => room.arn)).toEqual(expect.arrayContaining([before.arn, after.arn]))
    // And again, with a second wave (the first was not a fluke of start-up).
    const wave = Array.from({ length: IDLE_SOCKETS }, () => idleSocket(server.url))
    await Promise.all(wave.map((socket) => socket.released))
    expect((await client.send(new ListRoomsCommand({}))).rooms).toHaveLength(rooms!.length)
    for (const { socket } of [...idle, ...slow, ...wave]) socket.destroy()
    client.destroy()
    expect(await server.stop()).toMatchObject({ code: 0 })
  }, 120_000)
})
