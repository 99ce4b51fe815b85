import type { ReviewFunction, ReviewResponse } from '../emulator/review.ts'
import type { RoomRecord } from '../emulator/room-store.ts'

/** The review handlers the panel can put on a room, standing in for typical Lambdas. */
export type ReviewPreset =
  | { kind: 'none' }
  | { kind: 'allow' }
  | { kind: 'deny'; reason: string }
  | { kind: 'rewrite'; words: string[] }
  | { kind: 'slow' }
  | { kind: 'failing' }
  /** A function set from code (a test, the console): the panel shows it but cannot rebuild it. */
  | { kind: 'custom' }
  /** The room names a Lambda bound to a stand-in by configuration (the server's `--review-handler`). */
  | { kind: 'lambda' }
  /** The room names a Lambda that nothing stands for: as on AWS, its fallback result applies. */
  | { kind: 'unreachable' }

export type ReviewPresetKind = ReviewPreset['kind']

export const REVIEW_PRESET_LABELS: Record<ReviewPresetKind, string> = {
  none: 'None (every message delivered)',
  allow: 'Allow all',
  deny: 'Deny all, with a reason',
  rewrite: 'Rewrite: mask a word list',
  slow: 'Slow: never answers in time',
  failing: 'Failing: throws',
  custom: 'Custom (set from code)',
  lambda: 'Lambda bound by configuration',
  unreachable: 'Lambda not reachable: the fallback result applies',
}

export const DEFAULT_DENY_REASON = 'Denied by the emulator panel'
export const FAILING_REVIEW_MESSAGE = 'The review handler failed (injected by the emulator panel)'

/** Which preset built each function, so the panel shows a room's handler after a re-render. */
const presetOfFunction = new WeakMap<ReviewFunction, ReviewPreset>()

/** The function for `preset`; `undefined` for none (and for custom, which only code can set). */
export function reviewFunctionFor(preset: ReviewPreset): ReviewFunction | undefined {
  const review = build(preset)
  if (review) presetOfFunction.set(review, preset)
  return review
}

/** What reviews the room's messages, as far as the panel can tell. */
export function presetOf(room: RoomRecord, lambdas: { get(lambdaArn: string): ReviewFunction | undefined }): ReviewPreset {
  if (room.review) return presetOfFunction.get(room.review) ?? { kind: 'custom' }
  const uri = room.messageReviewHandler?.uri
  if (!uri) return { kind: 'none' }
  return lambdas.get(uri) ? { kind: 'lambda' } : { kind: 'unreachable' }
}

/** Replaces every occurrence of each word (any case) with one `*` per character. */
export function maskWords(content: string, words: readonly string[]): string {
  const wanted = words.map((w) => w.trim()).filter((w) => w.length > 0)
  if (wanted.length === 0) return content
  // Longest first, so "badword" is masked whole even when "bad" is on the list too.
  const pattern = new RegExp(wanted.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'giu')
  return content.replace(pattern, (match) => '*'.repeat([...match].length))
}

/** A comma- or newline-separated word list as typed into the panel. */
export function parseWordList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
}

function build(preset: ReviewPreset): ReviewFunction | undefined {
  switch (preset.kind) {
    case 'none':
    case 'custom':
    case 'lambda':
    case 'unreachable':
      return undefined
    case 'allow':
      return () => ({ ReviewResult: 'ALLOW' })
    case 'deny': {
      const reason = preset.reason.trim() || DEFAULT_DENY_REASON
      return () => ({ ReviewResult: 'DENY', Attributes: { Reason: reason } })
    }
    case 'rewrite': {
      const words = [...preset.words]
      return (request) => ({ ReviewResult: 'ALLOW', Content: maskWords(request.Content, words) })
    }
    case 'slow':
      // Never settles: the room's timeout decides, as with a Lambda that hangs. No timer is left behind.
      return () => new Promise<ReviewResponse>(() => {})
    case 'failing':
      return () => {
        throw new Error(FAILING_REVIEW_MESSAGE)
      }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
