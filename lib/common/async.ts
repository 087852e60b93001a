// async: waiting and rate-limiting, the small timing helpers every layer shares.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `fn` at most once per `ms` (the first call at once, then the latest value when the interval has
 * passed): progress lines redrawn on every row would flood a display.
 */
export function throttle<T>(fn: (value: T) => void, ms = 200, now: () => number = Date.now): (value: T) => void {
  let last = -Infinity;
  return (value: T) => {
    const t = now();
    if (t - last >= ms) {
      last = t;
      fn(value);
    }
  };
}
