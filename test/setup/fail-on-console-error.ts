import { afterEach, beforeEach, vi } from 'vitest'

/**
 * An unexpected `console.error` fails the test that printed it: it is how React, MSW and the
 * chat SDK report what went wrong. A test that expects one says so with
 * `allowConsoleError()` before it happens.
 */
let allowed = false
let errors: unknown[][] = []

export function allowConsoleError(): void {
  allowed = true
}

beforeEach(() => {
  allowed = false
  errors = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args)
  })
})

afterEach(() => {
  const printed = errors
  errors = []
  if (!allowed && printed.length > 0) {
    const text = printed.map((args) => args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')).join('\n')
    throw new Error(`console.error was called during this test:\n${text}`)
  }
})
