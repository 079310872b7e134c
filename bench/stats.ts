/** Small statistics for the benchmark: percentiles, medians, growth exponents. */

/** The p-th percentile (0-100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * How cost grows with size between two points: cost ∝ size^k. k = 1 is linear, k < 1
 * sub-linear, k > 1 worse than linear.
 */
export function growthExponent(size1: number, cost1: number, size2: number, cost2: number): number {
  if (!(cost1 > 0 && cost2 > 0 && size2 !== size1)) return Number.NaN;
  return Math.log(cost2 / cost1) / Math.log(size2 / size1);
}

/** Rounds for printing and JSON: 3 significant digits, whole numbers above 100. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (Math.abs(x) >= 100) return Math.round(x);
  return Number(x.toPrecision(3));
}
