// duplication: the notebook's display of what one table per question costs (lib/teach/duplication): a
// row per table (INSERTs, rows held, rows per play) and one sentence with the duplication factor and
// the replica writes per play. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Duplication } from '../teach/duplication';
import { formatCount, plural } from './format';
import { htmlTable } from './html';

const ratio = (n: number) => n.toFixed(2);

export function duplicationHtml(d: Duplication): string {
  const table = htmlTable(
    d.tables.map((t) => ({
      table: t.table,
      inserts: t.inserts,
      'rows held': t.rows,
      'rows per play': ratio(t.rowsPerPlay),
    })),
    {
      caption: `${formatCount(d.plays)} plays, loaded into ${plural(d.tables.length, 'table')}`,
      format: { inserts: (v) => formatCount(v as number), 'rows held': (v) => formatCount(v as number) },
      className: 'sparkify-duplication',
    },
  );
  const sentence =
    `Each play cost <b>${ratio(d.insertsPerPlay)}</b> INSERTs and is held as <b>${ratio(d.rowsPerPlay)}</b> rows ` +
    `(the duplication factor); with replication factor ${d.replicationFactor} that is ` +
    `<b>${ratio(d.replicaWritesPerPlay)}</b> replica writes per play.`;
  return `${table}\n<p>${sentence}</p>`;
}
