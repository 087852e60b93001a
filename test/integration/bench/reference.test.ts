// The bench reference read from git history (it runs git, so it is not a unit test).
import { describe, expect, it } from 'vitest';
import { loadReference } from '../../../bench/reference';

describe('bench reference (lib/ before the byte-level scanner, from git history)', () => {
  it('says why when the commit is not in this clone (never fails silently)', () => {
    const r = loadReference('0123456789abcdef0123456789abcdef01234567');
    expect(r).toEqual({
      why: expect.stringContaining(
        "commit 0123456 (lib/ before the byte-level scanner) is not in this clone's history",
      ),
    });
  });
});
