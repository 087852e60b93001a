// The papaparse merge the bench compares a faster one against ("before this work"). On main it IS
// lib/events, so this only re-exports it; branch etl-byte-scanner holds the copy used while lib/ had
// the byte-level scanner.
export { mergeEventFiles } from '../../lib/events';
