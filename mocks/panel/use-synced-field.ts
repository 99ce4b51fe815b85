import { useState } from 'react'

/**
 * A form field's text that follows its source value (the emulator's, through the throttled
 * snapshot) only when that value itself changes: a change elsewhere (reset, a test, code)
 * shows up, while what the user is typing survives a late snapshot of an unrelated change.
 */
export function useSyncedField<Value extends string>(source: Value): [Value, (value: Value) => void] {
  const [value, setValue] = useState(source)
  const [seen, setSeen] = useState(source)
  if (seen !== source) {
    setSeen(source)
    setValue(source)
  }
  return [value, setValue]
}
