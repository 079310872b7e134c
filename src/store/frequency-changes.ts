import type { SignalKind } from '../signals/signal.js';

/**
 * Changes to signal_df (articles per signal), term_df (articles per term) and term_postings
 * (which articles have each common term) gathered over an index run, net per signal and term:
 * an edited article takes its old signals and terms out and puts its new ones in, and most are
 * the same, which then cost no write at all. The article store fills it
 * (FrequencyOptions.pending) and applies it once, at the end of the run.
 */
export class FrequencyChanges {
  private readonly byKind = new Map<SignalKind, Map<string, number>>();
  private readonly terms = new Map<string, number>();
  /** Per term with postings: each key in or out, as key * 2 + 1 (in) or key * 2 (out), in order. */
  private readonly postings = new Map<string, number[]>();

  add(kind: SignalKind, key: string, delta: number): void {
    let keys = this.byKind.get(kind);
    if (!keys) this.byKind.set(kind, (keys = new Map()));
    keys.set(key, (keys.get(key) ?? 0) + delta);
  }

  addTerm(term: string, delta: number): void {
    this.terms.set(term, (this.terms.get(term) ?? 0) + delta);
  }

  /** An article going into (delta 1) or out of (-1) a term's postings; recorded for the terms that keep them (term_postings). */
  addPosting(term: string, key: number, delta: 1 | -1): void {
    let moves = this.postings.get(term);
    if (!moves) this.postings.set(term, (moves = []));
    moves.push(key * 2 + (delta > 0 ? 1 : 0));
  }

  /** Per term, every key whose membership changed over the run (net: out and back in is no change). */
  *postingChanges(): IterableIterator<{ term: string; keys: Array<{ key: number; on: boolean }> }> {
    for (const [term, moves] of this.postings) {
      const net = new Map<number, number>();
      for (const m of moves) {
        const key = Math.floor(m / 2);
        net.set(key, (net.get(key) ?? 0) + (m % 2 === 1 ? 1 : -1));
      }
      const keys = [...net].filter(([, n]) => n !== 0).map(([key, n]) => ({ key, on: n > 0 }));
      if (keys.length) yield { term, keys };
    }
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
    this.postings.clear();
  }
}
