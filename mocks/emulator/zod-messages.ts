import { z } from 'zod/mini'
import { en } from 'zod/locales'

/**
 * Makes zod word its issues in English, unless the host chose a locale of its own.
 *
 * The contract is on `zod/mini` (docs/decisions/010-zod-mini-for-the-contract.md), which loads
 * no locale: an issue's message is then just "Invalid input". The emulator quotes zod's words in its answers
 * (an ERROR frame's "Invalid SEND_MESSAGE request: Content Invalid input: expected string,
 * received undefined"), so it loads English itself, before it parses, as zod's classic build
 * does on first use. Called where the emulator parses rather than at import, so that no
 * bundler can drop it as an unused side effect, and the app's first render never loads it.
 */
export function ensureEnglishIssueMessages(): void {
  if (!z.config().localeError) z.config(en())
}
