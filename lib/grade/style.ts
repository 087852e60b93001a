// style: the rubric's style rules — key columns declared first in key order, a table name that says what it
// is looked up by, partitions that stay bounded. They never fail a submission; they say what a reviewer would.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { plural } from '../show/format';
import { verdict, type GradeFacts, type RuleVerdict } from './verdict';

export function columnOrderRule(f: GradeFacts): RuleVerdict {
  const t = f.table!;
  const key = [...t.partitionKey, ...t.clustering.map((c) => c.column)];
  const first = (f.declared ?? []).slice(0, key.length);
  return first.join() === key.join()
    ? verdict('column-order', true, `key columns first: ${key.join(', ')}`)
    : verdict(
        'column-order',
        false,
        `declared ${first.join(', ')} first; the key is ${key.join(', ')}`,
        'list the key columns first, in key order',
      );
}

export function tableNameRule(f: GradeFacts): RuleVerdict {
  const t = f.table!;
  const by = /_by_(.+)$/.exec(t.name)?.[1] ?? '';
  const words = t.partitionKey.map((c) => c.replace(/_id$/, ''));
  const ok = by !== '' && words.every((w) => by.includes(w));
  return ok
    ? verdict('table-name', true, `${t.name}: looked up by ${t.partitionKey.join(', ')}`)
    : verdict(
        'table-name',
        false,
        `${t.name} does not say it is looked up by ${t.partitionKey.join(', ')}`,
        `name it <what>_by_${words.join('_')}`,
      );
}

export function partitionSizeRule(f: GradeFacts): RuleVerdict {
  const p = f.partitions!;
  const max = p.rowsPerPartition.max;
  const share = p.rows ? max / p.rows : 0;
  const detail = `${plural(p.partitions, 'partition')}, largest ${plural(max, 'row')}, p99 ${p.rowsPerPartition.p99}`;
  const over = p.over.values + p.over.bytes;
  if (over)
    return verdict(
      'partition-size',
      false,
      `${detail}: ${over} over the guidance`,
      'add a column to the partition key (a bucket)',
    );
  if (p.rows >= 1000 && share > 0.05) {
    return verdict(
      'partition-size',
      false,
      `${detail}: the largest holds ${(100 * share).toFixed(1)} % of all rows — a key with few values makes a few huge partitions`,
      'partition by what the question gives by equality',
    );
  }
  return verdict('partition-size', true, detail);
}

/** Every rule, in the rubric's order; the ones that need a running SELECT or a table say so when absent. */
