import { CreateRoomCommand, GetRoomCommand, ListRoomsCommand, ResourceNotFoundException } from '@aws-sdk/client-ivschat'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROOM_ARN } from '../../mocks/emulator/emulator'
import { ivschatClient as clientFor, rejectionOf } from '../contract/ivschat-client'
import { closeOf, opened, startTestServer, type TestServer } from './helpers'
import { BOTO3_MISSING, hasBoto3, runPython } from './python-run'

/** Regions on the server: the SigV4 credential scope names the caller's region, as on AWS. */

let server: TestServer

beforeAll(async () => {
  server = await startTestServer({ region: 'ap-northeast-1' })
})
afterAll(async () => {
  await server.close()
})

describe('regions on the server', () => {
  it('gives an eu-west-1 client eu-west-1 ARNs, and finds its rooms only from eu-west-1', async () => {
    const dublin = clientFor('eu-west-1', server.url)
    const oregon = clientFor('us-west-2', server.url)
    const room = await dublin.send(new CreateRoomCommand({ name: 'sdk-dublin' }))
    expect(room.arn).toBe(`arn:aws:ivschat:eu-west-1:123456789012:room/${room.id}`)
    await expect(dublin.send(new GetRoomCommand({ identifier: room.arn! }))).resolves.toMatchObject({ name: 'sdk-dublin' })

    const missing = await rejectionOf(oregon.send(new GetRoomCommand({ identifier: room.arn! })))
    expect(missing).toBeInstanceOf(ResourceNotFoundException)
    expect(missing).toMatchObject({ resourceId: room.id, $metadata: { httpStatusCode: 404 } })
    expect((await oregon.send(new ListRoomsCommand({}))).rooms?.map((r) => r.arn)).toEqual([DEMO_ROOM_ARN])
    expect((await dublin.send(new ListRoomsCommand({ name: 'sdk-dublin' }))).rooms?.map((r) => r.arn)).toEqual([room.arn])
    dublin.destroy()
    oregon.destroy()
  })

  it('puts an unsigned call in the server\'s --region', async () => {
    const answer = await fetch(`${server.url}/CreateRoom`, { method: 'POST', body: JSON.stringify({ name: 'unsigned' }) })
    const room = (await answer.json()) as { arn: string }
    expect(room.arn).toMatch(/^arn:aws:ivschat:ap-northeast-1:123456789012:room\/[a-zA-Z0-9]{12}$/)
  })

  it.runIf(hasBoto3)(`boto3 for eu-west-1 gets eu-west-1 ARNs; a us-west-2 client does not find the room${BOTO3_MISSING}`, async () => {
    const result = await runPython<{
      arn: string
      dublinGet: string
      dublinList: string[]
      oregonList: string[]
      oregonGet: { code: string; status: number; resourceId: string }
      token: string
    }>('regions.py', [server.url])
    expect(result.arn).toMatch(/^arn:aws:ivschat:eu-west-1:123456789012:room\/[a-zA-Z0-9]{12}$/)
    expect(result.dublinGet).toBe(result.arn)
    expect(result.dublinList).toContain(result.arn)
    expect(result.dublinList.every((arn) => arn.startsWith('arn:aws:ivschat:eu-west-1:'))).toBe(true)
    expect(result.oregonList).toEqual([])
    expect(result.oregonGet).toEqual({ code: 'ResourceNotFoundException', status: 404, resourceId: result.arn.split('/')[1] })
    // The server's one socket serves every region (FIDELITY.md): the eu-west-1 token connects.
    const socket = new WebSocket(server.socketUrl, result.token)
    await opened(socket)
    const closed = closeOf(socket)
    socket.close(1000)
    await closed
  })
})
