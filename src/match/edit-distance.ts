/**
 * Edits between two words: insertions, deletions, substitutions and swaps of two neighbouring
 * letters, each counting one, no letter edited twice (the optimal string alignment distance).
 * `natural`'s Damerau-Levenshtein, used before, undercounts repeated letters ("aa" to "aaa": 0).
 */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let before = new Int32Array(m + 1);
  let previous = new Int32Array(m + 1);
  let current = new Int32Array(m + 1);
  for (let j = 0; j <= m; j += 1) previous[j] = j;
  for (let i = 1; i <= n; i += 1) {
    current[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j += 1) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[m]!;
}

/**
 * How many letters one word has that the other lacks, counted with repeats, the larger of the
 * two ways round: a lower bound on editDistance (an insertion, deletion or substitution changes
 * each side's count by at most one; a swap changes neither), and much cheaper. Meant for words of
 * a-z; other characters share its 32 counters, which keeps it a lower bound.
 */
export function letterBagDistance(a: string, b: string): number {
  const counts = new Int32Array(32);
  for (let i = 0; i < a.length; i += 1) counts[(a.charCodeAt(i) - 97) & 31]! += 1;
  for (let i = 0; i < b.length; i += 1) counts[(b.charCodeAt(i) - 97) & 31]! -= 1;
  let extraA = 0;
  let extraB = 0;
  for (const c of counts) {
    if (c > 0) extraA += c;
    else extraB -= c;
  }
  return Math.max(extraA, extraB);
}
