// lesson: the notebook's CQL cells as calls — a Lesson runs a cell's literal CQL on Cassandra and shows
// the outcome (lesson.ts); a table Cassandra holds as a description the checker reads (shape.ts).
export * from './lesson';
export * from './shape';
