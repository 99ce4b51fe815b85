import {
  CreateLoggingConfigurationCommand,
  CreateRoomCommand,
  DeleteLoggingConfigurationCommand,
  DisconnectUserCommand,
  SendEventCommand,
  UpdateRoomCommand,
} from '@aws-sdk/client-ivschat'
import { SendMessageRequest } from 'amazon-ivs-chat-messaging'
import { describe, expect, it } from 'vitest'
import { emulator } from '../../mocks/node'
import { ivschatClient } from '../contract/ivschat-client'
import { eventually, join, setupEmulatorServer } from './helpers'

/**
 * Chat logging in the page emulator (MSW): AWS's chat client sends, AWS's REST client
 * configures, and the records are kept per destination in the chat logging page's format.
 */

setupEmulatorServer()
const client = ivschatClient()

async function loggedRoom(...destinations: CreateLoggingConfigurationCommand['input']['destinationConfiguration'][]) {
  const arns: string[] = []
  for (const destinationConfiguration of destinations) {
    arns.push((await client.send(new CreateLoggingConfigurationCommand({ destinationConfiguration }))).arn!)
  }
  const room = await client.send(new CreateRoomCommand({ loggingConfigurationIdentifiers: arns }))
  return { roomArn: room.arn!, configurationArns: arns }
}

const recordsOf = (kind: 's3' | 'cloudWatchLogs' | 'firehose', name: string) =>
  emulator.chatLogs.destinations().find((log) => log.destination.kind === kind && log.destination.name === name)?.entries.map((entry) => entry.record) ?? []

describe('chat logging in the page emulator', () => {
  it('a message, a SendEvent and a moderator\'s DisconnectUser event, in each of two destinations, in order', async () => {
    const { roomArn } = await loggedRoom({ s3: { bucketName: 'chat-archive' } }, { cloudWatchLogs: { logGroupName: 'chat' } })
    const alice = await join({ userId: 'alice', roomArn, attributes: { displayName: 'Alice' } })

    const sent = await alice.room.sendMessage(new SendMessageRequest('hi there', { mood: 'happy' }))
    await client.send(new SendEventCommand({ roomIdentifier: roomArn, eventName: 'poll:open', attributes: { q: '1' } }))
    await client.send(new DisconnectUserCommand({ roomIdentifier: roomArn, userId: 'alice', reason: 'bye' }))

    await eventually(() => expect(recordsOf('s3', 'chat-archive')).toHaveLength(3))
    const records = recordsOf('s3', 'chat-archive')
    expect(recordsOf('cloudWatchLogs', 'chat')).toEqual(records)
    expect(records.map((record) => [record.type, record.version])).toEqual([
      ['MESSAGE', '1.0'],
      ['EVENT', '1.0'],
      ['EVENT', '1.0'],
    ])
    expect(records[0]).toEqual({
      event_timestamp: records[0]!.payload.SendTime,
      type: 'MESSAGE',
      version: '1.0',
      payload: {
        Type: 'MESSAGE',
        Id: sent.id,
        RequestId: sent.requestId,
        Content: 'hi there',
        Attributes: { mood: 'happy' },
        SendTime: expect.any(String),
        Sender: { UserId: 'alice', Attributes: { displayName: 'Alice' } },
      },
    })
    expect(records[1]!.payload).toMatchObject({ Type: 'EVENT', EventName: 'poll:open', Attributes: { q: '1' } })
    expect(records[2]!.payload).toMatchObject({ Type: 'EVENT', EventName: 'aws:DISCONNECT_USER', Attributes: { UserId: 'alice', Reason: 'bye' } })
    // One JSON record per line, as a log file has them.
    expect(emulator.chatLogs.jsonLines({ kind: 's3', name: 'chat-archive' }).split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown)).toEqual(records)
  })

  it('the duplicate fault delivers a message twice but logs it once', async () => {
    const { roomArn } = await loggedRoom({ firehose: { deliveryStreamName: 'stream' } })
    const alice = await join({ userId: 'alice', roomArn })
    emulator.faults.duplicateNextFrames(1)

    await alice.room.sendMessage(new SendMessageRequest('once'))
    await client.send(new SendEventCommand({ roomIdentifier: roomArn, eventName: 'after' }))

    await eventually(() => expect(recordsOf('firehose', 'stream')).toHaveLength(2))
    expect(recordsOf('firehose', 'stream').map((record) => record.type)).toEqual(['MESSAGE', 'EVENT'])
  })

  it('a room logs only while it names the configuration; an unlogged room logs nothing', async () => {
    const { roomArn, configurationArns } = await loggedRoom({ s3: { bucketName: 'b-1' } })
    const other = await client.send(new CreateRoomCommand({}))

    await client.send(new SendEventCommand({ roomIdentifier: other.arn, eventName: 'elsewhere' }))
    await client.send(new SendEventCommand({ roomIdentifier: roomArn, eventName: 'one' }))
    await client.send(new UpdateRoomCommand({ identifier: roomArn, loggingConfigurationIdentifiers: [] }))
    await client.send(new SendEventCommand({ roomIdentifier: roomArn, eventName: 'two' }))
    await client.send(new DeleteLoggingConfigurationCommand({ identifier: configurationArns[0] }))

    expect(recordsOf('s3', 'b-1').map((record) => record.payload.Type === 'EVENT' && record.payload.EventName)).toEqual(['one'])
    expect(emulator.chatLogs.destinations().map((log) => log.key)).toEqual(['s3:b-1'])
  })

  it('keeps the newest records per destination, counting every one', async () => {
    const { roomArn } = await loggedRoom({ s3: { bucketName: 'busy' } })
    for (let i = 0; i < 1_300; i++) emulator.chat.sendEvent(roomArn, `e${i}`, {})

    const [log] = emulator.chatLogs.destinations()
    expect(log!.total).toBe(1_300)
    expect(log!.entries).toHaveLength(1_000)
    expect(log!.entries.at(-1)!.record.payload).toMatchObject({ EventName: 'e1299' })
  })

  it('a reset forgets logging configurations and records', async () => {
    const { roomArn } = await loggedRoom({ s3: { bucketName: 'gone' } })
    await client.send(new SendEventCommand({ roomIdentifier: roomArn, eventName: 'x' }))
    emulator.reset()

    expect(emulator.chatLogs.destinations()).toEqual([])
    expect(emulator.loggingConfigurations.all()).toEqual([])
  })
})
