/** What kind of evidence a signal is. Weights per kind live in the matcher, not here. */
export type SignalKind = 'exception' | 'code' | 'http' | 'frame' | 'logger' | 'message';

export interface Signal {
  kind: SignalKind;
  /** Normalized comparison key (lower-case, variable parts masked). */
  key: string;
  /** As it appeared, for showing a person what matched. */
  text: string;
}

/** One name for a signal's kind and key together: the same signal in a query, an article or the index. */
export function signalId(kind: SignalKind, key: string): string {
  return `${kind}\u0000${key}`;
}

/** Signals grouped by kind, as `kb ask --json` prints them. */
export interface SignalSummary {
  exceptions: string[];
  codes: string[];
  http: string[];
  frames: string[];
  loggers: string[];
  messages: string[];
}

export function summarizeSignals(signals: readonly Signal[]): SignalSummary {
  const pick = (kind: SignalKind) => signals.filter((s) => s.kind === kind).map((s) => s.text);
  return {
    exceptions: pick('exception'),
    codes: pick('code'),
    http: pick('http'),
    frames: pick('frame'),
    loggers: pick('logger'),
    messages: pick('message'),
  };
}
