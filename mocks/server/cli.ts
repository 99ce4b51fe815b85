#!/usr/bin/env node
import { networkInterfaces } from 'node:os'
import { parseArgs } from 'node:util'
import { DEMO_ROOM_ARN } from '../emulator/emulator.ts'
import { isRegionName, regionOfArn } from '../emulator/regions.ts'
import { parseReviewHandlerFlag } from './review-bindings.ts'
import { DEFAULT_HOST, DEFAULT_PORT, startEmulatorServer, type EmulatorServer } from './server.ts'

const HELP = `Amazon IVS Chat emulator as a local server (the same emulator as the in-page one).

Usage: npx ivschat-emulator [options]   (in its own repository: npm run emulator -- [options])

  --port N       port to listen on (default ${DEFAULT_PORT}, or $PORT; 0 picks a free one)
  --host H       address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 lets other devices in)
  --state FILE   keep rooms in FILE (JSON) across restarts; tokens and sessions are not kept
  --region R     region of calls that are not signed (default us-west-2); a signed call's
                 region is its SigV4 credential scope's, as on AWS
  --review-handler ARN=TARGET
                 bind a review Lambda ARN to a stand-in: a module path (a file exporting
                 handler(event), as a Lambda does) or an http(s) URL (the review payload
                 POSTed as JSON); repeatable. A room naming an unbound ARN gets its fallbackResult
  --verify-signatures
                 check every API call's SigV4 signature against the keys given with
                 --credentials (UnrecognizedClientException, InvalidSignatureException)
  --credentials AKID:SECRET
                 an access key the server knows (repeatable; needs --verify-signatures)
  --enforce-quotas
                 hold API rates, rooms and concurrent chat connections to IVS Chat's quotas
                 (ThrottlingException, ServiceQuotaExceededException)
  --no-controls  do not serve the emulator's controls at /_emulator
  --logs-dir DIR write chat logging records (JSON lines) under DIR, one file per destination
  --verbose      log every chat frame
  --help         this text

Control plane: POST http://<host>:<port>/<Operation> (restJson1; any credentials unless --verify-signatures).
Controls:      http://<host>:<port>/_emulator (JSON; GET lists them).
Chat socket:   ws://<host>:<port>/ with the chat token as the WebSocket subprotocol.`

interface CliOptions {
  port: number
  host: string
  stateFile?: string
  region?: string
  reviewHandlers?: Record<string, string>
  credentials?: Record<string, string>
  enforceQuotas: boolean
  controls: boolean
  logsDir?: string
  verbose: boolean
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      state: { type: 'string' },
      region: { type: 'string' },
      'review-handler': { type: 'string', multiple: true },
      'verify-signatures': { type: 'boolean', default: false },
      credentials: { type: 'string', multiple: true },
      'enforce-quotas': { type: 'boolean', default: false },
      controls: { type: 'boolean', default: true },
      'logs-dir': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowNegative: true,
  })
  if (values.help) return 'help'
  const portText = values.port ?? env.PORT ?? String(DEFAULT_PORT)
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65_535) throw new Error(`--port must be a number from 0 to 65535, not ${JSON.stringify(portText)}`)
  if (values.region !== undefined && !isRegionName(values.region)) {
    throw new Error(`--region must be an AWS region name such as us-west-2, not ${JSON.stringify(values.region)}`)
  }
  if (values.credentials && !values['verify-signatures']) throw new Error('--credentials is used with --verify-signatures')
  if (values['verify-signatures'] && !values.credentials) throw new Error('--verify-signatures needs at least one --credentials AKID:SECRET')
  return {
    port,
    host: values.host ?? DEFAULT_HOST,
    verbose: values.verbose,
    enforceQuotas: values['enforce-quotas'],
    controls: values.controls,
    ...(values.credentials ? { credentials: credentialsOf(values.credentials) } : {}),
    ...(values.state ? { stateFile: values.state } : {}),
    ...(values['logs-dir'] ? { logsDir: values['logs-dir'] } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(values['review-handler'] ? { reviewHandlers: reviewHandlersOf(values['review-handler']) } : {}),
  }
}

function credentialsOf(flags: string[]): Record<string, string> {
  const credentials: Record<string, string> = {}
  for (const flag of flags) {
    const at = flag.indexOf(':')
    const accessKeyId = flag.slice(0, at)
    if (at <= 0 || at === flag.length - 1 || !/^[A-Za-z0-9]+$/.test(accessKeyId)) {
      throw new Error(`--credentials takes ACCESS_KEY_ID:SECRET_ACCESS_KEY, such as AKIDEXAMPLE:secret; got ${JSON.stringify(flag.replace(/:.*/, ':…'))}`)
    }
    credentials[accessKeyId] = flag.slice(at + 1)
  }
  return credentials
}

function reviewHandlersOf(flags: string[]): Record<string, string> {
  const bindings: Record<string, string> = {}
  for (const flag of flags) {
    const { lambdaArn, target } = parseReviewHandlerFlag(flag)
    if (Object.hasOwn(bindings, lambdaArn)) throw new Error(`--review-handler binds ${lambdaArn} twice`)
    bindings[lambdaArn] = target
  }
  return bindings
}

function banner(server: EmulatorServer, options: CliOptions): string {
  const room = server.emulator.rooms.find(DEMO_ROOM_ARN)?.arn ?? server.emulator.rooms.all()[0]?.arn ?? '<a room ARN>'
  // The room is found only in its own region: the one-liners call that region.
  const region = regionOfArn(room) ?? options.region ?? server.emulator.settings.defaultRegion
  // With signatures checked, the one-liners name a known key; its secret is the user's to fill in.
  const keyId = Object.keys(options.credentials ?? {})[0]
  const [akid, secret] = keyId ? [keyId, `<secret of ${keyId}>`] : ['test', 'test']
  const boto3 =
    `python3 -c "import boto3; print(boto3.client('ivschat', endpoint_url='${server.url}', region_name='${region}', ` +
    `aws_access_key_id='${akid}', aws_secret_access_key='${secret}').create_chat_token(roomIdentifier='${room}', userId='alice'))"`
  const cli =
    `AWS_ACCESS_KEY_ID=${akid} AWS_SECRET_ACCESS_KEY=${keyId ? `'${secret}'` : secret} aws ivschat create-chat-token --endpoint-url ${server.url} ` +
    `--region ${region} --room-identifier ${room} --user-id alice`
  return [
    'Amazon IVS Chat emulator',
    `  endpoint  ${server.url}`,
    `  socket    ${server.socketUrl}`,
    `  room      ${room}${room === DEMO_ROOM_ARN ? ' (the seeded demo room)' : ''}`,
    `  region    ${options.region ?? server.emulator.settings.defaultRegion} for calls that are not signed; a signed call's credential scope names its region`,
    `  controls  ${options.controls ? `${server.url}/_emulator (GET lists them)` : 'off (--no-controls)'}`,
    ...(options.credentials ? [`  signatures checked for ${Object.keys(options.credentials).join(', ')}`] : []),
    ...(options.enforceQuotas ? ['  quotas    enforced (API rates, rooms and connections per region)'] : []),
    `  rooms     ${options.stateFile ? `kept in ${options.stateFile}` : 'in memory only (--state FILE keeps them)'}`,
    `  chat logs ${options.logsDir ? `written under ${options.logsDir}` : 'in memory only (--logs-dir DIR writes them)'}`,
    ...otherDevices(options.host, server.url),
    '',
    'boto3:',
    `  ${boto3}`,
    'AWS CLI:',
    `  ${cli}`,
    '',
    'Ctrl+C stops it (every socket is closed with 1001).',
  ].join('\n')
}

/** Listening on every interface: the addresses a phone on the same network can dial. */
function otherDevices(host: string, url: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return []
  const port = new URL(url).port
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
    .map((address) => `http://${address!.address}:${port}`)
  return addresses.length > 0 ? [`  from other devices  ${addresses.join('  ')}`] : []
}

async function main(): Promise<void> {
  let options: CliOptions | 'help'
  try {
    options = parseOptions(process.argv.slice(2), process.env)
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`)
    process.exit(2)
  }
  if (options === 'help') {
    console.info(HELP)
    return
  }
  let server: EmulatorServer
  try {
    server = await startEmulatorServer(options)
  } catch (error) {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE'
    console.error(inUse ? `Port ${options.port} is in use: pass --port N (or PORT=N)` : `Could not start: ${String(error)}`)
    process.exit(1)
  }
  console.info(banner(server, options))

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1) // a second Ctrl+C: do not wait any longer
    stopping = true
    console.info(`${signal}: closing every socket and stopping`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Failed to stop cleanly: ${String(error)}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

await main()
