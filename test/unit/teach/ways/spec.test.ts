// Unit tests of lib/teach/ways/spec.ts: the four ways as data and the CQL derived from them (CREATE INDEX
// with and without USING 'sai', CREATE MATERIALIZED VIEW, the SELECT each way asks, the bound-for-reading text).
import { describe, expect, it } from 'vitest';
import {
  boundForReading,
  createViewCql,
  PLAIN_BASE,
  structureCql,
  waySelectCql,
  waySpecs,
} from '../../../../lib/teach/ways/spec';
import { validateTable } from '../../../../lib/model/tables';

const ways = waySpecs();
const byName = Object.fromEntries(ways.map((w) => [w.name, w]));

describe('waySpecs', () => {
  it('four ways, in the lesson order, each loading tables of its own', () => {
    expect(ways.map((w) => [w.name, w.tables.map((t) => t.name)])).toEqual([
      ['table', ['listeners_by_song']],
      ['sai', ['songs_by_user_session_sai']],
      ['legacy', ['songs_by_user_session_legacy']],
      ['view', ['songs_by_user_session_view']],
    ]);
    expect(PLAIN_BASE.name).toBe('songs_by_user_session_plain');
    for (const w of ways) for (const t of [...w.tables, w.queried]) expect(() => validateTable(t)).not.toThrow();
  });
});

describe('the CQL of each way', () => {
  it.each([
    ['table', [], 'SELECT user_id, first_name, last_name FROM ks.listeners_by_song WHERE song = ?'],
    [
      'sai',
      [
        "CREATE INDEX IF NOT EXISTS songs_by_user_session_sai_song_sai ON ks.songs_by_user_session_sai (song) USING 'sai'",
      ],
      'SELECT user_id, first_name, last_name FROM ks.songs_by_user_session_sai WHERE song = ?',
    ],
    [
      'legacy',
      ['CREATE INDEX IF NOT EXISTS songs_by_user_session_legacy_song_idx ON ks.songs_by_user_session_legacy (song)'],
      'SELECT user_id, first_name, last_name FROM ks.songs_by_user_session_legacy WHERE song = ?',
    ],
  ] as const)('%s', (name, structures, select) => {
    expect(structureCql(byName[name], 'ks')).toEqual(structures);
    expect(waySelectCql(byName[name], 'ks')).toBe(select);
  });

  it('the view: every base key column in its key, song first, IS NOT NULL on each', () => {
    const w = byName.view;
    expect(createViewCql(w.view!, 'ks')).toBe(
      [
        'CREATE MATERIALIZED VIEW IF NOT EXISTS ks.listeners_by_song_of_user_session_view AS',
        '  SELECT song, user_id, session_id, item_in_session, first_name, last_name',
        '  FROM ks.songs_by_user_session_view',
        '  WHERE song IS NOT NULL AND user_id IS NOT NULL AND session_id IS NOT NULL AND item_in_session IS NOT NULL',
        '  PRIMARY KEY (song, user_id, session_id, item_in_session)',
        '  WITH CLUSTERING ORDER BY (user_id ASC, session_id ASC, item_in_session ASC)',
      ].join('\n'),
    );
    expect(waySelectCql(w, 'ks')).toBe(
      'SELECT user_id, first_name, last_name FROM ks.listeners_by_song_of_user_session_view WHERE song = ?',
    );
  });

  it('names are checked: a keyspace that is no identifier is refused', () => {
    expect(() => structureCql(byName.sai, 'ks; DROP')).toThrow(/Invalid keyspace name/);
  });

  it.each([
    ['SELECT a FROM t WHERE song = ?', ["It's"], "SELECT a FROM t WHERE song = 'It''s'"],
    ['SELECT a FROM t WHERE x = ? AND y = ?', [1, 'b'], "SELECT a FROM t WHERE x = 1 AND y = 'b'"],
  ])('boundForReading(%s)', (cql, values, want) => {
    expect(boundForReading(cql, values)).toBe(want);
  });
});
