// errors: one line for a load error (its message, and for "all hosts tried" what each host said).
import { describe, expect, it } from 'vitest';
import { errors } from 'cassandra-driver';
import { describeLoadError } from '../../lib/index';

const noHost = () => new errors.NoHostAvailableError({});
const response = (code: number, message: string) => new errors.ResponseError(code, message);

describe('describeLoadError', () => {
  it.each([
    [noHost(), 'All host(s) tried for query failed. (every node the driver knows is down or unreachable)'],
    [
      new errors.NoHostAvailableError({ '127.0.0.31:9042': new Error('connect ECONNREFUSED 127.0.0.31:9042') }),
      'All host(s) tried for query failed: 127.0.0.31:9042: connect ECONNREFUSED 127.0.0.31:9042',
    ],
    [response(0x1000, 'Cannot achieve consistency level QUORUM\nmore'), 'Cannot achieve consistency level QUORUM'],
    ['plain text', 'plain text'],
  ])('%s', (err, text) => {
    expect(describeLoadError(err).startsWith(text.split(':')[0])).toBe(true);
    expect(describeLoadError(err)).toBe(text);
  });
});
