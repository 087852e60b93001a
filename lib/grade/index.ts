// grade: a learner's CQL for a question, graded by Cassandra — the submission split into its statements
// (submission.ts), what the merged file says independently of Cassandra (expected.ts), the rubric's rules
// (rules.ts; the style rules in style.ts, a verdict's shape in verdict.ts) and the orchestrator that runs
// it all in a scratch keyspace (grade.ts).
export * from './submission';
export * from './expected';
export * from './rules';
export * from './grade';
