// `sparkify grade` as a teacher types it, on the real node: one file (defaults: the project's event_data
// merged on the fly; exit 0 when it passes, 1 when not), --json, and a folder of <name>-q<N>.cql files with
// a malformed one among them, which is named in the summary instead of crashing the run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultsEnv, projectLikeFolder, sparkify } from '../support/cli';

const REFERENCE_Q1 = `CREATE TABLE songs_by_session (session_id int, item_in_session int, artist text, song text,
  length double, PRIMARY KEY (session_id, item_in_session));
INSERT INTO songs_by_session (session_id, item_in_session, artist, song, length)
  VALUES (:sessionId, :itemInSession, :artist, :song, :length);
SELECT artist, song, length FROM songs_by_session WHERE session_id = 338 AND item_in_session = 4;`;
const FLOAT_Q1 = REFERENCE_Q1.replace('length double', 'length float');

describe('sparkify grade', () => {
  let work: string;
  let subs: string;
  beforeAll(async () => {
    work = await projectLikeFolder('grade');
    subs = await mkdtemp(join(tmpdir(), 'sparkify-subs-'));
    await writeFile(join(subs, 'alice-q1.cql'), REFERENCE_Q1);
    await writeFile(join(subs, 'bob-q1.cql'), FLOAT_Q1);
    await writeFile(join(subs, 'carol-q3.cql'), "SELECT first_name FROM listeners WHERE song = 'x';");
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
    await rm(subs, { recursive: true, force: true });
  });

  it('grades one file against the project event_data by default: every rule, exit 0', () => {
    const r = sparkify(['grade', join(subs, 'alice-q1.cql')], { cwd: work, env: defaultsEnv() });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Q1 songs_by_session: passed — every required rule holds');
    expect(r.out).toMatch(/✓ answer\s+1 row, as the merged file says/);
  });

  it('prints --json and exits 1 for a submission that fails', () => {
    const r = sparkify(['grade', '--json', '--question', '1', join(subs, 'bob-q1.cql')], {
      cwd: work,
      env: defaultsEnv(),
    });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out.trim()) as {
      question: number;
      passed: boolean;
      rules: { rule: string; ok: boolean }[];
    };
    expect(out.question).toBe(1);
    expect(out.passed).toBe(false);
    expect(out.rules.filter((x) => !x.ok).map((x) => x.rule)).toEqual(['answer', 'types']);
  });

  it('grades a folder into one summary, naming the malformed file and its problem', () => {
    const r = sparkify(['grade', subs], { cwd: work, env: defaultsEnv() });
    expect(r.code).toBe(1);
    expect(r.out).toContain('Submissions × questions');
    expect(r.out).toMatch(/│ alice\s+│ ✓/);
    expect(r.out).toMatch(/│ bob\s+│ ✗/);
    expect(r.out).toContain('carol-q3.cql: a CREATE TABLE is missing (found 1 statement(s))');
  });
});
