// pages: choosing the next page of a visit (lib/dev/generate/pages): forced pages come first, the
// follow-ups of Login / Submit / Save / Logout are fixed, and the weighted draws land where their
// tables say. The PRNG is replaced by a scripted one so each decision is visible.
import { describe, expect, it } from 'vitest';
import {
  choosePage,
  P_ABOUT,
  P_DOWNGRADE,
  P_ERROR,
  P_HELP,
  P_HOME,
  P_LOGIN,
  P_LOGOUT,
  P_NEXT,
  P_SAVE,
  P_SETTINGS,
  P_SUB_DOWN,
  P_SUB_UP,
  P_UPGRADE,
  PAGE_STATUS,
  PAGE_TOK,
  type PageState,
} from '../../../../lib/dev/generate/pages';
import type { Rng } from '../../../../lib/dev/generate/rng';

/** A PRNG that returns the given values, then fails. */
function scripted(...values: number[]): Rng {
  return {
    next: () => {
      const v = values.shift();
      if (v === undefined) throw new Error('no more draws');
      return v;
    },
  } as unknown as Rng;
}

const state = (s: Partial<PageState>): PageState => ({
  forced: null,
  forcedPos: 0,
  loggedIn: true,
  lastPage: P_NEXT,
  level: 0,
  ...s,
});

describe('choosePage', () => {
  it('plays the forced pages in order without drawing, then chooses again', () => {
    const u = state({ forced: [P_HOME, P_NEXT], lastPage: -1 });
    expect(choosePage(u, scripted())).toBe(P_HOME);
    expect(choosePage(u, scripted())).toBe(P_NEXT);
    expect(u.forcedPos).toBe(2);
    expect(choosePage(u, scripted(0.5, 0))).toBe(P_NEXT);
  });

  it.each([
    ['after Login', P_LOGIN],
    ['after Submit Upgrade', P_SUB_UP],
    ['after Submit Downgrade', P_SUB_DOWN],
    ['after Save Settings', P_SAVE],
  ])('goes Home %s without drawing', (_, lastPage) => {
    expect(choosePage(state({ lastPage }), scripted())).toBe(P_HOME);
  });

  it('opens a logged-in session on Home 40% of the time, else on NextSong', () => {
    expect(choosePage(state({ lastPage: -1 }), scripted(0.39))).toBe(P_HOME);
    expect(choosePage(state({ lastPage: -1 }), scripted(0.4))).toBe(P_NEXT);
  });

  it.each([
    ['Upgrade → Submit Upgrade', P_UPGRADE, 0.34, P_SUB_UP],
    ['Downgrade → Submit Downgrade', P_DOWNGRADE, 0.02, P_SUB_DOWN],
    ['Settings → Save Settings', P_SETTINGS, 0.19, P_SAVE],
  ])('follows %s on a low draw', (_, lastPage, r, page) => {
    expect(choosePage(state({ lastPage }), scripted(r))).toBe(page);
  });

  it('draws from the free or paid table otherwise', () => {
    expect(choosePage(state({}), scripted(0.5, 0.5))).toBe(P_NEXT);
    expect(choosePage(state({ level: 1 }), scripted(0.5, 0.9))).toBe(P_NEXT);
    expect(choosePage(state({ level: 0 }), scripted(0.5, 0.9999))).toBe(P_ERROR);
    expect(choosePage(state({ level: 1 }), scripted(0.5, 0.94))).toBe(P_HOME);
    expect(choosePage(state({ level: 0 }), scripted(0.5, 0.96))).toBe(P_UPGRADE);
    expect(choosePage(state({ level: 1 }), scripted(0.5, 0.965))).toBe(P_DOWNGRADE);
  });

  it('logged out: Home right after Logout, else Login, Home, About or Help by weight', () => {
    expect(choosePage(state({ loggedIn: false, lastPage: P_LOGOUT }), scripted())).toBe(P_HOME);
    expect(choosePage(state({ loggedIn: false, lastPage: -1 }), scripted(0.1))).toBe(P_LOGIN);
    expect(choosePage(state({ loggedIn: false, lastPage: P_HOME }), scripted(0.7))).toBe(P_HOME);
    expect(choosePage(state({ loggedIn: false, lastPage: P_HOME }), scripted(0.85))).toBe(P_ABOUT);
    expect(choosePage(state({ loggedIn: false, lastPage: P_HOME }), scripted(0.99))).toBe(P_HELP);
  });
});

describe('page tokens', () => {
  it('writes method and page, and redirects with 307', () => {
    expect(PAGE_TOK[P_NEXT]).toBe('PUT,NextSong,');
    expect(PAGE_TOK[P_SAVE]).toBe('PUT,Save Settings,');
    expect([P_LOGIN, P_LOGOUT, P_SAVE, P_SUB_UP, P_SUB_DOWN].map((p) => PAGE_STATUS[p])).toEqual([
      '307',
      '307',
      '307',
      '307',
      '307',
    ]);
    expect(PAGE_STATUS[P_ERROR]).toBe('404');
  });
});
