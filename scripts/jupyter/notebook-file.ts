// scripts/jupyter/notebook-file.ts: a notebook file as JSON (nbformat 4). Owns the shapes of its cells
// and outputs the tests and scripts read, joining a multi-line text field, and reading a file.
import * as fs from 'node:fs';

interface NbOutput {
  output_type: string;
  name?: string;
  ename?: string;
  evalue?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}
export interface NbCell {
  cell_type: string;
  id?: string;
  source: string | string[];
  outputs?: NbOutput[];
  execution_count?: number | null;
  metadata?: Record<string, unknown>;
}
export interface Notebook {
  cells: NbCell[];
  metadata: Record<string, unknown>;
}

export const joinText = (t: string | string[] | undefined): string => (Array.isArray(t) ? t.join('') : (t ?? ''));

export function readNotebook(file: string): Notebook {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Notebook;
}
