import { z } from 'zod/mini'
import { ServerFrame } from './contract/frames.ts'
import type { Delivery } from './emulator/chat-service.ts'
import type { Emulator } from './emulator/emulator.ts'

/** What one tab posts for the others, in an array per task: a frame its emulator sent to a room. */
const RelayedDelivery = z.object({ roomArn: z.string().check(z.minLength(1)), frame: ServerFrame })

/**
 * Lets the demo's tabs chat with each other although each tab runs its own emulator (MSW
 * intercepts the socket in the page, so there is one emulator per tab): every frame this
 * tab's emulator sends to a room (messages and events, never a connection's own errors) is
 * posted on a `BroadcastChannel`, and the emulators of the other tabs on the channel hand it
 * to their members of the same room, and close the user a moderator disconnected.
 *
 * What stays per tab: tokens, sessions (each panel lists its own tab's), the room list and
 * settings, the clock, faults and the room's rate limit. The demo room is seeded with the same
 * ARN everywhere, so it is shared; a room created in one tab's panel exists only there.
 *
 * Messages from the channel are checked against the frame schemas: another version of the
 * demo on the same channel, or any script of the origin, may post anything.
 *
 * @returns a function that stops relaying and closes the channel.
 */
export function relayAcrossTabs(emulator: Emulator, channelName: string): () => void {
  const channel = new BroadcastChannel(channelName)
  // The frames of one task go out as one post: each post is a structured clone and a message
  // through the browser process, about 40 µs on this project's machines, and a burst of
  // 1,000 frames posted one by one kept the page's main thread busy for 40 ms more.
  let outbox: Delivery[] = []
  const flush = () => {
    const batch = outbox
    outbox = []
    // A BroadcastChannel has no target origin: it only ever reaches the same origin.
    // oxlint-disable-next-line unicorn/require-post-message-target-origin
    if (batch.length > 0) channel.postMessage(batch)
  }
  const stopObserving = emulator.chat.onFanOut((delivery) => {
    if (delivery.frame.Type === 'ERROR') return
    if (outbox.length === 0) queueMicrotask(flush)
    outbox.push(delivery)
  })
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!Array.isArray(event.data)) return
    for (const item of event.data) {
      const parsed = RelayedDelivery.safeParse(item)
      if (parsed.success && parsed.data.frame.Type !== 'ERROR') emulator.chat.receiveRelayed(parsed.data)
    }
  })
  return () => {
    stopObserving()
    flush()
    channel.close()
  }
}

/**
 * The channel of the demo served from the page's folder: two copies of the demo on one
 * origin (say `/demo/` and `/demo-next/`) do not share rooms.
 */
export function relayChannelName(pageUrl: string): string {
  return `ivschat-emulator:rooms:${new URL('./', pageUrl).pathname}`
}
