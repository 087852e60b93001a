// checker: whether a table serves a question, and why not. Owns the Verdict, the rules Cassandra applies
// to a SELECT (whole partition key restricted by equality, clustering restrictions forming a prefix,
// ORDER BY only along the clustering order, restrictions outside the key only filtering) with the reasons
// in words, the overwrite warnings of the question's uniqueness, and the verdicts of many questions and
// tables. A question that restricts an indexed column is judged by the index rules (./index-rules) instead,
// with the route and its cost (token ranges of the cluster described in the options). Pure: no driver, no I/O.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { overwriteWarnings, primaryKeyColumns } from './dependencies';
import { normalizeQuestion } from './question';
import { indexedRestrictions, indexRoute, ringRanges, type ClusterShape, type IndexVia } from './index-rules';
import type { TableSpec } from '../model/tables';
import { andList } from '../show/format';
import type { Question } from '../model/questions';

export interface Verdict {
  question: string;
  table: string;
  served: boolean;
  /** Why it is not served (empty when served), in the order the rules are checked. */
  reasons: string[];
  /** True when Cassandra would run it only with ALLOW FILTERING (every column exists, the key does not fit). */
  needsAllowFiltering: boolean;
  /** One line for people. */
  summary: string;
  /** How a served question is read: one partition, through an index, or one partition filtered by an index. */
  via?: 'partition' | IndexVia;
  /** The index used, when the question restricts an indexed column. */
  index?: string;
  /** Token ranges queried through the index (via `index`). */
  ranges?: number;
  /** Cassandra's own message when it refuses the query whatever is added (not even ALLOW FILTERING helps). */
  refusal?: string;
}

/** The cluster the verdicts are for (default the local node: one token range); `ranges` overrides its count. */
export interface CheckOptions {
  cluster?: ClusterShape;
  ranges?: number;
}

/** The index of the first clustering column not restricted by equality (`ck.length` when all are). */
export function firstFreeClustering(ck: readonly string[], eq: ReadonlySet<string>): number {
  let free = 0;
  while (free < ck.length && eq.has(ck[free])) free++;
  return free;
}

/**
 * One question against one table, checked rule by rule in the order Cassandra applies them; each rule
 * adds its reasons (in words) and the facts later rules read.
 */
class TableCheck {
  readonly q: Question;
  readonly reasons: string[] = [];
  private readonly eq: Set<string>;
  private readonly key: string[];
  private readonly ck: string[];
  /** The first clustering column not restricted by equality. */
  private readonly free: number;
  /** The range is on that column (a slice inside the partition). */
  private readonly rangeAtFree: boolean;
  unknownColumns = false;
  private filtersRows = false;
  private pkMissing: string[] = [];
  needsAllowFiltering = false;

  constructor(
    question: Question,
    private readonly table: TableSpec,
  ) {
    this.q = normalizeQuestion(question);
    this.eq = new Set(this.q.equals);
    this.key = primaryKeyColumns(table);
    this.ck = table.clustering.map((c) => c.column);
    this.free = firstFreeClustering(this.ck, this.eq);
    this.rangeAtFree = this.q.range !== undefined && this.ck[this.free] === this.q.range;
  }

  private has(c: string): boolean {
    return this.table.columns.some((x) => x.name === c);
  }

  /** 1. Every column the question names must exist. */
  columnsExist(): void {
    const q = this.q;
    for (const c of q.equals)
      if (!this.has(c)) this.reasons.push(`filters on column ${c} that the table does not have`);
    if (q.range !== undefined && !this.has(q.range))
      this.reasons.push(`filters on column ${q.range} that the table does not have`);
    if (q.orderBy && !this.has(q.orderBy.column))
      this.reasons.push(`orders by column ${q.orderBy.column} that the table does not have`);
    for (const c of q.returns) if (!this.has(c)) this.reasons.push(`returns column ${c} that the table does not have`);
    this.unknownColumns = this.reasons.length > 0;
  }

  /** 2. The whole partition key, by equality. */
  partitionKeyByEquality(): void {
    this.pkMissing = this.table.partitionKey.filter((p) => !this.eq.has(p));
    for (const p of this.pkMissing) {
      this.reasons.push(
        p === this.q.range
          ? `partition key column ${p} is restricted by a range; a partition key column needs equality`
          : `partition key column ${p} is not restricted`,
      );
    }
  }

  /** 3. Clustering restrictions: equalities on a prefix, then at most one range, nothing after. */
  clusteringPrefix(): void {
    const { ck, free } = this;
    for (let j = this.rangeAtFree ? free + 1 : free; j < ck.length; j++) {
      const c = ck[j];
      if (!this.eq.has(c) && this.q.range !== c) continue;
      this.filtersRows = true;
      this.reasons.push(
        this.rangeAtFree
          ? `clustering column ${c} is restricted after the range on ${ck[free]}`
          : `clustering column ${c} is restricted but the clustering column before it, ${ck[free]}, is not`,
      );
    }
  }

  /** 4. Restrictions on columns outside the primary key can only filter. */
  nonKeyRestrictions(): void {
    for (const c of [...this.q.equals, ...(this.q.range !== undefined ? [this.q.range] : [])]) {
      if (this.has(c) && !this.key.includes(c)) {
        this.filtersRows = true;
        this.reasons.push(`column ${c} is not in the primary key: rows can only be filtered on it`);
      }
    }
  }

  /** 5. Order: the first clustering column not fixed by equality, in either direction, inside one partition. */
  order(): void {
    const orderBy = this.q.orderBy;
    if (!orderBy || !this.has(orderBy.column) || this.eq.has(orderBy.column)) return;
    const oc = orderBy.column;
    if (this.ck[this.free] !== oc) {
      const after = this.free > 0 ? ` after ${andList(this.ck.slice(0, this.free))}` : '';
      this.reasons.push(`ordering by ${oc} needs it as the first clustering column${after}`);
    } else if (this.pkMissing.length) {
      this.reasons.push(
        `ordering by ${oc} works only inside one partition: across partitions rows come in token order`,
      );
    }
  }

  /** 6. What Cassandra would say. */
  allowFiltering(): void {
    const restricts = this.q.equals.length > 0 || this.q.range !== undefined;
    const scansAll = this.pkMissing.length > 0;
    this.needsAllowFiltering = !this.unknownColumns && restricts && (scansAll || this.filtersRows);
    if (this.needsAllowFiltering) {
      this.reasons.push(
        scansAll
          ? 'would need ALLOW FILTERING: scans every partition'
          : 'would need ALLOW FILTERING: reads the whole partition and discards the rows that do not match',
      );
    } else if (!this.unknownColumns && scansAll && !restricts) {
      this.reasons.push('reads the whole table: scans every partition');
    }
  }

  /** 7. A key that does not determine the answer's rows loses some of them (moot when columns are missing). */
  overwrites(): void {
    if (this.q.unique && !this.unknownColumns) this.reasons.push(...overwriteWarnings(this.table, this.q.unique));
  }

  /** The verdict's one line: how a served question is read, or how many reasons it is not served. */
  summary(): string {
    const { q, table, eq, free } = this;
    if (this.reasons.length) {
      return `${q.name} on ${table.name}: not served — ${this.reasons.length} reason${this.reasons.length > 1 ? 's' : ''}`;
    }
    const inside = this.ck.slice(0, free).filter((c) => eq.has(c));
    const slice = [...inside.map((c) => `${c} = ?`), ...(this.rangeAtFree ? [`a range of ${q.range}`] : [])];
    const reverse = q.orderBy && table.clustering[free]?.order !== q.orderBy.order ? ' (read in reverse)' : '';
    return (
      `${q.name} on ${table.name}: served — reads one partition (${table.partitionKey.map((p) => `${p} = ?`).join(', ')})` +
      (slice.length ? `, then ${slice.join(', ')} inside it` : '') +
      (q.orderBy && !eq.has(q.orderBy.column)
        ? `, rows already in ${q.orderBy.column} ${q.orderBy.order} order${reverse}`
        : '')
    );
  }
}

/** The verdict when the question restricts an indexed column: the index rules decide, with route and cost. */
function indexVerdict(check: TableCheck, table: TableSpec, options: CheckOptions): Verdict | undefined {
  const used = check.unknownColumns ? [] : indexedRestrictions(check.q, table);
  if (!used.length) return undefined;
  const before = check.reasons.length;
  check.clusteringPrefix();
  const clustering = check.reasons.splice(before);
  const ranges = options.ranges ?? ringRanges(options.cluster);
  const route = indexRoute(check.q, table, used, clustering, ranges);
  check.reasons.push(...route.reasons);
  check.needsAllowFiltering = route.needsAllowFiltering;
  check.overwrites();
  const served = check.reasons.length === 0;
  return {
    question: check.q.name,
    table: table.name,
    served,
    reasons: check.reasons,
    needsAllowFiltering: check.needsAllowFiltering,
    summary: served ? `${check.q.name} on ${table.name}: served — ${route.how}` : check.summary(),
    ...(served ? { via: route.via } : {}),
    index: route.index,
    ...(route.ranges !== undefined ? { ranges: route.ranges } : {}),
    ...(route.refusal ? { refusal: route.refusal } : {}),
  };
}

/**
 * Whether `table` answers `question` with a plain single-partition read, and why not; through its
 * indexes when the question restricts an indexed column (the cost for the cluster in `options`).
 */
export function checkQuestion(question: Question, table: TableSpec, options: CheckOptions = {}): Verdict {
  const check = new TableCheck(question, table);
  check.columnsExist();
  const indexed = indexVerdict(check, table, options);
  if (indexed) return indexed;
  check.partitionKeyByEquality();
  check.clusteringPrefix();
  check.nonKeyRestrictions();
  check.order();
  check.allowFiltering();
  check.overwrites();
  const served = check.reasons.length === 0;
  const summary = check.summary();
  return {
    question: check.q.name,
    table: table.name,
    served,
    reasons: check.reasons,
    needsAllowFiltering: check.needsAllowFiltering,
    summary,
    ...(served ? { via: 'partition' as const } : {}),
  };
}

/** The verdict for every question against every table, question by question. */
export function checkAll(
  questions: readonly Question[],
  tables: readonly TableSpec[],
  options: CheckOptions = {},
): Verdict[] {
  return questions.flatMap((q) => tables.map((t) => checkQuestion(q, t, options)));
}

/** The tables that serve a question. */
export function servingTables(
  question: Question,
  tables: readonly TableSpec[],
  options: CheckOptions = {},
): TableSpec[] {
  return tables.filter((t) => checkQuestion(question, t, options).served);
}
