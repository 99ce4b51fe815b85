import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { spread, type Spread } from './stats'

/** What a target bounds: the figure itself, or its ratio to the baseline measured in the same run. */
export interface Target {
  of: 'value' | 'ratio'
  op: '<=' | '>=' | '='
  limit: number
}

export interface FigureInput {
  name: string
  unit: string
  /** One value per repetition. */
  runs: readonly number[]
  baseline?: { name: string; runs: readonly number[] }
  target?: Target
  /**
   * A condition the figure must also satisfy to count as met (say, "the last message is
   * painted" next to a count), with what to print when it does not.
   */
  also?: { ok: boolean; failure: string }
  note?: string
}

export interface Figure {
  name: string
  unit: string
  value: Spread
  baseline: { name: string; value: Spread } | undefined
  /** median / baseline median; undefined without a baseline or when it is 0. */
  ratio: number | undefined
  target: Target | undefined
  /** Undefined for a figure reported for information only. */
  met: boolean | undefined
  note: string | undefined
}

export function figure(input: FigureInput): Figure {
  const value = spread(input.runs)
  const baseline = input.baseline ? { name: input.baseline.name, value: spread(input.baseline.runs) } : undefined
  const ratio = baseline && baseline.value.median !== 0 ? value.median / baseline.value.median : undefined
  let met: boolean | undefined
  if (input.target) {
    const subject = input.target.of === 'ratio' ? ratio : value.median
    met = subject !== undefined && compare(subject, input.target) && (input.also?.ok ?? true)
  }
  const remarks = [input.note, input.also && !input.also.ok ? input.also.failure : undefined].filter(Boolean)
  return { name: input.name, unit: input.unit, value, baseline, ratio, target: input.target, met, note: remarks.length > 0 ? remarks.join('; ') : undefined }
}

function compare(subject: number, { op, limit }: Target): boolean {
  if (Number.isNaN(subject)) return false
  if (op === '<=') return subject <= limit
  if (op === '>=') return subject >= limit
  return subject === limit
}

/** The same target made `factor` times looser (the CI smoke check uses 2). */
export function loosen(target: Target, factor: number): Target {
  if (target.op === '<=') return { ...target, limit: target.limit * factor }
  if (target.op === '>=') return { ...target, limit: target.limit / factor }
  return target
}

export function describeTarget(target: Target | undefined, unit: string): string {
  if (!target) return '—'
  const op = { '<=': '≤', '>=': '≥', '=': '=' }[target.op]
  return target.of === 'ratio' ? `${op} ${format(target.limit)}×` : `${op} ${format(target.limit)} ${unit}`
}

/** Three significant digits or so: enough for figures that move ±30% from run to run. */
export function format(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—'
  const magnitude = Math.abs(value)
  if (magnitude === 0 || Number.isInteger(value)) return value.toLocaleString('en-US')
  if (magnitude < 10) return value.toFixed(2)
  if (magnitude < 100) return value.toFixed(1)
  return Math.round(value).toLocaleString('en-US')
}

/** Ratios get three decimals below 10: a target of 1.8× must not read as met at 1.803×. */
function formatRatio(ratio: number): string {
  return Math.abs(ratio) < 10 ? ratio.toFixed(3) : format(ratio)
}

/** The results as a Markdown table: readable in a terminal and pasted as is into the README. */
export function table(figures: readonly Figure[]): string {
  const header = ['figure', 'median', 'min – max', 'unit', 'baseline (median)', 'ratio', 'target', 'met']
  const rows = figures.map((f) => [
    f.name,
    format(f.value.median),
    `${format(f.value.min)} – ${format(f.value.max)}`,
    f.unit,
    f.baseline ? `${f.baseline.name}: ${format(f.baseline.value.median)}` : '—',
    f.ratio === undefined ? '—' : `${formatRatio(f.ratio)}×`,
    describeTarget(f.target, f.unit),
    f.met === undefined ? 'info' : f.met ? 'yes' : '**MISS**',
  ])
  return [tableRow(header), tableRow(header.map(() => '---')), ...rows.map(tableRow)].join('\n')
}

function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`
}

/** Notes under the table: what a figure's number means where the name cannot say it all. */
export function notes(figures: readonly Figure[]): string {
  return figures
    .filter((f) => f.note)
    .map((f) => `- ${f.name}: ${f.note}`)
    .join('\n')
}

export interface RunInfo {
  date: string
  command: string
  machine: string
  chromium: string | undefined
  node: string
  durationSeconds: number
  /** The machine's 1-minute load average before and after: other work on it makes figures noisy. */
  loadAverage: { before: number; after: number }
}

/** The JSON results file: one entry per figure, with what the table shows and every run. */
export async function writeResults(path: string, info: RunInfo, figures: readonly Figure[]): Promise<void> {
  const entries = figures.map((f) => ({
    name: f.name,
    value: f.value.median,
    unit: f.unit,
    min: f.value.min,
    max: f.value.max,
    runs: f.value.runs,
    baselineName: f.baseline?.name ?? null,
    baselineValue: f.baseline?.value.median ?? null,
    baselineRuns: f.baseline?.value.runs ?? null,
    ratio: f.ratio ?? null,
    target: f.target ? { ...f.target, text: describeTarget(f.target, f.unit) } : null,
    met: f.met ?? null,
    note: f.note ?? null,
  }))
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify({ ...info, figures: entries }, null, 2)}\n`)
}
