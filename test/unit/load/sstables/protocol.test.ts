// protocol: what Node tells the Java SSTable writer (its spec, one line per row) and reads back from it.
import { describe, expect, it } from 'vitest';
import { parseWriterLine, rowLine, rowTimestamp, writerSpec } from '../../../../lib/load/sstables/protocol';
import { songsBySession, type TableSpec } from '../../../../lib/model/tables';

describe('rowLine', () => {
  it.each([
    ['numbers as they are', 0, 7, [338, 4, 495.3073], 1000, '0\t7\t[338,4,495.3073,1000]\n'],
    ['text as JSON strings', 2, 9, ['Sigur Rós', 'say "hi"'], 5, '2\t9\t["Sigur Rós","say \\"hi\\"",5]\n'],
    ['a tab or a line end inside text stays escaped', 1, 3, ['a\tb\nc'], 1, '1\t3\t["a\\tb\\nc",1]\n'],
    ['a number that JSON cannot hold becomes null', 0, 1, [NaN], 2, '0\t1\t[null,2]\n'],
  ])('%s', (_, table, line, values, ts, expected) => {
    expect(rowLine(table, line, values, ts)).toBe(expected);
  });

  it('parses back as the values and the timestamp', () => {
    const text = rowLine(0, 1, [1, 'x', 2.5], 99);
    expect(JSON.parse(text.split('\t')[2])).toEqual([1, 'x', 2.5, 99]);
  });
});

describe('rowTimestamp', () => {
  it('a later line gets a later timestamp', () => {
    expect(rowTimestamp(1_000_000, 2)).toBe(1_000_002);
    expect(rowTimestamp(1_000_000, 3)).toBeGreaterThan(rowTimestamp(1_000_000, 2));
  });
});

describe('parseWriterLine', () => {
  it.each([
    ['fail\t1\t42\t"x" is not an int', { kind: 'fail', table: 1, line: 42, message: '"x" is not an int' }],
    ['fail\t0\t7\ta\tb', { kind: 'fail', table: 0, line: 7, message: 'a\tb' }],
    ['done\t2\t7059', { kind: 'done', table: 2, written: 7059 }],
    ['done\tx\t1', { kind: 'other', text: 'done\tx\t1' }],
    ['fail\t1', { kind: 'other', text: 'fail\t1' }],
    ['12:00:01 INFO something', { kind: 'other', text: '12:00:01 INFO something' }],
  ])('%j', (text, expected) => {
    expect(parseWriterLine(text)).toEqual(expected);
  });
});

describe('writerSpec', () => {
  it("gives each table its keyspace/table folder, the model's CREATE TABLE and an INSERT with a timestamp marker", () => {
    const [t] = writerSpec([songsBySession], 'ks', '/w').tables;
    expect(t.dir).toBe('/w/ks/songs_by_session');
    expect(t.create).toMatch(/^CREATE TABLE IF NOT EXISTS ks\.songs_by_session \(/);
    expect(t.create).toContain('PRIMARY KEY (session_id, item_in_session)');
    expect(t.insert).toBe(
      'INSERT INTO ks.songs_by_session (session_id, item_in_session, artist, song, length) VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?',
    );
    expect(t.types).toEqual(['int', 'int', 'text', 'text', 'double']);
  });

  it('refuses a column type the writer does not bind, naming it', () => {
    const odd = {
      ...songsBySession,
      columns: [...songsBySession.columns, { name: 'tags', type: 'set<text>', from: 'song' }],
    } as unknown as TableSpec;
    expect(() => writerSpec([odd], 'ks', '/w')).toThrow('songs_by_session.tags of type set<text>');
  });
});
