/**
 * What the emulator needs of a socket. The MSW adapter and the Node server each give one;
 * the emulator never knows which.
 */
export interface SocketTransport {
  send(text: string): void
  /** An orderly close initiated by the server. */
  close(code: number, reason: string): void
  /** Ends the connection as a network failure would: no close handshake. */
  fail(): void
}
