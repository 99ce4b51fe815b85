import { z } from 'zod/mini'
import { ROOM_ARN_PATTERN } from '../mocks/contract/constraints'

/**
 * The app's configuration, from `VITE_IVSCHAT_*` variables (see README, "Configuration"),
 * parsed once. Switching from the in-page emulator to real Amazon IVS Chat (or to the
 * emulator running as a server) is a matter of these variables alone.
 */

/** The room the emulator seeds; its ARN is part of the emulator's documented contract. */
export const EMULATOR_DEMO_ROOM_ARN = 'arn:aws:ivschat:us-west-2:123456789012:room/DemoChatRoom'

/**
 * An absolute http(s) URL. The scheme is checked first: `localhost:8787` parses as a URL of
 * scheme `localhost:`, and fetch would fail later and obscurely. (Not `z.url()`: its format
 * checks are code the first render would carry for one variable.)
 */
const HttpUrl = z.string().check(z.refine(isHttpUrl, 'must be an http:// or https:// URL'))

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false
  try {
    return new URL(value).host !== ''
  } catch {
    return false
  }
}

// zod/mini, as the wire contract (docs/decisions/010-zod-mini-for-the-contract.md): no locale
// is loaded on the first render, so every check that can fail on a string says its own words.
const Env = z
  .object({
    /** `on` (default): the emulator runs in the page. `off`: nothing of it is loaded. */
    // oxlint-disable-next-line no-underscore-dangle -- zod/mini's name for `.default()`
    VITE_IVSCHAT_MOCKS: z._default(z.enum(['on', 'off'], 'must be on or off'), 'on'),
    // oxlint-disable-next-line no-underscore-dangle -- zod/mini's name for `.default()`
    VITE_IVSCHAT_REGION: z._default(z.string().check(z.regex(/^[a-z0-9-]+$/, 'must be an AWS region such as us-west-2')), 'us-west-2'),
    /** Where CreateChatToken bodies are POSTed; in production, your own token backend. */
    VITE_IVSCHAT_TOKEN_ENDPOINT: z.optional(HttpUrl),
    /** A `wss://` or `ws://` URL for the chat socket instead of the region's. */
    VITE_IVSCHAT_SOCKET_URL: z.optional(z.string().check(z.regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL'))),
    /** A control plane the app may call unsigned (an emulator's) for the room list and limits. */
    VITE_IVSCHAT_CONTROL_PLANE_URL: z.optional(HttpUrl),
    /** The room preselected in the join panel. */
    VITE_IVSCHAT_ROOM_ARN: z.optional(z.string().check(z.regex(ROOM_ARN_PATTERN, 'must be an IVS Chat room ARN'))),
    /** `true`: the chat SDK's debug output goes to the console. */
    VITE_IVSCHAT_DEBUG: z.optional(z.enum(['true', 'false'], 'must be true or false')),
  })
  .check(
    z.refine((vars) => vars.VITE_IVSCHAT_MOCKS === 'on' || vars.VITE_IVSCHAT_TOKEN_ENDPOINT || vars.VITE_IVSCHAT_CONTROL_PLANE_URL, {
      path: ['VITE_IVSCHAT_TOKEN_ENDPOINT'],
      message: 'is required with VITE_IVSCHAT_MOCKS=off: real IVS Chat tokens must come from your own token backend',
    }),
  )

export interface AppConfig {
  mocks: boolean
  region: string
  /** What `ChatRoom` gets as `regionOrUrl`. */
  regionOrUrl: string
  tokenEndpoint: string
  /** Undefined when the app cannot list rooms (real IVS Chat needs signed calls). */
  controlPlaneUrl: string | undefined
  defaultRoomArn: string
  /** Log the chat SDK's debug output (set only by `VITE_IVSCHAT_DEBUG=true`). */
  debug?: true
}

export function parseConfig(env: Record<string, unknown>): AppConfig {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const result = Env.safeParse(blanksRemoved)
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')
    throw new Error(`Invalid configuration (see README, "Configuration"):\n${problems}`)
  }
  const vars = result.data
  const mocks = vars.VITE_IVSCHAT_MOCKS === 'on'
  const regionEndpoint = `https://ivschat.${vars.VITE_IVSCHAT_REGION}.amazonaws.com`
  // Without its trailing slash, so that `${controlPlaneUrl}/CreateChatToken` has one slash only.
  const controlPlaneUrl = (vars.VITE_IVSCHAT_CONTROL_PLANE_URL ?? (mocks ? regionEndpoint : undefined))?.replace(/\/$/, '')
  return {
    mocks,
    region: vars.VITE_IVSCHAT_REGION,
    regionOrUrl: vars.VITE_IVSCHAT_SOCKET_URL ?? vars.VITE_IVSCHAT_REGION,
    tokenEndpoint: vars.VITE_IVSCHAT_TOKEN_ENDPOINT ?? `${controlPlaneUrl ?? regionEndpoint}/CreateChatToken`,
    controlPlaneUrl,
    defaultRoomArn: vars.VITE_IVSCHAT_ROOM_ARN ?? EMULATOR_DEMO_ROOM_ARN,
    ...(vars.VITE_IVSCHAT_DEBUG === 'true' ? { debug: true as const } : {}),
  }
}

// `import.meta.env` is Vite's; a script run by Node alone (a benchmark) has none and gets the defaults.
export const config: AppConfig = parseConfig(import.meta.env ?? {})
