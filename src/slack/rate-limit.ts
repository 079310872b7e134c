/**
 * Fixed-window rate limits per key (a user, a channel). `take` says whether a query may go
 * ahead and, when not, whether this is the first refusal of the window (answered with a
 * notice once; later ones are dropped silently so the notice itself cannot flood).
 */
export function createRateLimiter(limitPerMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number; noticed: boolean }>();
  return {
    take(key: string): { allowed: boolean; notify: boolean } {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= 60_000) {
        w = { start: t, count: 0, noticed: false };
        windows.set(key, w);
        if (windows.size > 50_000) for (const [k, v] of windows) if (t - v.start >= 60_000) windows.delete(k);
      }
      w.count += 1;
      if (w.count <= limitPerMinute) return { allowed: true, notify: false };
      const notify = !w.noticed;
      w.noticed = true;
      return { allowed: false, notify };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
