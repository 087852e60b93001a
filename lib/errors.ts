// errors: every error kind the project raises, and how a driver error is flattened into one line.
// Each message names what a person can act on: the file and line, the node and how long it was waited
// for, what landed before a load stopped, the log lines of a local node that would not start.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { LoadResult } from './load/progress';
import { formatSeconds } from './show/format';

/** An error tied to a place in a file: the message always names the file, and the line when known. */
export class CsvFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(line === undefined ? `${file}: ${problem}` : `${file}, line ${line}: ${problem}`);
    this.name = 'CsvFileError';
  }
}

/**
 * A daily file the merge leaves out rather than fail on (not a regular file any more, compressed or binary
 * data, a corrupt gzip file): `reason` goes into the merge report's list of entries left out.
 */
export class EventFileLeftOut extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: left out, ${reason}`);
    this.name = 'EventFileLeftOut';
  }
}

/** A node that did not answer in time: the message names where and how long, nothing else. */
export class CassandraUnavailableError extends Error {
  constructor(
    readonly target: string,
    readonly waitedMs: number,
    readonly lastProblem: string,
  ) {
    super(
      `No Cassandra node answered at ${target} after waiting ${formatSeconds(waitedMs)} (${lastProblem}). ` +
        'Start a local node with `npm run cassandra -- start`, or point CASSANDRA_CONTACT_POINTS / CASSANDRA_PORT at a running one.',
    );
    this.name = 'CassandraUnavailableError';
  }
}

/** A node that refused the connection for a reason waiting will not fix (credentials or TLS). */
export class CassandraConnectionError extends Error {
  constructor(
    message: string,
    readonly target: string,
    readonly kind: 'authentication' | 'tls',
  ) {
    super(message);
    this.name = 'CassandraConnectionError';
  }
}

/** The load stopped because no node accepted a write for too long. Carries what landed and where to resume. */
export class LoadInterruptedError extends Error {
  constructor(
    message: string,
    /** What this call did before it stopped. */
    readonly result: LoadResult,
    /** Every play below this line is in every table. */
    readonly resumeFromLine: number,
    readonly checkpointFile: string | undefined,
  ) {
    super(message);
    this.name = 'LoadInterruptedError';
  }
}

/**
 * Errors about a node carry a one-paragraph `summary` and, separately, the last lines of that node's logs;
 * `message` is both (summary, newline, log excerpt).
 */
export class LocalCassandraError extends Error {
  readonly summary: string;
  readonly logTail?: string;
  constructor(summary: string, logTail?: string) {
    super(logTail ? `${summary}\n${logTail}` : summary);
    this.name = 'LocalCassandraError';
    this.summary = summary;
    this.logTail = logTail;
  }
}

/** An error whose message is the one paragraph shown to the user (no stack). */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Driver errors: a NoHostAvailableError wraps one error per host, a socket error wraps its cause.

/** The error and the errors it wraps (per host, and a socket error's cause). */
export function errorsIn(err: unknown): { name?: string; message?: string; code?: string }[] {
  const e = err as { innerErrors?: Record<string, unknown>; innerError?: unknown };
  const out: { name?: string; message?: string; code?: string }[] = [];
  const visit = (x: unknown, depth: number) => {
    if (!x || depth > 3) return;
    out.push(x as { name?: string; message?: string; code?: string });
    const y = x as { innerErrors?: Record<string, unknown>; innerError?: unknown };
    for (const i of Object.values(y.innerErrors ?? {})) visit(i, depth + 1);
    if (y.innerError) visit(y.innerError, depth + 1);
  };
  visit(e, 0);
  return out;
}

/** One line for an error: its message, and for "all hosts tried" errors what each host said. */
export function describeLoadError(err: unknown): string {
  let text = String((err as { message?: string } | undefined)?.message ?? err).split('\n')[0];
  const inner = hostProblems(err).map(({ host, message }) => `${host}: ${message.split('\n')[0]}`);
  if (inner.length) {
    const more = inner.length > 3 ? `; … (${inner.length} hosts)` : '';
    text = `${text.replace(/\. First host tried.*$/, '').replace(/\.$/, '')}: ${inner.slice(0, 3).join('; ')}${more}`;
  } else if ((err as { name?: string })?.name === 'NoHostAvailableError') {
    text += ' (every node the driver knows is down or unreachable)';
  }
  return text;
}

/**
 * What each host said in an "all hosts tried" error (empty for any other error); with `withCause`, a
 * socket error's own cause too — "Socket was closed" says little, the TLS alert under it says why.
 */
export function hostProblems(err: unknown, withCause = false): { host: string; message: string }[] {
  const inner = (err as { innerErrors?: Record<string, unknown> } | undefined)?.innerErrors ?? {};
  return Object.entries(inner).map(([host, ie]) => {
    const e = ie as { message?: string; innerError?: { message?: string } } | undefined;
    const own = e?.message ?? String(ie);
    return { host, message: withCause && e?.innerError?.message ? `${own} (${e.innerError.message})` : own };
  });
}
