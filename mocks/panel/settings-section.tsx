import { useId, useState, type FormEvent } from 'react'
import type { Emulator } from '../emulator/emulator.ts'
import type { EmulatorSettings } from '../emulator/settings.ts'
import { ApplyBar, NumberField, PanelSection, parseWholeNumber, rangeError, SelectField } from './fields.tsx'
import { formatClockTime, formatDuration } from './format.ts'
import type { EmulatorSnapshot } from './use-emulator-snapshot.ts'
import { useSyncedField } from './use-synced-field.ts'

const LIMITS = {
  latencyMs: { min: 0, max: 10_000 },
  tokenLifetimeMinutes: { min: 1, max: 24 * 60 },
  reviewTimeoutMs: { min: 1, max: 10_000 },
  advanceMinutes: { min: 1, max: 24 * 60 },
} as const

interface Draft {
  latencyMs: string
  tokenLifetimeMinutes: string
  sessionEnd: EmulatorSettings['sessionEnd']
  reviewTimeoutMs: string
}

type DraftErrors = Partial<Record<keyof Draft, string>>

/** The emulator's knobs, its clock, and the way back to a fresh emulator. */
export function SettingsSection({ emulator, snapshot }: { emulator: Emulator; snapshot: EmulatorSnapshot }) {
  return (
    <PanelSection title="Settings and time">
      <SettingsForm emulator={emulator} settings={snapshot.settings} />
      <TimeControls emulator={emulator} snapshot={snapshot} />
    </PanelSection>
  )
}

function SettingsForm({ emulator, settings }: { emulator: Emulator; settings: EmulatorSettings }) {
  const source = draftOf(settings)
  const [latencyMs, setLatencyMs] = useSyncedField(source.latencyMs)
  const [tokenLifetimeMinutes, setTokenLifetimeMinutes] = useSyncedField(source.tokenLifetimeMinutes)
  const [sessionEnd, setSessionEnd] = useSyncedField(source.sessionEnd)
  const [reviewTimeoutMs, setReviewTimeoutMs] = useSyncedField(source.reviewTimeoutMs)
  const draft: Draft = { latencyMs, tokenLifetimeMinutes, sessionEnd, reviewTimeoutMs }
  const [errors, setErrors] = useState<DraftErrors>({})
  const [status, setStatus] = useState('')

  const apply = (event: FormEvent) => {
    event.preventDefault()
    const found: DraftErrors = {
      latencyMs: rangeError(draft.latencyMs, LIMITS.latencyMs.min, LIMITS.latencyMs.max, 'ms'),
      tokenLifetimeMinutes: rangeError(draft.tokenLifetimeMinutes, LIMITS.tokenLifetimeMinutes.min, LIMITS.tokenLifetimeMinutes.max, 'minutes'),
      reviewTimeoutMs: rangeError(draft.reviewTimeoutMs, LIMITS.reviewTimeoutMs.min, LIMITS.reviewTimeoutMs.max, 'ms'),
    }
    setErrors(found)
    if (Object.values(found).some(Boolean)) {
      setStatus('Not applied: fix the highlighted fields.')
      return
    }
    emulator.configure({
      latencyMs: parseWholeNumber(draft.latencyMs)!,
      tokenLifetimeMs: parseWholeNumber(draft.tokenLifetimeMinutes)! * 60_000,
      sessionEnd: draft.sessionEnd,
      reviewTimeoutMs: parseWholeNumber(draft.reviewTimeoutMs)!,
    })
    setStatus('Settings applied.')
  }

  return (
    <form className="emu-card" aria-label="Emulator settings" noValidate onSubmit={apply}>
      <div className="emu-grid">
        <NumberField
          label="Latency (ms)"
          value={draft.latencyMs}
          onChange={setLatencyMs}
          min={LIMITS.latencyMs.min}
          max={LIMITS.latencyMs.max}
          step={50}
          hint="Delay before every REST answer and every frame the emulator sends."
          error={errors.latencyMs}
        />
        <NumberField
          label="Token lifetime (minutes)"
          value={draft.tokenLifetimeMinutes}
          onChange={setTokenLifetimeMinutes}
          min={LIMITS.tokenLifetimeMinutes.min}
          max={LIMITS.tokenLifetimeMinutes.max}
          hint="How long a new token can be used to connect (AWS: about 60)."
          error={errors.tokenLifetimeMinutes}
        />
        <NumberField
          label="Review timeout (ms)"
          value={draft.reviewTimeoutMs}
          onChange={setReviewTimeoutMs}
          min={LIMITS.reviewTimeoutMs.min}
          max={LIMITS.reviewTimeoutMs.max}
          hint="A review handler slower than this gets the room's fallback result (AWS: 200)."
          error={errors.reviewTimeoutMs}
        />
      </div>
      <SelectField
        label="Session end"
        value={draft.sessionEnd}
        options={[
          { value: 'error-then-close', label: 'ERROR 401, then close (the SDK renews)' },
          { value: 'close', label: 'Close only (the SDK stays disconnected)' },
        ]}
        onChange={setSessionEnd}
        hint="What a client sees when its session expires or you end it."
      />
      <ApplyBar label="Apply settings" status={status} />
    </form>
  )
}

function TimeControls({ emulator, snapshot }: { emulator: Emulator; snapshot: EmulatorSnapshot }) {
  const [minutes, setMinutes] = useState('1')
  const minutesError = rangeError(minutes, LIMITS.advanceMinutes.min, LIMITS.advanceMinutes.max, 'minutes')
  const ahead = snapshot.clockOffset
  const resetHintId = useId()
  return (
    <div className="emu-card">
      <p className="emu-clock">
        Emulator time <strong>{formatClockTime(snapshot.now)}</strong>
        {ahead > 0 ? <span className="emu-chip">{formatDuration(ahead)} ahead</span> : <span className="emu-muted"> (real time)</span>}
      </p>
      <NumberField
        label="Minutes to advance"
        value={minutes}
        onChange={setMinutes}
        min={LIMITS.advanceMinutes.min}
        max={LIMITS.advanceMinutes.max}
        hint="Tokens and sessions expire as if that time had passed; the page's own clock is untouched."
        error={minutesError}
        narrow
      />
      <div className="emu-actions">
        <button
          type="button"
          className="emu-button"
          disabled={minutesError !== undefined}
          onClick={() => emulator.advanceTime(parseWholeNumber(minutes)! * 60_000)}
        >
          Advance time
        </button>
        <button
          type="button"
          className="emu-button emu-danger"
          aria-describedby={resetHintId}
          onClick={() => emulator.reset()}
        >
          Reset emulator
        </button>
      </div>
      <p id={resetHintId} className="emu-hint">
        Reset: back to the seeded room only; ends every session and forgets tokens, faults, settings and time shift.
      </p>
    </div>
  )
}

function draftOf(settings: EmulatorSettings): Draft {
  return {
    latencyMs: String(settings.latencyMs),
    tokenLifetimeMinutes: String(Math.round(settings.tokenLifetimeMs / 60_000)),
    sessionEnd: settings.sessionEnd,
    reviewTimeoutMs: String(settings.reviewTimeoutMs),
  }
}

