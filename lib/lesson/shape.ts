// shape: a table Cassandra holds (its system_schema shape) as a table description the checker, the
// diagrams and the partition analysis read — each column's play field found by its name in the play
// vocabulary (`item_in_session` ← itemInSession). Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { COLUMN_CATALOG } from '../teach/question';
import { validateTable, type TableShape, type TableSpec } from '../model/tables';

/** The table description of a shape, for `question` (its text and the columns it returns). */
export function tableOfShape(shape: TableShape, question?: { text: string; returns: readonly string[] }): TableSpec {
  const columns = shape.columns.map((c) => {
    const known = COLUMN_CATALOG[c.name];
    if (!known) {
      throw new Error(
        `Table ${shape.name}, column ${c.name}: not a column of the plays (${Object.keys(COLUMN_CATALOG).join(', ')})`,
      );
    }
    return { ...c, from: known.from };
  });
  const key = [...shape.partitionKey, ...shape.clustering.map((c) => c.column)];
  const names = columns.map((c) => c.name);
  const spec: TableSpec = {
    name: shape.name,
    question: question?.text ?? shape.comment,
    lookedUpBy: shape.comment,
    columns,
    partitionKey: [...shape.partitionKey],
    clustering: shape.clustering.map((c) => ({ ...c })),
    lookup: [...shape.partitionKey],
    returns: question ? question.returns.filter((r) => names.includes(r)) : names.filter((n) => !key.includes(n)),
  };
  validateTable(spec);
  return spec;
}
