import { type Calibration, CONFIDENCE_FEATURES, type ConfidenceInput } from '../match/confidence.js';

export interface TrainingRow {
  x: ConfidenceInput;
  /** 1 when the candidate is the right answer, 0 when answering with it would be wrong. */
  y: 0 | 1;
}

/**
 * Fits the confidence model: L2-regularized logistic regression by batch gradient descent.
 * Few features and a strong prior keep it from memorizing the labelled set.
 */
export function fitLogistic(rows: readonly TrainingRow[], options: { l2?: number; steps?: number; rate?: number } = {}): Omit<Calibration, 'threshold'> {
  const l2 = options.l2 ?? 0.003;
  const steps = options.steps ?? 3000;
  const rate = options.rate ?? 0.5;
  const k = CONFIDENCE_FEATURES.length;
  const w = new Array<number>(k).fill(0);
  let b = 0;
  // Fit on standardized features (so one step size suits all), then fold the scaling back in.
  const raw = rows.map((r) => CONFIDENCE_FEATURES.map((f) => r.x[f]));
  const mean = CONFIDENCE_FEATURES.map((_, j) => raw.reduce((s, x) => s + x[j]!, 0) / Math.max(1, raw.length));
  const sd = CONFIDENCE_FEATURES.map((_, j) => Math.sqrt(raw.reduce((s, x) => s + (x[j]! - mean[j]!) ** 2, 0) / Math.max(1, raw.length)) || 1);
  const xs = raw.map((x) => x.map((v, j) => (v - mean[j]!) / sd[j]!));
  for (let step = 0; step < steps; step += 1) {
    const gw = new Array<number>(k).fill(0);
    let gb = 0;
    xs.forEach((x, i) => {
      const z = b + x.reduce((s, v, j) => s + v * w[j]!, 0);
      const err = 1 / (1 + Math.exp(-z)) - rows[i]!.y;
      for (let j = 0; j < k; j += 1) gw[j]! += err * x[j]!;
      gb += err;
    });
    for (let j = 0; j < k; j += 1) w[j]! -= rate * (gw[j]! / xs.length + l2 * w[j]!);
    b -= rate * (gb / xs.length);
  }
  const weights = Object.fromEntries(CONFIDENCE_FEATURES.map((f, j) => [f, round(w[j]! / sd[j]!)])) as Calibration['weights'];
  const bias = b - CONFIDENCE_FEATURES.reduce((s, _, j) => s + (w[j]! * mean[j]!) / sd[j]!, 0);
  return { weights, bias: round(bias) };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
