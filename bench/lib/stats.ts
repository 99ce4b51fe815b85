/** Small statistics for benchmark samples; every function copies before sorting. */

/** The `p`-th percentile (0–100) by linear interpolation between closest ranks. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50)
}

/** What a figure reports of its repetitions. */
export interface Spread {
  median: number
  min: number
  max: number
  /** Every repetition's value, in run order. */
  runs: number[]
}

export function spread(runs: readonly number[]): Spread {
  return { median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs: [...runs] }
}
