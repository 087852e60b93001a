// retry: which errors are transient and of which kind, the back-off between tries, the retry policy's
// decision (retry, give up, stop the load) and the cluster health the loader keeps: all table-driven,
// with explicit clocks and jitter (no timers, no Math.random).
import { describe, expect, it } from 'vitest';
import { errors } from 'cassandra-driver';
import {
  backoffMs,
  ClusterHealth,
  isTransient,
  retryStep,
  transientKind,
  type RetryState,
} from '../../../lib/load/retry';

const noHost = () => new errors.NoHostAvailableError({});
const response = (code: number, message: string) => new errors.ResponseError(code, message);

describe('transientKind', () => {
  it.each([
    ['no host available', noHost(), 'unavailable'],
    ['Unavailable (0x1000)', response(0x1000, 'Cannot achieve consistency level QUORUM'), 'unavailable'],
    ['is bootstrapping (0x1002)', response(0x1002, 'bootstrapping'), 'unavailable'],
    [
      'socket closed with requests in flight',
      Object.assign(new Error('Socket was closed'), { name: 'DriverError', isSocketError: true }),
      'unavailable',
    ],
    ['Overloaded (0x1001)', response(0x1001, 'overloaded'), 'overloaded'],
    ['busy connections', new errors.BusyConnectionError('127.0.0.1:9042', 2048, 1), 'overloaded'],
    ['WriteTimeout (0x1100)', response(0x1100, 'Operation timed out - received only 1 responses.'), 'timedOut'],
    ['ReadTimeout (0x1200)', response(0x1200, 'read timeout'), 'timedOut'],
    ['client-side timeout', new errors.OperationTimedOutError('timed out', '127.0.0.1:9042'), 'timedOut'],
    ['WriteFailure (0x1500)', response(0x1500, 'received 1 responses and 2 failures'), 'failure'],
    ['server error (0x0000)', response(0x0000, 'java.util.concurrent.RejectedExecutionException'), 'failure'],
    ['Invalid (0x2200)', response(0x2200, 'Expected 4 or 0 byte int'), undefined],
    ['Syntax (0x2000)', response(0x2000, 'line 1:0 no viable alternative'), undefined],
    ['Unauthorized (0x2100)', response(0x2100, 'no MODIFY permission'), undefined],
    ['bad credentials', new errors.AuthenticationError('Provided username and/or password are incorrect'), undefined],
    ['a numeric code on a non-driver error', Object.assign(new Error('x'), { code: 0x1000 }), undefined],
    ['a TypeError', new TypeError('bad value'), undefined],
    ['undefined', undefined, undefined],
  ])('%s → %s', (_what, err, kind) => {
    expect(transientKind(err)).toBe(kind);
    expect(isTransient(err)).toBe(kind !== undefined);
  });
});

describe('backoffMs', () => {
  it.each([
    [1, 2000, 0.5, 100],
    [2, 2000, 0.5, 200],
    [5, 2000, 0.5, 1600],
    [6, 2000, 0.5, 2000],
    [30, 2000, 0.5, 2000],
    [1, 2000, 0, 50],
    [1, 2000, 0.999, 150],
    [10, 500, 0, 250],
  ])('try %i, cap %i, random %f → %i ms', (attempt, cap, random, ms) => {
    expect(backoffMs(attempt, cap, random)).toBe(Math.round(ms));
  });
});

describe('retryStep', () => {
  const base: RetryState = {
    attempt: 1,
    maxTries: 6,
    troubleMs: 0,
    unavailableTimeoutMs: 60_000,
    othersSucceeded: false,
  };
  it.each<[string, Partial<RetryState>, ReturnType<typeof retryStep>]>([
    ['a first failure', {}, 'retry'],
    ['still under maxTries while others succeed', { attempt: 5, othersSucceeded: true }, 'retry'],
    [
      'maxTries reached while others succeed: reported, not retried for ever',
      { attempt: 6, othersSucceeded: true },
      'give-up',
    ],
    ['past maxTries while others succeed', { attempt: 9, othersSucceeded: true }, 'give-up'],
    ['maxTries reached but nothing succeeds (the node is down): keeps retrying', { attempt: 6 }, 'retry'],
    ['many tries while nothing succeeds, under the timeout', { attempt: 40, troubleMs: 59_999 }, 'retry'],
    ['no write accepted for unavailableTimeoutMs: the load stops', { attempt: 40, troubleMs: 60_000 }, 'stop'],
    ['the timeout wins over giving up', { attempt: 6, othersSucceeded: true, troubleMs: 60_000 }, 'stop'],
    ['a short timeout', { troubleMs: 100, unavailableTimeoutMs: 100 }, 'stop'],
  ])('%s', (_what, change, step) => {
    expect(retryStep({ ...base, ...change })).toBe(step);
  });
});

describe('ClusterHealth', () => {
  type Event = ['ok', number] | ['err', number];
  it.each<[string, Event[], { successes: number; outages: number; waitedMs: number; waitingAt: [number, number] }]>([
    [
      'writes flow',
      [
        ['ok', 10],
        ['ok', 20],
      ],
      { successes: 2, outages: 0, waitedMs: 0, waitingAt: [30, 0] },
    ],
    [
      'one outage waited out',
      [
        ['ok', 10],
        ['err', 100],
        ['err', 300],
        ['ok', 1100],
      ],
      { successes: 2, outages: 1, waitedMs: 1000, waitingAt: [1200, 0] },
    ],
    [
      'two outages',
      [
        ['err', 0],
        ['ok', 50],
        ['err', 100],
        ['ok', 400],
      ],
      { successes: 2, outages: 2, waitedMs: 350, waitingAt: [500, 0] },
    ],
    [
      'still waiting',
      [
        ['ok', 0],
        ['err', 100],
        ['err', 200],
      ],
      { successes: 1, outages: 0, waitedMs: 0, waitingAt: [700, 600] },
    ],
  ])('%s', (_what, events, want) => {
    const h = new ClusterHealth();
    for (const [what, at] of events) {
      if (what === 'ok') h.succeeded(at);
      else h.troubled(new Error(`at ${at}`), at);
    }
    expect({ successes: h.successes, outages: h.outages, waitedMs: h.waitedMs }).toEqual({
      successes: want.successes,
      outages: want.outages,
      waitedMs: want.waitedMs,
    });
    expect(h.waitingMs(want.waitingAt[0])).toBe(want.waitingAt[1]);
  });

  it('troubled says for how long no request succeeded, from the first error; keeps the last error', () => {
    const h = new ClusterHealth();
    expect(h.troubled('first', 1000)).toBe(0);
    expect(h.troubled('second', 1800)).toBe(800);
    expect(h.lastError).toBe('second');
  });

  it('the first stop reason stays, and a wait the load ends in counts', () => {
    const h = new ClusterHealth();
    h.troubled('x', 0);
    h.stop(8000);
    h.stop(100);
    expect(h.stopReason).toBe('no Cassandra node accepted a write for 8.0 s');
    h.endWait(8000);
    expect(h.waitedMs).toBe(8000);
  });
});
