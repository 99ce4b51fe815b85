import { describe, expect, it } from 'vitest'
import { EMULATOR_DEMO_ROOM_ARN, parseConfig } from '../../src/config'

/** The message `parseConfig(env)` throws with. */
function problemsOf(env: Record<string, string>): string {
  try {
    parseConfig(env)
  } catch (error) {
    if (error instanceof Error) return error.message
    throw error
  }
  throw new Error('Expected parseConfig to throw')
}

describe('parseConfig: mocks on (the default)', () => {
  it('uses the in-page emulator at the default region with no variables at all', () => {
    expect(parseConfig({})).toEqual({
      mocks: true,
      region: 'us-west-2',
      regionOrUrl: 'us-west-2',
      tokenEndpoint: 'https://ivschat.us-west-2.amazonaws.com/CreateChatToken',
      controlPlaneUrl: 'https://ivschat.us-west-2.amazonaws.com',
      defaultRoomArn: EMULATOR_DEMO_ROOM_ARN,
    })
  })

  it('follows VITE_IVSCHAT_REGION for the socket and both REST endpoints', () => {
    expect(parseConfig({ VITE_IVSCHAT_REGION: 'eu-central-1' })).toMatchObject({
      mocks: true,
      regionOrUrl: 'eu-central-1',
      tokenEndpoint: 'https://ivschat.eu-central-1.amazonaws.com/CreateChatToken',
      controlPlaneUrl: 'https://ivschat.eu-central-1.amazonaws.com',
    })
  })

  it('treats blank variables (VAR= in a .env file) as unset', () => {
    expect(parseConfig({ VITE_IVSCHAT_MOCKS: '', VITE_IVSCHAT_REGION: '', VITE_IVSCHAT_TOKEN_ENDPOINT: '' })).toEqual(parseConfig({}))
  })

  it('turns the chat SDK\'s debug output on with VITE_IVSCHAT_DEBUG=true only', () => {
    expect(parseConfig({ VITE_IVSCHAT_DEBUG: 'true' }).debug).toBe(true)
    expect(parseConfig({ VITE_IVSCHAT_DEBUG: 'false' }).debug).toBeUndefined()
    expect(problemsOf({ VITE_IVSCHAT_DEBUG: 'yes' })).toMatch(/^Invalid configuration[^\n]*\nVITE_IVSCHAT_DEBUG: /)
  })

  it('preselects VITE_IVSCHAT_ROOM_ARN', () => {
    const arn = 'arn:aws:ivschat:us-west-2:123456789012:room/abcDEF123456'
    expect(parseConfig({ VITE_IVSCHAT_ROOM_ARN: arn }).defaultRoomArn).toBe(arn)
  })
})

describe('parseConfig: real-service mode (mocks off)', () => {
  it('requires a token endpoint: real tokens come from your own backend', () => {
    expect(problemsOf({ VITE_IVSCHAT_MOCKS: 'off' })).toBe(
      'Invalid configuration (see README, "Configuration"):\n' +
        'VITE_IVSCHAT_TOKEN_ENDPOINT: is required with VITE_IVSCHAT_MOCKS=off: real IVS Chat tokens must come from your own token backend',
    )
  })

  it('talks to the real region\'s socket and to your token backend, and lists no rooms', () => {
    expect(
      parseConfig({ VITE_IVSCHAT_MOCKS: 'off', VITE_IVSCHAT_REGION: 'ap-northeast-1', VITE_IVSCHAT_TOKEN_ENDPOINT: 'https://api.example.com/chat-token' }),
    ).toEqual({
      mocks: false,
      region: 'ap-northeast-1',
      // The SDK turns a region into wss://edge.ivschat.ap-northeast-1.amazonaws.com.
      regionOrUrl: 'ap-northeast-1',
      tokenEndpoint: 'https://api.example.com/chat-token',
      controlPlaneUrl: undefined,
      defaultRoomArn: EMULATOR_DEMO_ROOM_ARN,
    })
  })

  it('uses VITE_IVSCHAT_SOCKET_URL as is instead of the region\'s socket', () => {
    expect(
      parseConfig({ VITE_IVSCHAT_MOCKS: 'off', VITE_IVSCHAT_TOKEN_ENDPOINT: 'https://api.example.com/token', VITE_IVSCHAT_SOCKET_URL: 'wss://chat.example.com/ws' }),
    ).toMatchObject({ regionOrUrl: 'wss://chat.example.com/ws', tokenEndpoint: 'https://api.example.com/token', controlPlaneUrl: undefined })
  })

  it('against the emulator running as a server: control plane and tokens from VITE_IVSCHAT_CONTROL_PLANE_URL, socket from VITE_IVSCHAT_SOCKET_URL', () => {
    expect(
      parseConfig({ VITE_IVSCHAT_MOCKS: 'off', VITE_IVSCHAT_CONTROL_PLANE_URL: 'http://localhost:8787', VITE_IVSCHAT_SOCKET_URL: 'ws://localhost:8787' }),
    ).toMatchObject({
      mocks: false,
      regionOrUrl: 'ws://localhost:8787',
      tokenEndpoint: 'http://localhost:8787/CreateChatToken',
      controlPlaneUrl: 'http://localhost:8787',
    })
  })

  it('builds one clean token URL from a control plane URL with a trailing slash', () => {
    expect(parseConfig({ VITE_IVSCHAT_MOCKS: 'off', VITE_IVSCHAT_CONTROL_PLANE_URL: 'http://localhost:8787/' })).toMatchObject({
      tokenEndpoint: 'http://localhost:8787/CreateChatToken',
      controlPlaneUrl: 'http://localhost:8787',
    })
  })

  it('prefers an explicit token endpoint over the control plane\'s', () => {
    expect(
      parseConfig({ VITE_IVSCHAT_MOCKS: 'off', VITE_IVSCHAT_CONTROL_PLANE_URL: 'http://localhost:8787', VITE_IVSCHAT_TOKEN_ENDPOINT: 'https://api.example.com/token' })
        .tokenEndpoint,
    ).toBe('https://api.example.com/token')
  })
})

describe('parseConfig: bad values give a readable error naming the variable', () => {
  const cases: [variable: string, value: string, message: string][] = [
    ['VITE_IVSCHAT_MOCKS', 'yes', 'VITE_IVSCHAT_MOCKS: '],
    ['VITE_IVSCHAT_REGION', 'US West 2', 'VITE_IVSCHAT_REGION: must be an AWS region such as us-west-2'],
    ['VITE_IVSCHAT_TOKEN_ENDPOINT', 'not a url', 'VITE_IVSCHAT_TOKEN_ENDPOINT: must be an http:// or https:// URL'],
    ['VITE_IVSCHAT_SOCKET_URL', 'https://chat.example.com', 'VITE_IVSCHAT_SOCKET_URL: must be a ws:// or wss:// URL'],
    ['VITE_IVSCHAT_CONTROL_PLANE_URL', 'localhost:8787', 'VITE_IVSCHAT_CONTROL_PLANE_URL: must be an http:// or https:// URL'],
    ['VITE_IVSCHAT_ROOM_ARN', 'DemoChatRoom', 'VITE_IVSCHAT_ROOM_ARN: must be an IVS Chat room ARN'],
  ]
  for (const [variable, value, message] of cases) {
    it(`${variable}=${value}`, () => {
      const lines = problemsOf({ [variable]: value }).split('\n')
      expect(lines[0]).toBe('Invalid configuration (see README, "Configuration"):')
      expect(lines.slice(1)).toEqual([expect.stringMatching(new RegExp(`^${message.replaceAll('/', '\\/')}`))])
    })
  }

  it('lists every bad variable, one per line', () => {
    const lines = problemsOf({ VITE_IVSCHAT_REGION: 'bad region', VITE_IVSCHAT_SOCKET_URL: 'http://x' }).split('\n').slice(1)
    expect(lines.map((line) => line.split(':')[0])).toEqual(['VITE_IVSCHAT_REGION', 'VITE_IVSCHAT_SOCKET_URL'])
  })
})
