// Unit tests of lib/teach/conceptual.ts (measuring dependencies on a merged file, the entities and
// relationships they make) and lib/teach/conceptual-svg.ts (the entity diagram), on small hand-written plays.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conceptualModel,
  conceptualSvg,
  measureDependencies,
  PLAY_COLUMNS,
  quoteAllCsv,
  SHOWN_DEPENDENCIES,
  type Dependency,
  type MeasuredDependency,
  type Play,
} from '../../../lib/index';
import { BAD, GOOD } from '../../../lib/show/style';
import { play } from '../../support/fixtures';
import { assertWellFormedXml } from './well-formed-xml';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparkify-conceptual-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const writeMerged = async (name: string, plays: Play[]) => {
  const file = join(dir, name);
  await writeFile(file, quoteAllCsv([[...PLAY_COLUMNS], ...plays.map((p) => PLAY_COLUMNS.map((c) => String(p[c])))]));
  return file;
};

const ann = { userId: 1, firstName: 'Ann', lastName: 'Lee', gender: 'F', location: 'Austin, TX' };
const bo = { userId: 2, firstName: 'Bo', lastName: 'Ng', gender: 'M', location: 'Reno, NV' };

describe('measureDependencies', () => {
  it('the dependencies the lesson shows: three hold, user_id → level does not (user 1 goes from free to paid)', async () => {
    const file = await writeMerged('shown.csv', [
      play({ ...ann, sessionId: 10, itemInSession: 0, level: 'free' }),
      play({ ...ann, sessionId: 10, itemInSession: 1, level: 'free' }),
      play({ ...ann, sessionId: 11, itemInSession: 0, level: 'paid' }),
      play({ ...bo, sessionId: 20, itemInSession: 0, level: 'free' }),
      play({ ...bo, sessionId: 20, itemInSession: 1, level: 'free' }),
    ]);
    const measured = await measureDependencies(file);
    // groups: 5 (session, item) pairs; sessions 10, 11, 20; users 1, 2; users 1, 2.
    expect(measured.map((m) => [m.from.join(), m.to.join(), m.groups, m.violations, m.holds, m.expected])).toEqual([
      [
        'session_id,item_in_session',
        'artist,first_name,gender,last_name,length,level,location,song,user_id',
        5,
        0,
        true,
        true,
      ],
      ['session_id', 'user_id', 3, 0, true, true],
      ['user_id', 'first_name,last_name,gender,location', 2, 0, true, true],
      ['user_id', 'level', 2, 1, false, false],
    ]);
    expect(measured.every((m) => m.plays === 5)).toBe(true);
    expect(measured[3].examples).toEqual([{ key: { user_id: 1 }, varies: { level: ['free', 'paid'] } }]);
    expect(measured[3].why).toBe('a user moves between free and paid');
    expect(SHOWN_DEPENDENCIES.map((d) => d.holds)).toEqual([true, true, true, false]);
  });

  // s10 has users 1 and 3; (s10, i0) is played twice with two songs; 'A' is by X, Z, W and X again.
  const broken = [
    play({ sessionId: 10, itemInSession: 0, userId: 1, song: 'A', artist: 'X' }),
    play({ sessionId: 10, itemInSession: 1, userId: 3, song: 'B', artist: 'Y' }),
    play({ sessionId: 10, itemInSession: 0, userId: 1, song: 'C', artist: 'X' }),
    play({ sessionId: 11, itemInSession: 0, userId: 4, song: 'A', artist: 'Z' }),
    play({ sessionId: 12, itemInSession: 0, userId: 5, song: 'A', artist: 'W' }),
    play({ sessionId: 13, itemInSession: 0, userId: 6, song: 'A', artist: 'X' }),
  ];
  it.each([
    [{ from: ['session_id'], to: ['user_id'] }, 4, 1, [{ key: { session_id: 10 }, varies: { user_id: [1, 3] } }]],
    [{ from: ['user_id'], to: ['session_id'] }, 5, 0, []], // users 1, 3, 4, 5, 6: each in one session
    [
      { from: ['session_id', 'item_in_session'], to: ['artist', 'song', 'user_id'] },
      5,
      1,
      [{ key: { session_id: 10, item_in_session: 0 }, varies: { song: ['A', 'C'] } }],
    ],
    [{ from: ['song'], to: ['artist'] }, 3, 1, [{ key: { song: 'A' }, varies: { artist: ['X', 'Z', 'W'] } }]],
  ] as const)('%j: %i groups, %i violations', async (dep, groups, violations, examples) => {
    const file = await writeMerged('broken.csv', broken);
    const [m] = await measureDependencies(file, [dep as Dependency]);
    expect(m).toMatchObject({ groups, violations, holds: violations === 0, examples });
    expect(m.expected).toBeUndefined();
  });

  it('keeps three examples and five values per column, and counts every violation', async () => {
    const plays = [1, 2, 3, 4].flatMap((u) =>
      ['free', 'paid'].map((level, i) => play({ userId: u, sessionId: u * 10 + i, level })),
    );
    for (let i = 1; i <= 6; i++) plays.push(play({ userId: 9, sessionId: 90 + i, level: `l${i}` }));
    const [m] = await measureDependencies(await writeMerged('many.csv', plays), [{ from: ['user_id'], to: ['level'] }]);
    expect(m).toMatchObject({ groups: 5, violations: 5 });
    expect(m.examples.map((x) => x.key.user_id)).toEqual([1, 2, 3]);
    const [nine] = await measureDependencies(await writeMerged('nine.csv', plays.slice(8)), [
      { from: ['user_id'], to: ['level'] },
    ]);
    expect(nine.examples).toEqual([{ key: { user_id: 9 }, varies: { level: ['l1', 'l2', 'l3', 'l4', 'l5'] } }]);
  });

  it('refuses a column the plays do not have', async () => {
    const file = await writeMerged('one.csv', [play()]);
    await expect(measureDependencies(file, [{ from: ['month'], to: ['level'] }])).rejects.toThrow(
      'No play column month',
    );
  });
});

/** A measured dependency written by hand. */
const m = (from: string[], to: string[], over: Partial<MeasuredDependency> = {}): MeasuredDependency => ({
  from,
  to,
  plays: 6820,
  groups: 10,
  violations: 0,
  holds: true,
  examples: [],
  ...over,
});

const shown = (): MeasuredDependency[] => [
  m(
    ['session_id', 'item_in_session'],
    ['artist', 'first_name', 'gender', 'last_name', 'length', 'level', 'location', 'song', 'user_id'],
    {
      groups: 6820,
      expected: true,
    },
  ),
  m(['session_id'], ['user_id'], { groups: 776, expected: true }),
  m(['user_id'], ['first_name', 'last_name', 'gender', 'location'], { groups: 96, expected: true }),
  m(['user_id'], ['level'], {
    groups: 96,
    violations: 8,
    holds: false,
    expected: false,
    why: 'users move <between> free & paid',
    examples: [
      { key: { user_id: 15 }, varies: { level: ['paid', 'free'] } },
      { key: { user_id: 80 }, varies: { level: ['free', 'paid'] } },
    ],
  }),
];

describe('conceptualModel', () => {
  it('User, Session, Play: own keys and attributes from the dependencies, 1 — n between neighbours only', () => {
    const model = conceptualModel(shown());
    expect(model.entities.map((e) => [e.name, e.key, e.ownKey, e.attributes])).toEqual([
      ['User', ['user_id'], ['user_id'], ['first_name', 'last_name', 'gender', 'location']],
      ['Session', ['session_id'], ['session_id'], []],
      ['Play', ['session_id', 'item_in_session'], ['item_in_session'], ['artist', 'length', 'level', 'song']],
    ]);
    expect(model.relationships.map((r) => [r.one, r.many, r.measured.groups])).toEqual([
      ['User', 'Session', 776],
      ['Session', 'Play', 6820],
    ]);
    expect(model.failing.map((f) => f.to)).toEqual([['level']]);
  });

  it.each([
    ['a dependency said to hold stays in the model with its exceptions', { expected: true, holds: false }, 1, 0],
    ['one said not to hold is failing', { expected: false }, 0, 1],
    ['without a word, the measurement decides', { holds: false }, 0, 1],
  ] as const)('%s', (_what, over, entities, failing) => {
    const model = conceptualModel([m(['song'], ['artist'], { violations: 2, ...over })]);
    expect(model.entities).toHaveLength(entities);
    expect(model.failing).toHaveLength(failing);
    if (entities) expect(model.entities[0]).toMatchObject({ name: 'song', ownKey: ['song'], attributes: ['artist'] });
  });
});

describe('conceptualSvg', () => {
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((x) => x[1]);

  it('draws the three entities, the two relationships with their measured facts and the failing dependency', () => {
    const svg = conceptualSvg(shown());
    assertWellFormedXml(svg);
    expect(svg).toContain('aria-label="Conceptual model: User, Session and Play"');
    expect([...svg.matchAll(/data-entity="(\w+)"/g)].map((x) => x[1])).toEqual(['User', 'Session', 'Play']);
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        'user_id',
        'item_in_session',
        'each user (user_id): one first_name, last_name, gender and location — 0 exceptions in 96 users',
        'User 1 — n Session',
        'each session: 1 user — 0 exceptions in 776 sessions',
        'Session 1 — n Play',
        'each play: 1 session — 0 exceptions in 6,820 plays',
        'each play (session_id, item_in_session): one artist, length, level and song — 0 exceptions in 6,820 plays',
        '✘ user_id → level does not hold: 8 of 96 users have more than one level (users move &lt;between&gt; free &amp; paid)',
        'e.g. user 15: paid, free; user 80: free, paid — so level belongs to the play',
      ]),
    );
    const session = /<g class="entity" data-entity="Session"[\s\S]*?<\/g>/.exec(svg)?.[0] ?? '';
    expect(texts(session)).toEqual(['Session', 'session_id']); // no attributes beside its key
    expect(svg).toContain(`fill="${GOOD}">each session: 1 user`);
    expect(svg).toContain(`fill="${BAD}">✘ user_id → level`);
  });

  it('a dependency said to hold but broken in the file reads in red with its count', () => {
    const ms = shown();
    ms[1] = { ...ms[1], violations: 1, holds: false, groups: 1 };
    const svg = conceptualSvg(ms);
    expect(svg).toContain(`fill="${BAD}">each session: 1 user — 1 exception in 1 session<`);
  });
});
