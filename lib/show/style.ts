// style: the inline CSS of the notebook's displays, as named constants. Inline, because JupyterLab keeps
// an output's style attributes but not a <style> element of it; named, so each display reads as its
// structure and a colour is chosen once.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

/** Ink of a good outcome (served, within the guidance). */
export const GOOD = '#047857';
/** Ink of a bad outcome (not served, refused, rows lost). */
export const BAD = '#b91c1c';
/** Ink of a failure count in a load result. */
export const FAILED = '#b00';
/** Ink and border of a warning. */
export const WARN = '#b45309';
const WARN_BORDER = '#d97706';

/** The progress bar of the one-line progress displays. */
export const PROGRESS_BAR = 'width: 12em; vertical-align: middle';

/** A cell of the verdict table: text from the top left. */
export const CELL = 'text-align: left; vertical-align: top';
/** The question heading a row of the verdict table. */
export const QUESTION_CELL = `${CELL}; min-width: 9em; max-width: 14em`;
/** Backgrounds of a served and a not-served verdict. */
export const SERVED_FILL = 'background: #ecfdf5';
export const NOT_SERVED_FILL = 'background: #fef2f2';
/** The list of reasons under "✘ not served". */
export const REASONS_LIST = 'margin: 0.2em 0 0 1.1em; padding: 0; font-size: 0.9em';
/** Cassandra's refusal, boxed. */
export const REFUSAL_BOX = `border-left: 4px solid ${BAD}; background: #fef2f2; padding: 0.4em 0.8em; margin: 0.4em 0`;
/** The partition warnings, boxed. */
export const WARNING_BOX = `border-left: 4px solid ${WARN_BORDER}; background: #fffbeb; padding: 0.4em 0.8em`;
/** The list inside the warning box. */
export const WARNING_LIST = 'margin: 0.2em 0 0 1.2em; padding: 0';
