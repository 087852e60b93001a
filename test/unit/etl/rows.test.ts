// rows: the header check and the verdict on one data row, as strings (classifyRow) and on a plain record's bytes (plainVerdict).
import { describe, expect, it } from 'vitest';
import { emptyPlainRecord, splitPlain } from '../../../lib/etl/csvscan';
import { classifyRow, clipValue, headerProblem, isWholeNumber, plainVerdict } from '../../../lib/index';

describe('headerProblem and classifyRow', () => {
  it.each([
    [['a'], /missing "artist"/],
    [
      [
        'auth',
        'artist',
        'firstName',
        'gender',
        'itemInSession',
        'lastName',
        'length',
        'level',
        'location',
        'method',
        'page',
        'registration',
        'sessionId',
        'song',
        'status',
        'ts',
        'userId',
      ],
      /out of order: column 1 is "auth", expected "artist"/,
    ],
  ])('header %#', (header, message) => {
    expect(headerProblem(header)).toMatch(message);
  });
  const row = (over: Record<number, string>) => {
    const r = [
      'A',
      'Logged In',
      'F',
      'F',
      '0',
      'L',
      '1.5',
      'free',
      'X',
      'PUT',
      'NextSong',
      '1',
      '7',
      'S',
      '200',
      '1',
      '3',
    ];
    for (const [i, v] of Object.entries(over)) r[Number(i)] = v;
    return r;
  };
  it.each([
    [{}, 'play'],
    [{ 0: '' }, 'page view'],
    [{ 4: '1.0' }, 'itemInSession not a non-negative integer'],
    [{ 12: '2147483648' }, 'sessionId not a non-negative integer'],
    [{ 16: ' 3' }, 'userId not a non-negative integer'],
    [{ 6: '-1.5' }, 'length not a non-negative decimal number'],
    [{ 6: '1e3' }, 'play'],
    [{ 13: '' }, 'empty song'],
  ])('row %j → %s', (over, expected) => {
    const v = classifyRow(row(over));
    expect(typeof v === 'string' ? v : v.reason).toBe(expected);
  });
});

describe('plainVerdict: the byte checks accept only what classifyRow accepts', () => {
  const base = [
    'A',
    'Logged In',
    'F',
    'F',
    '0',
    'L',
    '1.5',
    'free',
    'X',
    'PUT',
    'NextSong',
    '1',
    '7',
    'S',
    '200',
    '1',
    '3',
  ];
  const record = (fields: string[]) => {
    const buf = Buffer.from(fields.join(','));
    const rec = emptyPlainRecord();
    expect(splitPlain(buf, 0, buf.length, rec)).toBe(true);
    rec.buf = buf;
    return rec;
  };
  const at = (i: number, v: string) => base.map((f, k) => (k === i ? v : f));
  it.each<[string, string[], 'play' | 'page view' | undefined]>([
    ['a play', base, 'play'],
    ['a page view (empty artist)', at(0, ''), 'page view'],
    ['an empty song', at(13, ''), undefined],
    ['itemInSession 1.0', at(4, '1.0'), undefined],
    ['sessionId past INT32_MAX', at(12, '2147483648'), undefined],
    ['sessionId at INT32_MAX', at(12, '2147483647'), 'play'],
    ['a 16-digit userId', at(16, '0000000000000003'), undefined],
    ['an empty userId', at(16, ''), undefined],
    ['length with a fraction', at(6, '246.30812'), 'play'],
    ['length with an exponent (classifyRow decides)', at(6, '1e3'), undefined],
    ['length ending in a dot', at(6, '1.'), undefined],
    ['a negative length', at(6, '-1.5'), undefined],
    ['16 fields', base.slice(1), undefined],
  ])('%s → %s', (_name, fields, expected) => {
    const fast = plainVerdict(record(fields));
    expect(fast).toBe(expected);
    if (fast !== undefined) expect(classifyRow(fields)).toBe(fast);
  });
});

describe('isWholeNumber and clipValue', () => {
  it.each([
    ['0', true],
    ['2147483647', true],
    ['2147483648', false],
    ['-1', false],
    ['1.0', false],
    ['', false],
  ])('isWholeNumber(%j) is %s', (v, ok) => {
    expect(isWholeNumber(v)).toBe(ok);
  });
  it('clips a value past 40 characters with an ellipsis', () => {
    expect(clipValue('x'.repeat(40))).toBe('x'.repeat(40));
    expect(clipValue('x'.repeat(41))).toBe(`${'x'.repeat(40)}…`);
  });
});
