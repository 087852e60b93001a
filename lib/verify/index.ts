// verify: the tables hold what the files hold — the merged file's plays cut by token range onto disk, each
// table read back range by range and reconciled: rows expected, present, missing, unexpected, different.
export * from './verify';
export { tokenRanges, rangeOf, type TokenRange } from './ranges';
export { compareRange, expectedRows, type RangeTally, type RowExample, type Difference } from './compare';
export { rangeSelectCql, type ConsistencyName } from './scan';
