import type { ServerFrame } from '../contract/frames.ts'
import type { ChatConnection } from './connection.ts'
import type { Faults } from './faults.ts'

/** A frame for every connection in a room. */
export interface Delivery {
  frame: ServerFrame
  roomArn: string
}

/** How long a frame held back by the reorder fault waits for a frame to swap with. */
const REORDER_HOLD_MS = 1_000

/**
 * Who is in which room, and getting frames to them: with the emulator's latency and its
 * duplicate and reorder faults applied, each frame checked and serialized once whatever the
 * room's size. Membership is ours, not MSW's: a closed connection is forgotten at once.
 */
export class RoomBroadcast {
  readonly #members = new Map<string, Set<ChatConnection>>()
  readonly #fanOutListeners = new Set<(delivery: Delivery) => void>()
  readonly #faults: Pick<Faults, 'takeDuplicate' | 'takeReorder'>
  readonly #latencyMs: () => number
  #heldFrame: Delivery | undefined

  constructor(faults: Pick<Faults, 'takeDuplicate' | 'takeReorder'>, latencyMs: () => number) {
    this.#faults = faults
    this.#latencyMs = latencyMs
  }

  join(connection: ChatConnection): void {
    const members = this.#members.get(connection.info.roomArn) ?? new Set()
    members.add(connection)
    this.#members.set(connection.info.roomArn, members)
  }

  /** Forgets `connection`; says whether its room is now empty here. */
  leave(connection: ChatConnection): boolean {
    const members = this.#members.get(connection.info.roomArn)
    members?.delete(connection)
    if (members?.size !== 0) return false
    this.#members.delete(connection.info.roomArn)
    return true
  }

  membersOf(roomArn: string): Iterable<ChatConnection> {
    return this.#members.get(roomArn) ?? []
  }

  *everyone(): Iterable<ChatConnection> {
    for (const members of this.#members.values()) yield* members
  }

  /** Sends a frame to the whole room, with the latency, duplicate and reorder faults applied. */
  deliver(delivery: Delivery): void {
    if (this.#heldFrame) {
      const held = this.#heldFrame
      this.#heldFrame = undefined
      this.later(() => {
        this.#fanOut(delivery)
        this.#fanOut(held)
      })
      return
    }
    if (this.#faults.takeReorder()) {
      this.#heldFrame = delivery
      // With no frame to swap with, the held one still goes out, only late.
      setTimeout(() => {
        if (this.#heldFrame !== delivery) return
        this.#heldFrame = undefined
        this.#fanOut(delivery)
      }, REORDER_HOLD_MS)
      return
    }
    const twice = this.#faults.takeDuplicate()
    this.later(() => {
      this.#fanOut(delivery)
      if (twice) this.#fanOut(delivery)
    })
  }

  /** To this emulator's members of the room only, as it is (a frame relayed from another tab). */
  sendToMembers({ roomArn, frame }: Delivery): void {
    const members = this.#members.get(roomArn)
    if (!members || members.size === 0) return
    const first = members.values().next().value!
    first.send(frame)
    const text = JSON.stringify(frame)
    for (const connection of members) if (connection !== first) connection.sendText(text)
  }

  /** Calls `listener` with every frame as it goes out (after latency and faults). */
  onFanOut(listener: (delivery: Delivery) => void): () => void {
    this.#fanOutListeners.add(listener)
    return () => this.#fanOutListeners.delete(listener)
  }

  /** Runs `task` after the emulator's latency (at once without one). */
  later(task: () => void): void {
    const latency = this.#latencyMs()
    if (latency > 0) setTimeout(task, latency)
    else task()
  }

  /** Drops a frame held by the reorder fault (emulator reset). */
  clear(): void {
    this.#heldFrame = undefined
  }

  #fanOut(delivery: Delivery): void {
    for (const listener of this.#fanOutListeners) listener(delivery)
    this.sendToMembers(delivery)
  }
}
