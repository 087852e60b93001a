// The bench reference's import walk (reading git history runs git: tested in test/integration/bench/reference.test.ts).
import { describe, expect, it } from 'vitest';
import { closure, relativeImports } from '../../../bench/reference';

describe('bench reference (lib/ before the byte-level scanner, from git history)', () => {
  it('finds the relative imports of a file as repository paths', () => {
    const source =
      "import { once } from 'node:events';\nimport { a, b } from './csv';\nimport type { Q } from '../common/quality';\nimport Papa from 'papaparse';\n";
    expect(relativeImports('lib/etl/events.ts', source)).toEqual(['lib/etl/csv.ts', 'lib/common/quality.ts']);
  });

  it('collects the entries and everything they import, once each', () => {
    const files: Record<string, string> = {
      'lib/events.ts': "import { x } from './csv';\nimport { q } from './quality';\n",
      'lib/csv.ts': "import Papa from 'papaparse';\n",
      'lib/quality.ts': "import { x } from './csv';\n",
    };
    const seen: string[] = [];
    const got = closure(['lib/events.ts', 'lib/csv.ts'], (p) => {
      seen.push(p);
      return files[p];
    });
    expect([...got.keys()]).toEqual(['lib/events.ts', 'lib/csv.ts', 'lib/quality.ts']);
    expect(seen).toEqual(['lib/events.ts', 'lib/csv.ts', 'lib/quality.ts']);
  });
});
