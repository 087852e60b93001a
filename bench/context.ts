// context: what the bench's sections share: the options, the files of this run (generated events,
// merged files, the load file), what the Python peers lack, and once the node is up, its client and
// what every loader loads.
import { join } from 'node:path';
import type { Client } from 'cassandra-driver';
import type { Options, Section } from './options';
import type { TableSpec } from '../lib/model/tables';
import type { Question } from './sections/queries';

export interface Paths {
  /** The generated daily event files. */
  dataDir: string;
  mergedOurs: string;
  mergedPython: string;
  mergedV1: string;
  /** The first --load-plays plays of the merged file: what every loader loads. */
  loadFile: string;
}

export interface Bench {
  o: Options;
  paths: Paths;
  has(s: Section): boolean;
  /** Why the Python peers (venv: the Python merge and load, cqlsh) cannot run, if they cannot. */
  venvProblem?: string;
}

/** cqlsh COPY FROM takes CSV columns in table column order: one file per table. */
export interface TableFile {
  table: TableSpec;
  file: string;
}

/** A bench with its node up: what the load sections need. */
export interface Loading extends Bench {
  client: Client;
  host: string;
  loadedPlays: number;
  perTable: TableFile[];
  dsbulkLib?: string;
  stressHome?: string;
  questions: Question[];
}

export function pathsOf(o: Options): Paths {
  return {
    dataDir: join(o.work, `events-${o.events}-d${o.days}-u${o.users}-seed${o.seed}`),
    mergedOurs: join(o.work, 'merged-ours.csv'),
    mergedPython: join(o.work, 'merged-python.csv'),
    mergedV1: join(o.work, 'merged-v1.csv'),
    loadFile: join(o.work, `load-${o.loadPlays}.csv`),
  };
}
