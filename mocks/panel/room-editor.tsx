import { useState, type FormEvent } from 'react'
import { MAXIMUM_MESSAGE_LENGTH, MAXIMUM_MESSAGE_RATE_PER_SECOND, type FallbackResult } from '../contract/constraints.ts'
import { updateRoom } from '../emulator/control-plane.ts'
import type { Emulator } from '../emulator/emulator.ts'
import { IvsChatError } from '../emulator/errors.ts'
import type { RoomRecord } from '../emulator/room-store.ts'
import { ApplyBar, NumberField, parseWholeNumber, SelectField, TextField } from './fields.tsx'
import { useSyncedField } from './use-synced-field.ts'
import {
  DEFAULT_DENY_REASON,
  REVIEW_PRESET_LABELS,
  parseWordList,
  presetOf,
  reviewFunctionFor,
  type ReviewPreset,
  type ReviewPresetKind,
} from './review-presets.ts'

interface Draft {
  length: string
  rate: string
  review: ReviewPresetKind
  denyReason: string
  words: string
  fallback: FallbackResult
}

type LimitErrors = Partial<Record<'maximumMessageLength' | 'maximumMessageRatePerSecond', string>>

const SELECTABLE_PRESETS: ReviewPresetKind[] = ['none', 'allow', 'deny', 'rewrite', 'slow', 'failing']

/**
 * One room's limits and review handler. Limits go through the emulator's UpdateRoom, so a
 * bad value gets exactly the message the API would answer with; nothing changes unless all
 * fields are valid.
 */
export function RoomEditor({
  emulator,
  room,
  connections,
  reviewTimeoutMs,
}: {
  emulator: Emulator
  room: RoomRecord
  connections: number
  reviewTimeoutMs: number
}) {
  const source = draftOf(room, emulator)
  const [length, setLength] = useSyncedField(source.length)
  const [rate, setRate] = useSyncedField(source.rate)
  const [review, setReview] = useSyncedField(source.review)
  const [denyReason, setDenyReason] = useSyncedField(source.denyReason)
  const [words, setWords] = useSyncedField(source.words)
  const [fallback, setFallback] = useSyncedField(source.fallback)
  const draft: Draft = { length, rate, review, denyReason, words, fallback }
  const [errors, setErrors] = useState<LimitErrors>({})
  const [status, setStatus] = useState('')
  const label = room.name || room.id
  // What the room has now stays selectable even when the panel cannot set it (code, configuration, an unbound Lambda).
  const current = presetOf(room, emulator.reviewLambdas).kind
  const selectable = SELECTABLE_PRESETS.includes(current) ? SELECTABLE_PRESETS : [...SELECTABLE_PRESETS, current]

  const apply = (event: FormEvent) => {
    event.preventDefault()
    // The live room, not the snapshot, which can be a frame behind.
    const live = emulator.rooms.get(room.arn)
    const reviewChanged = differsInReview(draftOf(live, emulator), draft)
    try {
      updateRoom(emulator, {
        identifier: room.arn,
        // Blank is sent as null so the API's own "must be of type number" reports it.
        maximumMessageLength: parseWholeNumber(draft.length) ?? null,
        maximumMessageRatePerSecond: parseWholeNumber(draft.rate) ?? null,
      })
    } catch (error) {
      if (!(error instanceof IvsChatError)) throw error
      setErrors(Object.fromEntries((error.body.fieldList ?? []).map((f) => [f.name, f.message])))
      setStatus('Not applied: fix the highlighted fields.')
      return
    }
    const preset = presetFromDraft(draft)
    // Only on a change: re-applying "none" would also drop a Lambda ARN set through the API.
    if (preset && reviewChanged) emulator.setReviewHandler(room.arn, reviewFunctionFor(preset), draft.fallback)
    // A handler the panel cannot rebuild keeps its function; only its fallback result changes.
    const uri = live.messageReviewHandler?.uri
    if (!preset && uri && draft.fallback !== live.messageReviewHandler?.fallbackResult) {
      updateRoom(emulator, { identifier: room.arn, messageReviewHandler: { uri, fallbackResult: draft.fallback } })
    }
    setErrors({})
    setStatus(`Applied to ${label}.`)
  }

  return (
    <form className="emu-card" aria-label={`Room ${label}`} noValidate onSubmit={apply}>
      <header className="emu-card-header">
        <strong>{label}</strong>
        <span className="emu-muted">
          {connections} {connections === 1 ? 'connection' : 'connections'}
        </span>
      </header>
      <code className="emu-arn" title={room.arn}>
        {room.arn}
      </code>
      <div className="emu-grid">
        <NumberField
          label="Maximum message length"
          value={draft.length}
          onChange={setLength}
          min={MAXIMUM_MESSAGE_LENGTH.min}
          max={MAXIMUM_MESSAGE_LENGTH.max}
          hint={`Code points per message, ${MAXIMUM_MESSAGE_LENGTH.min}–${MAXIMUM_MESSAGE_LENGTH.max}; longer sends get ERROR 400.`}
          error={errors.maximumMessageLength}
        />
        <NumberField
          label="Maximum messages per second"
          value={draft.rate}
          onChange={setRate}
          min={MAXIMUM_MESSAGE_RATE_PER_SECOND.min}
          max={MAXIMUM_MESSAGE_RATE_PER_SECOND.max}
          hint={`All senders together, ${MAXIMUM_MESSAGE_RATE_PER_SECOND.min}–${MAXIMUM_MESSAGE_RATE_PER_SECOND.max}; more get ERROR 429.`}
          error={errors.maximumMessageRatePerSecond}
        />
      </div>
      <SelectField
        label="Review handler"
        value={draft.review}
        options={selectable.map((kind) => ({ value: kind, label: REVIEW_PRESET_LABELS[kind] }))}
        onChange={setReview}
        hint={`Stands in for the room's Lambda${room.messageReviewHandler?.uri ? ` (${room.messageReviewHandler.uri})` : ''}: it sees every message before delivery; a denial is ERROR 406.`}
      />
      {draft.review === 'deny' && (
        <TextField
          label="Deny reason"
          value={draft.denyReason}
          onChange={setDenyReason}
          hint="Sent to the sender in the ERROR 406 message."
        />
      )}
      {draft.review === 'rewrite' && (
        <TextField
          label="Words to mask"
          value={draft.words}
          placeholder="darn, heck"
          onChange={setWords}
          hint="Comma-separated; each is replaced by asterisks in delivered messages."
        />
      )}
      {draft.review !== 'none' && (
        <SelectField
          label="Fallback result"
          value={draft.fallback}
          options={[
            { value: 'ALLOW', label: 'ALLOW (deliver when the handler fails)' },
            { value: 'DENY', label: 'DENY (reject when the handler fails)' },
          ]}
          onChange={setFallback}
          hint={`Applies when the handler throws, answers badly or takes longer than the review timeout (${reviewTimeoutMs} ms).`}
        />
      )}
      <ApplyBar label="Apply to room" status={status} />
    </form>
  )
}

function draftOf(room: RoomRecord, emulator: Emulator): Draft {
  const preset = presetOf(room, emulator.reviewLambdas)
  return {
    length: String(room.maximumMessageLength),
    rate: String(room.maximumMessageRatePerSecond),
    review: preset.kind,
    denyReason: preset.kind === 'deny' ? preset.reason : DEFAULT_DENY_REASON,
    words: preset.kind === 'rewrite' ? preset.words.join(', ') : '',
    fallback: room.messageReviewHandler?.fallbackResult ?? 'ALLOW',
  }
}

function differsInReview(before: Draft, after: Draft): boolean {
  return (
    before.review !== after.review ||
    before.fallback !== after.fallback ||
    (after.review === 'deny' && before.denyReason !== after.denyReason) ||
    (after.review === 'rewrite' && before.words !== after.words)
  )
}

/** The preset to set, or `undefined` to leave a handler set from code as it is. */
function presetFromDraft(draft: Draft): ReviewPreset | undefined {
  switch (draft.review) {
    case 'custom':
    case 'lambda':
    case 'unreachable':
      return undefined
    case 'deny':
      return { kind: 'deny', reason: draft.denyReason }
    case 'rewrite':
      return { kind: 'rewrite', words: parseWordList(draft.words) }
    default:
      return { kind: draft.review }
  }
}
