import { act, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_ROOM_ARN, emulator } from '../../mocks/node'
import { inRegion, joinDirectly, openPanel, setupPanelEmulator } from './panel-harness'

setupPanelEmulator()
const { createObjectURL, revokeObjectURL } = URL
afterEach(() => {
  vi.restoreAllMocks()
  URL.createObjectURL = createObjectURL
  URL.revokeObjectURL = revokeObjectURL
})

/** Logs the demo room to `destinations` (through the emulator's own API, as a test of the panel). */
function logDemoRoom(...destinations: Parameters<typeof emulator.loggingConfigurations.create>[0]['destinationConfiguration'][]): void {
  const arns = destinations.map(
    (destinationConfiguration) => emulator.loggingConfigurations.create({ region: 'us-west-2', accountId: '123456789012', destinationConfiguration }).arn,
  )
  emulator.rooms.update(DEMO_ROOM_ARN, { loggingConfigurationIdentifiers: arns })
}

function rowsOf(label: string): string[] {
  return within(screen.getByRole('log', { name: `Records of ${label}` }))
    .queryAllByRole('listitem')
    .map((row) => row.textContent ?? '')
}

describe('emulator panel: chat logs', () => {
  it('says how to get records while there are none', async () => {
    await openPanel()

    expect(inRegion('Chat logs').getByText(/No records yet/)).toBeDefined()
  })

  it('shows each destination\'s records, newest last, as they arrive', async () => {
    logDemoRoom({ s3: { bucketName: 'chat-archive' } }, { firehose: { deliveryStreamName: 'chat-stream' } })
    const viewer = await joinDirectly('viewer-1')
    await openPanel()

    await act(() => emulator.chat.receive(viewer.connection, JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: 'r1', Content: 'logged hello' })))
    act(() => void emulator.chat.sendEvent(DEMO_ROOM_ARN, 'app:ping', { n: '1' }))

    for (const label of ['S3 bucket chat-archive', 'Firehose delivery stream chat-stream']) {
      const rows = await vi.waitFor(() => {
        const found = rowsOf(label)
        expect(found).toHaveLength(2)
        return found
      })
      expect(rows[0]).toMatch(/^\d\d:\d\d:\d\dMSGdemo-roomviewer-1: logged hello$/)
      expect(rows[1]).toMatch(/EVTdemo-roomapp:ping \{"n":"1"\}$/)
      expect(inRegion('Chat logs').getAllByText('2 records')).toHaveLength(2)
    }
    expect(screen.getByRole('heading', { name: 'S3 bucket chat-archive' })).toBeDefined()
  })

  it('downloads a destination\'s records as JSON lines in the chat logging record format', async () => {
    logDemoRoom({ cloudWatchLogs: { logGroupName: '/aws/ivschat/demo' } })
    emulator.chat.sendEvent(DEMO_ROOM_ARN, 'one', {})
    emulator.chat.sendEvent(DEMO_ROOM_ARN, 'two', {})
    const blobs: Blob[] = []
    // jsdom has no object URLs and does not navigate: capture what would be saved.
    URL.createObjectURL = vi.fn<(blob: Blob) => string>((blob) => {
      blobs.push(blob)
      return 'blob:chat-log'
    })
    URL.revokeObjectURL = vi.fn<(url: string) => void>()
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    const { user } = await openPanel()

    await user.click(await screen.findByRole('button', { name: 'Download CloudWatch Logs log group /aws/ivschat/demo (JSON lines)' }))

    expect(clicked).toHaveBeenCalledTimes(1)
    expect((clicked.mock.contexts[0] as HTMLAnchorElement).download).toBe('cloudwatch-logs-%2Faws%2Fivschat%2Fdemo.jsonl')
    const lines = (await blobs[0]!.text()).split('\n')
    expect(lines.at(-1)).toBe('')
    const records = lines.filter(Boolean).map((line) => JSON.parse(line) as { type: string; version: string; event_timestamp: string; payload: { EventName: string } })
    expect(records.map((record) => [record.type, record.version, record.payload.EventName])).toEqual([
      ['EVENT', '1.0', 'one'],
      ['EVENT', '1.0', 'two'],
    ])
  })
})
