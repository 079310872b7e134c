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
  const l2 = options.l2 ?? 0.01;
  const steps = options.steps ?? 4000;
  const rate = options.rate ?? 0.5;
  const k = CONFIDENCE_FEATURES.length;
  const w = new Array<number>(k).fill(0);
  let b = 0;
  const xs = rows.map((r) => CONFIDENCE_FEATURES.map((f) => r.x[f]));
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
  const weights = Object.fromEntries(CONFIDENCE_FEATURES.map((f, j) => [f, round(w[j]!)])) as Calibration['weights'];
  return { weights, bias: round(b) };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
