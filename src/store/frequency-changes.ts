import type { SignalKind } from '../signals/signal.js';

/**
 * Changes to signal_df (articles per signal) and term_df (articles per term) gathered over an
 * index run, net per signal and term: an edited article takes its old signals and terms out and
 * puts its new ones in, and most are the same, which then cost no write at all. The article
 * store fills it (FrequencyOptions.pending) and applies it once, at the end of the run.
 */
export class FrequencyChanges {
  private readonly byKind = new Map<SignalKind, Map<string, number>>();
  private readonly terms = new Map<string, number>();

  add(kind: SignalKind, key: string, delta: number): void {
    let keys = this.byKind.get(kind);
    if (!keys) this.byKind.set(kind, (keys = new Map()));
    keys.set(key, (keys.get(key) ?? 0) + delta);
  }

  addTerm(term: string, delta: number): void {
    this.terms.set(term, (this.terms.get(term) ?? 0) + delta);
  }

  /** Every term whose count changed, with the change (never 0). */
  *termChanges(): IterableIterator<{ term: string; delta: number }> {
    for (const [term, delta] of this.terms) if (delta !== 0) yield { term, delta };
  }

  /** Every signal whose count changed, with the change (never 0). */
  *changes(): IterableIterator<{ kind: SignalKind; key: string; delta: number }> {
    for (const [kind, keys] of this.byKind) {
      for (const [key, delta] of keys) if (delta !== 0) yield { kind, key, delta };
    }
  }

  clear(): void {
    this.byKind.clear();
    this.terms.clear();
  }
}
