import { describe, expect, it } from 'vitest';
import { QualityCheck, repairMojibake } from '../../../lib/index';

describe('repairMojibake', () => {
  it.each([
    // the originals' triple form: UTF-8 read as Latin-1 twice (U+0083 is an invisible C1 control)
    ['Repr\u00c3\u0083\u00c2\u00a9sente', 'Représente', 2],
    // as a cp1252 viewer saved it (ƒ for 0x83)
    ['ReprÃƒÂ©sente', 'Représente', 2],
    ['CafÃ©', 'Café', 1],
    ['BeyoncÃ© â€“ Halo', 'Beyoncé – Halo', 1],
  ])('%j → %j (%i layers)', (input, repaired, layers) => {
    expect(repairMojibake(input)).toEqual({ repaired, layers });
  });
  it.each(['Café', 'Sigur Rós', 'Ærøskøbing', 'Â', 'plain ascii', 'Ã and Ã', 'Motörhead — Ace'])(
    'leaves %j alone',
    (text) => {
      expect(repairMojibake(text)).toBeUndefined();
    },
  );
});

describe('QualityCheck', () => {
  it('counts per column with file and line, and repairs only when asked', () => {
    const keep = new QualityCheck(false);
    expect(keep.check('f.csv', 7, 'song', 'CafÃ©')).toBe('CafÃ©');
    expect(keep.check('f.csv', 8, 'artist', 'Café')).toBe('Café');
    expect(keep.report).toMatchObject({ doubleEncoded: { song: 1 }, doubleEncodedTotal: 1, repaired: false });
    expect(keep.report.examples[0]).toEqual({
      file: 'f.csv',
      line: 7,
      column: 'song',
      value: 'CafÃ©',
      repaired: 'Café',
      layers: 1,
    });
    const fix = new QualityCheck(true);
    expect(fix.check('f.csv', 7, 'song', 'CafÃ©')).toBe('Café');
  });
});
