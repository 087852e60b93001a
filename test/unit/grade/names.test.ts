// Unit tests of lib/grade/names.ts: which quotes change nothing (removed), which keep a name's case
// (reported), string literals left alone, reserved words kept quoted; and the plain name to write instead.
import { describe, expect, it } from 'vitest';
import { plainName, unquoteNames } from '../../../lib/grade/names';

describe('unquoteNames', () => {
  it.each([
    ['a plain lower-case name', 'SELECT "song" FROM t', 'SELECT song FROM t', []],
    ['a keyspace and a table', 'SELECT a FROM "sparkify"."songs"', 'SELECT a FROM sparkify.songs', []],
    ['digits and underscores', 'SELECT "item_in_session2" FROM t', 'SELECT item_in_session2 FROM t', []],
    ['a reserved word stays quoted', 'SELECT "from", "order" FROM t', 'SELECT "from", "order" FROM t', []],
    ['upper case keeps its quotes', 'CREATE TABLE "Songs" (a int)', 'CREATE TABLE "Songs" (a int)', ['"Songs"']],
    ['camelCase keeps its quotes', 'SELECT "firstName" FROM t', 'SELECT "firstName" FROM t', ['"firstName"']],
    ['a blank keeps its quotes', 'SELECT "first name" FROM t', 'SELECT "first name" FROM t', ['"first name"']],
    ['a doubled quote inside', 'SELECT "a""b" FROM t', 'SELECT "a""b" FROM t', ['"a""b"']],
    ['a string literal is left alone', `WHERE s = '"Songs"'`, `WHERE s = '"Songs"'`, []],
    ['a doubled quote in a literal', `WHERE s = 'It''s "x"' AND "y" = 1`, `WHERE s = 'It''s "x"' AND y = 1`, []],
    ['nothing quoted', 'SELECT a FROM t', 'SELECT a FROM t', []],
  ])('%s', (_, statement, text, caseSensitive) => {
    expect(unquoteNames(statement)).toEqual({ text, caseSensitive });
  });
});

describe('plainName', () => {
  it.each([
    ['"Songs"', 'songs'],
    ['"firstName"', 'first_name'],
    ['"first name"', 'first_name'],
    ['"ItemInSession"', 'item_in_session'],
    ['"user-ID"', 'user_id'],
  ])('%s → %s', (quoted, plain) => {
    expect(plainName(quoted)).toBe(plain);
  });
});
