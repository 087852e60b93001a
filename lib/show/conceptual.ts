// conceptual: the words of the conceptual model (lib/teach/conceptual). Owns how a measured dependency
// reads — its exceptions ("0 exceptions in 835 sessions"), the fact on a relationship ("each session: 1
// user — …"), beside an entity ("each user (user_id): one first_name, … — …"), and a failing dependency in
// two lines with its examples and where its columns belong — and the measured dependencies as an HTML
// table (groups, exceptions, holds). Pure functions over the measurements.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type {
  ConceptualModel,
  DependencyViolation,
  Entity,
  MeasuredDependency,
  Relationship,
} from '../teach/conceptual';
import { andList, formatCount, plural } from './format';
import { htmlTable } from './html';

const noun = (entity: string) => entity.toLowerCase();
const nouns = (entity: string, n: number) => (n === 1 ? noun(entity) : `${noun(entity)}s`);

/** "0 exceptions in 835 sessions": how many groups of the dependency break it. */
export function exceptionsText(m: MeasuredDependency, entity: string): string {
  return `${plural(m.violations, 'exception')} in ${formatCount(m.groups)} ${nouns(entity, m.groups)}`;
}

/** The fact on a relationship: "each session: 1 user — 0 exceptions in 835 sessions". */
export function relationshipFact(r: Relationship): string {
  return `each ${noun(r.many)}: 1 ${noun(r.one)} — ${exceptionsText(r.measured, r.many)}`;
}

/**
 * The fact beside an entity, with the key that identifies one:
 * "each user (user_id): one first_name, last_name, gender and location — 0 exceptions in 87 users".
 */
export function entityFact(e: Entity): string {
  return `each ${noun(e.name)} (${e.key.join(', ')}): one ${andList(e.attributes)} — ${exceptionsText(e.measured, e.name)}`;
}

/** The values an example takes: "free, paid", or per column "song A, C / artist X, Y" for several columns. */
function variesText(x: DependencyViolation, m: MeasuredDependency): string {
  const cols = Object.entries(x.varies);
  if (m.to.length === 1) return cols.map(([, vs]) => vs.join(', ')).join('');
  return cols.map(([c, vs]) => `${c} ${vs.join(', ')}`).join(' / ');
}

/**
 * A failing dependency in words, two lines: what fails and why, then up to three exceptions and where the
 * columns belong instead (the entity that has them as attributes).
 */
export function failingFact(m: MeasuredDependency, model: ConceptualModel): [string, string] {
  const determinant = model.entities.find((e) => e.key.join() === m.from.join());
  const name = determinant ? noun(determinant.name) : andList(m.from);
  const what = m.to.length === 1 ? m.to[0] : `value of ${andList(m.to)}`;
  const why = m.why ? ` (${m.why})` : '';
  const first =
    `✘ ${m.from.join(', ')} → ${m.to.join(', ')} does not hold: ${formatCount(m.violations)} of ` +
    `${formatCount(m.groups)} ${determinant ? nouns(determinant.name, m.groups) : 'groups'} have more than one ${what}${why}`;
  const examples = m.examples.map((x) => `${name} ${Object.values(x.key).join(', ')}: ${variesText(x, m)}`);
  const home = model.entities.find((e) => m.to.every((c) => e.attributes.includes(c)));
  const second = [
    examples.length ? `e.g. ${examples.join('; ')}` : '',
    home ? `so ${andList(m.to)} belongs to the ${noun(home.name)}` : '',
  ]
    .filter(Boolean)
    .join(' — ');
  return [first, second];
}

/** An example's key with its column names: "user_id 28", "session_id 10, item_in_session 0". */
const keyText = (x: DependencyViolation) =>
  Object.entries(x.key)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/**
 * The measured dependencies as a table: the dependency, what it says, how many groups (distinct values of
 * its left side) the file has, in how many of them it fails, and the verdict with the first exception.
 */
export function dependenciesHtml(measured: readonly MeasuredDependency[], options: { caption?: string } = {}): string {
  const rows = measured.map((m) => ({
    dependency: `${m.from.join(', ')} → ${m.to.join(', ')}`,
    why: m.why ?? '',
    groups: m.groups,
    exceptions: m.violations,
    verdict: m.holds
      ? '✔ holds'
      : `✘ does not hold` + (m.examples[0] ? ` (e.g. ${keyText(m.examples[0])}: ${variesText(m.examples[0], m)})` : ''),
  }));
  return htmlTable(rows, {
    caption: options.caption ?? `Dependencies measured on ${formatCount(measured[0]?.plays ?? 0)} plays`,
    className: 'sparkify-dependencies',
    headers: { why: 'in words', groups: 'groups (distinct left sides)' },
    format: { groups: (v) => formatCount(v as number), exceptions: (v) => formatCount(v as number) },
  });
}
