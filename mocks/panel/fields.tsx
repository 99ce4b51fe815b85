import { useId, type ReactNode } from 'react'

interface NumberFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  min?: number
  max?: number
  step?: number
  /** What the number does, shown under the field and read as its description. */
  hint?: string
  error?: string | undefined
  /** A short count: a small input that sits in a row with its buttons. */
  narrow?: boolean
}

/**
 * A labelled number input that keeps what was typed as text (so a bad value can be shown
 * with its error rather than silently coerced) and describes itself with its hint and error.
 */
export function NumberField({ label, value, onChange, min, max, step = 1, hint, error, narrow = false }: NumberFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ')
  return (
    <div className={narrow ? 'emu-field emu-field-narrow' : 'emu-field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={value}
        min={min}
        max={max}
        step={step}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <p id={errorId} className="emu-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="emu-hint">
          {hint}
        </p>
      )}
    </div>
  )
}

interface SelectFieldProps<Value extends string> {
  label: string
  value: Value
  options: readonly { value: Value; label: string }[]
  onChange: (value: Value) => void
  hint?: string
}

/** A labelled select over a fixed set of string values. */
export function SelectField<Value extends string>({ label, value, options, onChange, hint }: SelectFieldProps<Value>) {
  const id = useId()
  const hintId = `${id}-hint`
  return (
    <div className="emu-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-describedby={hint ? hintId : undefined}
        onChange={(event) => onChange(options.find((o) => o.value === event.target.value)?.value ?? value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={hintId} className="emu-hint">
          {hint}
        </p>
      )}
    </div>
  )
}

interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  hint?: string
  placeholder?: string
}

export function TextField({ label, value, onChange, hint, placeholder }: TextFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  return (
    <div className="emu-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder}
        aria-describedby={hint ? hintId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <p id={hintId} className="emu-hint">
          {hint}
        </p>
      )}
    </div>
  )
}

/**
 * A panel form's footer: its submit button and, beside it, what the last submit did (an
 * `<output>`, announced politely), so every form says whether its change took.
 */
export function ApplyBar({ label, status }: { label: string; status: ReactNode }) {
  return (
    <div className="emu-actions">
      <button type="submit" className="emu-button emu-primary">
        {label}
      </button>
      <output className="emu-status">{status}</output>
    </div>
  )
}

/** A titled, collapsible part of the panel; its content is a region named by the title. */
export function PanelSection({ title, badge, children }: { title: string; badge?: ReactNode; children: ReactNode }) {
  return (
    <details className="emu-section" open>
      <summary>
        <span className="emu-section-title">{title}</span>
        {badge !== undefined && <span className="emu-count">{badge}</span>}
      </summary>
      <section aria-label={title} className="emu-section-body">
        {children}
      </section>
    </details>
  )
}

/**
 * Parses a whole number typed into a field; `undefined` for blank or not a number, which the
 * caller reports in its own words.
 */
export function parseWholeNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined
  const value = Number(text)
  return Number.isFinite(value) ? value : undefined
}

/** "Enter a whole number from 1 to 500", or undefined if `text` is one. */
export function rangeError(text: string, min: number, max: number, unit = ''): string | undefined {
  const value = parseWholeNumber(text)
  if (value !== undefined && Number.isInteger(value) && value >= min && value <= max) return undefined
  return `Enter a whole number from ${min} to ${max}${unit ? ` ${unit}` : ''}`
}
