import type { SignalKind } from '../signals/signal.js';

/**
 * Changes to signal_df (articles per signal) gathered over an index run, net per signal: an
 * edited article takes its old signals out and puts its new ones in, and most are the same
 * signals, which then cost no write at all. The article store fills it (FrequencyOptions.pending)
 * and applies it once, at the end of the run.
 */
export class FrequencyChanges {
  private readonly byKind = new Map<SignalKind, Map<string, number>>();

  add(kind: SignalKind, key: string, delta: number): void {
    let keys = this.byKind.get(kind);
    if (!keys) this.byKind.set(kind, (keys = new Map()));
    keys.set(key, (keys.get(key) ?? 0) + delta);
  }

  /** Every signal whose count changed, with the change (never 0). */
  *changes(): IterableIterator<{ kind: SignalKind; key: string; delta: number }> {
    for (const [kind, keys] of this.byKind) {
      for (const [key, delta] of keys) if (delta !== 0) yield { kind, key, delta };
    }
  }

  clear(): void {
    this.byKind.clear();
  }
}
