// ranges: the Murmur3 token ring cut into equal ranges, each read back on its own and holding its own
// share of the expected rows. A range is (lo, hi]: the first starts at the ring's minimum, which Murmur3
// never gives a key (Cassandra maps it to the maximum), the last ends at the maximum. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

const MIN = -(BigInt(1) << BigInt(63));
const MAX = (BigInt(1) << BigInt(63)) - BigInt(1);
const SPAN = BigInt(1) << BigInt(64);

export interface TokenRange {
  /** Exclusive lower bound, as a decimal string (a CQL bigint). */
  lo: string;
  /** Inclusive upper bound. */
  hi: string;
}

/** The upper bound of range `i` of `count`. */
function upper(i: number, count: number): bigint {
  return i === count - 1 ? MAX : MIN + (SPAN * BigInt(i + 1)) / BigInt(count);
}

/** The ring in `count` ranges of (nearly) equal width, in token order. */
export function tokenRanges(count: number): TokenRange[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`token ranges: ${count} is not a positive whole number`);
  return Array.from({ length: count }, (_, i) => ({
    lo: (i === 0 ? MIN : upper(i - 1, count)).toString(),
    hi: upper(i, count).toString(),
  }));
}

/** The index of the range of `count` that holds `token`. */
export function rangeOf(token: bigint, count: number): number {
  // The smallest i with token <= upper(i): upper(i) = MIN + SPAN(i+1)/count, so i = ceil((token-MIN)·count/SPAN) - 1.
  const scaled = (token - MIN) * BigInt(count);
  const i = Number(scaled / SPAN) - (scaled % SPAN === BigInt(0) ? 1 : 0);
  const at = Math.min(Math.max(i, 0), count - 1);
  // Integer division in upper() rounds down: step to the neighbour when the token sits on the edge.
  if (at > 0 && token <= upper(at - 1, count)) return at - 1;
  if (at < count - 1 && token > upper(at, count)) return at + 1;
  return at;
}
