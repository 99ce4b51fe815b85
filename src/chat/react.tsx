import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import { useNow } from '../lib/use-now'
import type { ChatClient } from './chat-client'
import type { ChatState } from './chat-store'
import type { RoomsApi } from './rooms-api'

/** What the chat UI is given: a client, and what it may ask about rooms. */
export interface ChatContextValue {
  client: ChatClient
  /** Undefined where the app cannot list rooms (real IVS Chat needs signed calls). */
  rooms: RoomsApi | undefined
  /** The room the join panel offers first. */
  defaultRoomArn: string
}

const ChatContext = createContext<ChatContextValue | undefined>(undefined)

/** Gives the components below one chat client (several providers: several independent chats). */
export function ChatProvider({ value, children }: { value: ChatContextValue; children: ReactNode }) {
  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>
}

export function useChatContext(): ChatContextValue {
  const value = useContext(ChatContext)
  if (!value) throw new Error('useChat… must be used inside a <ChatProvider>')
  return value
}

/** The provider's client, to call its actions (join, sendMessage, leave…). */
export function useChatClient(): ChatClient {
  return useChatContext().client
}

/** A slice of the provider's chat state; re-renders when that slice changes (zustand's `useStore`). */
export function useChat<T>(selector: (state: ChatState) => T): T {
  return useStore(useChatContext().client.store, selector)
}

/**
 * The chat service's time, rounded down to the second and re-read every second while mounted
 * (for countdowns): the page's clock as the client injects it, plus the offset it has learned.
 */
export function useServiceNow(intervalMs = 1_000): number {
  const client = useChatClient()
  // Subscribed too: a clock that moves (the emulator's Advance time) shows at once.
  useChat((state) => state.clockOffsetMs)
  return useNow(intervalMs, client.clock.now)
}

/** The page's time by the client's injected clock, every second: for the client's own delays (the next retry). */
export function usePageNow(intervalMs = 1_000): number {
  return useNow(intervalMs, useChatClient().clock.pageNow)
}
