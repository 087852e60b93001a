// Tests for lib/settings: what a user sets in the environment, read once, with the defaults a newcomer gets.
import { describe, expect, it } from 'vitest';
import { settingsFromEnv } from '../../lib/settings';

describe('settingsFromEnv', () => {
  it('gives a newcomer the sample folder, the exercise file name, a 30 s wait and no stacks', () => {
    const s = settingsFromEnv({});
    expect(s).toMatchObject({
      eventData: 'event_data',
      mergedFile: 'event_datafile_new.csv',
      connectWaitMs: 30_000,
      debug: false,
    });
    expect(s.cassandra).toMatchObject({ contactPoints: ['127.0.0.1'], keyspace: 'sparkify' });
  });

  it.each([
    [{ SPARKIFY_EVENT_DATA: '/data/2018-11' }, { eventData: '/data/2018-11' }],
    [{ SPARKIFY_EVENT_DATA: '' }, { eventData: 'event_data' }],
    [{ SPARKIFY_MERGED_FILE: '/tmp/m.csv' }, { mergedFile: '/tmp/m.csv' }],
    [{ SPARKIFY_CONNECT_WAIT_MS: '2500' }, { connectWaitMs: 2500 }],
    [{ SPARKIFY_DEBUG: '1' }, { debug: true }],
  ])('%j', (env, want) => {
    expect(settingsFromEnv(env)).toMatchObject(want);
  });

  it('refuses a wait that is not a number of milliseconds, naming the variable', () => {
    expect(() => settingsFromEnv({ SPARKIFY_CONNECT_WAIT_MS: 'soon' })).toThrow(
      /SPARKIFY_CONNECT_WAIT_MS must be a number of milliseconds, got "soon"/,
    );
  });
});
