import { useState } from 'react'
import type { ChatErrorCode } from '../contract/frames.ts'
import type { Emulator } from '../emulator/emulator.ts'
import type { TokenFault } from '../emulator/faults.ts'
import { NumberField, PanelSection, parseWholeNumber, rangeError } from './fields.tsx'
import type { EmulatorSnapshot } from './use-emulator-snapshot.ts'

const MAX_QUEUED = 100

const SEND_FAULTS: { code: ChatErrorCode; meaning: string }[] = [
  { code: 429, meaning: 'Too many requests: the client should back off and retry' },
  { code: 406, meaning: 'Rejected by the review handler' },
  { code: 413, meaning: 'Payload too large' },
]

const TOKEN_FAULTS: { type: TokenFault; meaning: string }[] = [
  { type: 'AccessDeniedException', meaning: 'HTTP 403: the caller may not call CreateChatToken' },
  { type: 'PendingVerification', meaning: 'HTTP 403: the AWS account is not verified yet' },
]

/** Failures queued for the next sends, token requests and broadcasts. */
export function FaultsSection({ emulator, snapshot }: { emulator: Emulator; snapshot: EmulatorSnapshot }) {
  const [sends, setSends] = useState('1')
  const [tokens, setTokens] = useState('1')
  const [frames, setFrames] = useState('1')
  const sendsError = rangeError(sends, 1, MAX_QUEUED)
  const tokensError = rangeError(tokens, 1, MAX_QUEUED)
  const framesError = rangeError(frames, 1, MAX_QUEUED)
  const { sendFaults, tokenFaults, duplicateFrames, reorderFrames } = snapshot.faults
  const queued = sendFaults.length + tokenFaults.length + duplicateFrames + reorderFrames

  return (
    <PanelSection title="Faults" badge={queued}>
      <fieldset className="emu-fieldset">
        <legend>Next send fails with…</legend>
        <div className="emu-inline">
          <NumberField label="Sends to fail" value={sends} onChange={setSends} min={1} max={MAX_QUEUED} narrow error={sendsError} />
          <div className="emu-actions">
            {SEND_FAULTS.map(({ code, meaning }) => (
              <button
                key={code}
                type="button"
                className="emu-button"
                aria-label={`Next send fails with ${code}`}
                title={`ERROR ${code}: ${meaning}`}
                disabled={sendsError !== undefined}
                onClick={() => emulator.faults.failNextSends(parseWholeNumber(sends)!, code)}
              >
                {code}
              </button>
            ))}
          </div>
        </div>
        <p className="emu-hint">Answers a person’s next SEND_MESSAGE actions with an ERROR frame (simulated chatters are not affected).</p>
        <Queued label="Queued send errors" items={sendFaults.map((f) => String(f.errorCode))} />
      </fieldset>

      <fieldset className="emu-fieldset">
        <legend>Next token request fails with…</legend>
        <div className="emu-inline">
          <NumberField label="Token requests to fail" value={tokens} onChange={setTokens} min={1} max={MAX_QUEUED} narrow error={tokensError} />
          <div className="emu-actions">
            {TOKEN_FAULTS.map(({ type, meaning }) => (
              <button
                key={type}
                type="button"
                className="emu-button"
                aria-label={`Next token request fails with ${type}`}
                title={meaning}
                disabled={tokensError !== undefined}
                onClick={() => emulator.faults.failNextTokenRequests(parseWholeNumber(tokens)!, type)}
              >
                {type}
              </button>
            ))}
          </div>
        </div>
        <p className="emu-hint">CreateChatToken answers with the error instead of a token (joins and renewals fail).</p>
        <Queued label="Queued token errors" items={tokenFaults} />
      </fieldset>

      <fieldset className="emu-fieldset">
        <legend>Broadcast frames</legend>
        <div className="emu-inline">
          <NumberField label="Frames to affect" value={frames} onChange={setFrames} min={1} max={MAX_QUEUED} narrow error={framesError} />
          <div className="emu-actions">
            <button
              type="button"
              className="emu-button"
              aria-label="Duplicate next frames"
              title="Each of the next frames reaches every client twice; the client should show it once."
              disabled={framesError !== undefined}
              onClick={() => emulator.faults.duplicateNextFrames(parseWholeNumber(frames)!)}
            >
              Duplicate
            </button>
            <button
              type="button"
              className="emu-button"
              aria-label="Reorder next frames"
              title="The next frames are delivered swapped with the one after; the client should sort by SendTime."
              disabled={framesError !== undefined}
              onClick={() => emulator.faults.reorderNextFrames(parseWholeNumber(frames)!)}
            >
              Reorder
            </button>
          </div>
        </div>
        <p className="emu-hint">
          Pending: {duplicateFrames} to duplicate, {reorderFrames} to reorder.
        </p>
      </fieldset>

      <div className="emu-actions">
        <button type="button" className="emu-button" disabled={queued === 0} onClick={() => emulator.faults.clear()}>
          Clear queued faults
        </button>
      </div>
    </PanelSection>
  )
}

function Queued({ label, items }: { label: string; items: readonly string[] }) {
  return (
    <p className="emu-hint">
      {label}: {items.length === 0 ? 'none' : items.join(', ')}
    </p>
  )
}
