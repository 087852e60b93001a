// conceptual: the conceptual model of the plays, from their measured dependencies. Owns the dependencies
// the lesson shows (those of dependencies.ts, which hold, and user_id → level, which does not: a user moves
// between free and paid), measuring each on the merged file (how many distinct `from` values — groups — and in
// how many of them some `to` column takes more than one value — violations — with a few examples), and
// the entities and relationships those dependencies make: one entity per determinant (User, Session, Play),
// its own attributes, and "1 — n" between an entity and the one its key determines. The diagram is drawn
// in conceptual-svg.ts. Streams the file once (no Cassandra needed).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { closure, PLAY_DEPENDENCIES, type Dependency } from './dependencies';
import { COLUMN_CATALOG } from './question';
import { readPlays } from '../etl/plays';
import type { Play, PlayColumn } from '../etl/columns';

/** A dependency the lesson shows, with whether it holds in the plays (and why, or why not). */
export interface ShownDependency extends Dependency {
  holds: boolean;
}

/** The dependencies the conceptual model is drawn from, and the one that fails: a user's level changes over the month. */
export const SHOWN_DEPENDENCIES: readonly ShownDependency[] = [
  ...PLAY_DEPENDENCIES.map((d) => ({ ...d, holds: true })),
  { from: ['user_id'], to: ['level'], holds: false, why: 'a user moves between free and paid' },
];

/** One group where the dependency fails: its `from` values, and each `to` column that varies with its values. */
export interface DependencyViolation {
  key: Record<string, string | number>;
  /** The distinct values, in the order first seen (at most 5 per column). */
  varies: Record<string, (string | number)[]>;
}

export interface MeasuredDependency {
  from: string[];
  to: string[];
  why?: string;
  /** What the lesson expects (ShownDependency.holds); absent for a dependency given without it. */
  expected?: boolean;
  /** Plays read. */
  plays: number;
  /** Distinct values of the `from` columns. */
  groups: number;
  /** Groups where some `to` column takes more than one value. */
  violations: number;
  /** Measured: no violation. */
  holds: boolean;
  /** The first violating groups (at most 3), in the order their key first appears in the file. */
  examples: DependencyViolation[];
}

const MAX_EXAMPLES = 3;
const MAX_VALUES = 5;

/** The play field a dependency's column reads. */
function fieldOf(column: string): PlayColumn {
  const c = COLUMN_CATALOG[column];
  if (!c) throw new Error(`No play column ${column}`);
  return c.from;
}

interface Group {
  /** The first value of each `to` column. */
  first: (string | number)[];
  /** Per varying `to` column (by index), its distinct values in order. */
  varies?: Map<number, (string | number)[]>;
}

/** One dependency's groups while the file streams. */
class DependencyTally {
  readonly groups = new Map<string, Group>();
  private readonly fromFields: PlayColumn[];
  private readonly toFields: PlayColumn[];

  constructor(readonly dep: Dependency & { holds?: boolean }) {
    this.fromFields = dep.from.map(fieldOf);
    this.toFields = dep.to.map(fieldOf);
  }

  add(play: Play): void {
    const key = JSON.stringify(this.fromFields.map((f) => play[f]));
    const values = this.toFields.map((f) => play[f]);
    const g = this.groups.get(key);
    if (!g) {
      this.groups.set(key, { first: values });
      return;
    }
    values.forEach((v, i) => {
      const seen = g.varies?.get(i);
      if (seen) {
        if (!seen.includes(v)) seen.push(v);
      } else if (v !== g.first[i]) (g.varies ??= new Map()).set(i, [g.first[i], v]);
    });
  }

  result(plays: number): MeasuredDependency {
    const examples: DependencyViolation[] = [];
    let violations = 0;
    for (const [k, g] of this.groups) {
      if (!g.varies?.size) continue;
      violations++;
      if (examples.length >= MAX_EXAMPLES) continue;
      const keyValues = JSON.parse(k) as (string | number)[];
      const varies: Record<string, (string | number)[]> = {};
      for (const [i, vs] of [...g.varies].sort((a, b) => a[0] - b[0])) varies[this.dep.to[i]] = vs.slice(0, MAX_VALUES);
      examples.push({ key: Object.fromEntries(this.dep.from.map((c, i) => [c, keyValues[i]])), varies });
    }
    const { from, to, why, holds: expected } = this.dep;
    const m: MeasuredDependency = {
      from: [...from],
      to: [...to],
      plays,
      groups: this.groups.size,
      violations,
      holds: !violations,
      examples,
    };
    if (why !== undefined) m.why = why;
    if (expected !== undefined) m.expected = expected;
    return m;
  }
}

/**
 * Streams the merged file once and measures each dependency: its groups (distinct `from` values), the groups
 * where a `to` column takes more than one value, and up to three of them as examples.
 */
export async function measureDependencies(
  file: string,
  deps: readonly (Dependency & { holds?: boolean })[] = SHOWN_DEPENDENCIES,
): Promise<MeasuredDependency[]> {
  const tallies = deps.map((d) => new DependencyTally(d));
  let plays = 0;
  for await (const batch of readPlays(file)) {
    for (const { play } of batch.plays) {
      plays++;
      for (const t of tallies) t.add(play);
    }
  }
  return tallies.map((t) => t.result(plays));
}

/** An entity of the conceptual model: what one determinant identifies. */
export interface Entity {
  name: string;
  /** The determinant: the columns that identify one. */
  key: string[];
  /** The key columns of its own (not those of the entity it belongs to). */
  ownKey: string[];
  /** What it determines that no other entity owns. */
  attributes: string[];
  /** The measured dependency it comes from. */
  measured: MeasuredDependency;
}

/** "1 — n": each `many` has one `one` (its key determines the `one`'s key). */
export interface Relationship {
  one: string;
  many: string;
  /** The measured dependency that says so: the `many`'s. */
  measured: MeasuredDependency;
}

export interface ConceptualModel {
  /** The entities, those that belong to no other first (User, Session, Play). */
  entities: Entity[];
  relationships: Relationship[];
  /** The dependencies shown as not holding (what the model must not assume), or measured failing when not said. */
  failing: MeasuredDependency[];
}

/** Whether the model builds on a dependency: what the lesson says of it, else what was measured. */
const modelled = (m: MeasuredDependency) => m.expected ?? m.holds;

/** The entity names of the Sparkify determinants; another determinant is named after its columns. */
export const ENTITY_NAMES: Readonly<Record<string, string>> = {
  user_id: 'User',
  session_id: 'Session',
  'session_id,item_in_session': 'Play',
};

const nameOf = (key: readonly string[]) =>
  ENTITY_NAMES[key.join(',')] ?? key.map((c) => c.replace(/_id$/, '').replace(/_/g, ' ')).join(' and ');

/**
 * The entities and relationships of the dependencies that hold (as the lesson says; their measured
 * exceptions stay on them): one entity per determinant; its attributes are what it determines minus what
 * another entity it determines owns; `one` 1 — n `many` when the `many`'s key determines the `one`'s key
 * directly (through no third entity).
 */
export function conceptualModel(measured: readonly MeasuredDependency[]): ConceptualModel {
  const holding = measured.filter(modelled);
  const deps = holding.map((m) => ({ from: m.from, to: m.to }));
  const determines = (a: readonly string[], b: readonly string[]) => {
    const c = closure(a, deps);
    return b.every((x) => c.has(x));
  };
  const keys = holding.map((m) => m.from);
  const above = (k: readonly string[]) =>
    keys.filter((o) => o.join() !== k.join() && determines(k, o) && !determines(o, k));
  const entities: Entity[] = holding.map((m) => {
    const parents = above(m.from);
    const owned = new Set(parents.flatMap((p) => [...closure(p, deps)]));
    return {
      name: nameOf(m.from),
      key: [...m.from],
      ownKey: m.from.filter((c) => !owned.has(c)),
      attributes: m.to.filter((c) => !owned.has(c) && !keys.some((k) => k.length === 1 && k[0] === c)),
      measured: m,
    };
  });
  entities.sort((a, b) => above(a.key).length - above(b.key).length);
  const relationships: Relationship[] = [];
  for (const child of entities) {
    const parents = above(child.key);
    for (const p of parents) {
      const direct = !parents.some((mid) => mid.join() !== p.join() && determines(mid, p));
      if (direct) relationships.push({ one: nameOf(p), many: child.name, measured: child.measured });
    }
  }
  return { entities, relationships, failing: measured.filter((m) => !modelled(m)) };
}
