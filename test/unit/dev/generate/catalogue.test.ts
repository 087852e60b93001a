// catalogue: the synthetic song catalogue (lib/dev/generate/catalogue): deterministic per seed, the
// hand-written head and the classic song where the planting expects them, reserved titles unique,
// pre-quoted fields, and a popularity CDF that `sampleSong` searches correctly.
import { describe, expect, it } from 'vitest';
import { buildCatalogue, sampleSong, zipfCdf } from '../../../../lib/dev/generate/catalogue';
import { CLASSIC_SONG } from '../../../../lib/dev/generate/classic';
import { csvField } from '../../../../lib/dev/generate/rows';

describe('buildCatalogue', () => {
  const cat = buildCatalogue(42);

  it('is the same for one seed (cached) and differs for another', () => {
    expect(buildCatalogue(42)).toBe(cat);
    const other = buildCatalogue(43);
    expect(other.title.slice(100, 120)).not.toEqual(cat.title.slice(100, 120));
  });

  it('places the classic song and the two head songs the planting watches', () => {
    expect([cat.artist[cat.classicIndex], cat.title[cat.classicIndex]]).toEqual([
      CLASSIC_SONG.artist,
      CLASSIC_SONG.song,
    ]);
    expect(cat.lengthText[cat.classicIndex]).toBe('196.91057');
    expect(cat.title[cat.apostropheIndex]).toBe("Sweet Child O' Mine");
    expect(cat.title[cat.accentIndex]).toBe('Déjà Vu');
    expect(cat.title.filter((t) => t === CLASSIC_SONG.song)).toHaveLength(1);
  });

  it('holds 20,000 songs with quoted fields and lengths in seconds and ms', () => {
    expect(cat.artist).toHaveLength(20000);
    for (let i = 0; i < cat.artist.length; i += 97) {
      expect(cat.artistCsv[i]).toBe(csvField(cat.artist[i]));
      expect(cat.titleCsv[i]).toBe(csvField(cat.title[i]));
      expect(cat.lengthText[i]).toMatch(/^\d+(\.\d{1,5})?$/);
      expect(Math.abs(cat.lengthMs[i] - Number(cat.lengthText[i]) * 1000)).toBeLessThanOrEqual(1);
    }
  });
});

describe('popularity', () => {
  it('zipfCdf grows to exactly 1', () => {
    const cdf = zipfCdf(1000);
    for (let i = 1; i < cdf.length; i++) expect(cdf[i]).toBeGreaterThan(cdf[i - 1]);
    expect(cdf[999]).toBe(1);
  });

  it.each([
    [0, 0],
    [0.1, 0],
    [0.25, 1],
    [0.5, 2],
    [0.7, 2],
    [0.75, 3],
    [0.999, 3],
  ])('sampleSong(%f) is rank %i', (r, rank) => {
    expect(sampleSong(new Float64Array([0.25, 0.5, 0.75, 1]), r)).toBe(rank);
  });
});
