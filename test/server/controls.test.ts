import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN } from '../../mocks/emulator/emulator'
import { closeOf, ivschatClient, mintToken, opened, startTestServer, type TestServer } from './helpers'
import { BOTO3_MISSING, hasBoto3, runPython } from './python-run'

/** Every emulator control over HTTP (`/_emulator/...`), driven from Python and from fetch. */

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
})

interface ControlAnswer {
  error: string
  message: string
  issues?: { path: string; message: string }[]
}

describe('emulator controls over HTTP', () => {
  it.runIf(hasBoto3)(`every control works from Python (urllib), with clear 400/404/405 answers${BOTO3_MISSING}`, async () => {
    const client = ivschatClient(server)
    const ender = new WebSocket(server.socketUrl, await mintToken(client, 'ender'))
    const dropper = new WebSocket(server.socketUrl, await mintToken(client, 'dropper'))
    await Promise.all([opened(ender), opened(dropper)])
    const enderFrames: string[] = []
    ender.addEventListener('message', (event) => enderFrames.push(String(event.data)))
    const enderClosed = closeOf(ender)
    const dropperClosed = closeOf(dropper)
    const refused = new WebSocket(server.socketUrl, 'not-a-token')
    await closeOf(refused)

    const r = await runPython<Record<string, unknown>>('controls.py', [server.url, DEMO_ROOM_ARN])

    expect(r.paths).toEqual(
      expect.arrayContaining([
        'GET /_emulator',
        'POST /_emulator/reset',
        'POST /_emulator/configure',
        'POST /_emulator/advance-time',
        'GET /_emulator/sessions',
        'POST /_emulator/sessions/:id/end',
        'POST /_emulator/sessions/:id/drop',
        'GET /_emulator/frames',
        'GET /_emulator/rejections',
        'GET /_emulator/tokens',
        'POST /_emulator/faults/token-requests',
        'POST /_emulator/faults/sends',
        'POST /_emulator/faults/duplicate-frames',
        'POST /_emulator/faults/reorder-frames',
        'DELETE /_emulator/faults',
        'POST /_emulator/messages',
      ]),
    )
    expect(r.sessionUsers).toEqual(['dropper', 'ender'])
    // End session: ERROR 401 with the reason, then a close; drop: no close handshake.
    expect(await enderClosed).toMatchObject({ code: 1000, reason: 'bye from python' })
    expect(enderFrames.map((text) => JSON.parse(text) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ Type: 'MESSAGE', Id: r.injectedId, Content: 'hello from python', Sender: { UserId: 'python-bot', Attributes: {} } }),
      expect.objectContaining({ Type: 'ERROR', ErrorCode: 401, ErrorMessage: 'bye from python' }),
    ])
    expect((await dropperClosed).code).toBe(1006)
    expect(r.unknownSession).toEqual([404, { error: 'NotFound', message: 'No live session "NoSuchSession"' }])

    expect(r.rejections).toEqual(['malformed'])
    expect(r.tokenUsers).toEqual(['dropper', 'ender'])
    expect(r.injectedId).toMatch(/^[a-zA-Z0-9]{12}$/)
    expect((r.frameTexts as string[]).some((text) => text.includes('"Content":"hello from python"'))).toBe(true)
    expect(r.framesSinceLast).toEqual([])
    expect(r.injectMissingRoom).toEqual([404, { error: 'ResourceNotFoundException', message: expect.stringContaining('NoSuchRoom12') }])
    expect(r.framesCleared).toEqual({ frames: [] })

    expect(r.tokenFault).toBe('AccessDeniedException')
    expect(r.faultsQueued).toEqual({
      tokenFaults: [],
      sendFaults: [
        { errorCode: 429, errorMessage: 'slow down' },
        { errorCode: 429, errorMessage: 'slow down' },
      ],
      duplicateFrames: 3,
      reorderFrames: 1,
    })
    expect(r.faultsCleared).toEqual({ tokenFaults: [], sendFaults: [], duplicateFrames: 0, reorderFrames: 0 })
    const [badFaultStatus, badFault] = r.badFault as [number, ControlAnswer]
    expect(badFaultStatus).toBe(400)
    expect(badFault.issues?.map((i) => i.path)).toEqual(['count', 'errorCode'])

    expect(r.configured).toMatchObject({ latencyMs: 5, tokenLifetimeMs: 120_000 })
    expect(r.settings).toEqual(r.configured)
    const [badConfigureStatus, badConfigure] = r.badConfigure as [number, ControlAnswer]
    expect(badConfigureStatus).toBe(400)
    expect(badConfigure.error).toBe('BadRequest')
    expect(badConfigure.issues).toEqual([
      { path: 'latencyMs', message: 'Too small: expected number to be >=0' },
      { path: 'colour', message: 'Unknown member "colour"' },
    ])
    expect(badConfigure.message).toBe('latencyMs: Too small: expected number to be >=0; colour: Unknown member "colour"')
    expect(r.clockMoved).toBe(true)
    expect(r.advanced).toMatchObject({ offsetMs: 3_600_000 })
    expect((r.badAdvance as [number, ControlAnswer])[1].issues?.map((i) => i.path)).toEqual(['ms'])

    const arn = 'arn:aws:lambda:us-west-2:123456789012:function:python-review'
    expect(r.bound).toEqual({ lambdaArns: [arn] })
    expect(r.unbound).toEqual({ lambdaArns: [] })
    expect((r.badBinding as [number, ControlAnswer])[1].issues?.map((i) => i.path)).toEqual(['lambdaArn', 'url'])

    expect(r.notJson).toEqual([400, { error: 'BadRequest', message: 'The request body is not JSON' }])
    expect(r.noSuchControl).toEqual([404, { error: 'NotFound', message: 'No emulator control at /_emulator/nothing-here; GET /_emulator lists them' }])
    expect(r.wrongMethod).toEqual([405, { error: 'MethodNotAllowed', message: '/_emulator/reset takes POST, not GET' }])

    const state = r.state as { rooms: { arn: string }[]; sessions: unknown[]; settings: { latencyMs: number }; clock: { offsetMs: number } }
    expect(state.rooms.map((room) => room.arn)).toEqual([DEMO_ROOM_ARN])
    expect(state.sessions).toEqual([])
    expect(state.settings.latencyMs).toBe(0)
    expect(state.clock.offsetMs).toBe(0)
    client.destroy()
  })

  it('is not an AWS operation: the service still answers its own paths, and GET / names the controls', async () => {
    const info = (await (await fetch(`${server.url}/`)).json()) as { controls: string }
    expect(info.controls).toContain('/_emulator')
    const unknown = await fetch(`${server.url}/_emulatorx`, { method: 'POST' })
    expect(unknown.headers.get('x-amzn-ErrorType')).toBe('ValidationException')
  })

  it('can be turned off (controls: false): the prefix is then an unknown operation', async () => {
    const closed = await startTestServer({ controls: false })
    const answer = await fetch(`${closed.url}/_emulator/reset`, { method: 'POST' })
    expect(answer.status).toBe(400)
    expect(answer.headers.get('x-amzn-ErrorType')).toBe('ValidationException')
    await closed.close()
  })
})
