// The papaparse reader the bench compares against; on main it is lib/csv itself (see events-v1.ts).
export { readCsv } from '../../lib/csv';
