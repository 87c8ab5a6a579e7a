/** JSON pointers, and where in a file's text each pointer's value sits. */
export { escapeToken, indexedPointer, parsePointer, toPointer } from './pointer.ts';
export { locateDiagnostics, locateNearest, locatePointers, locateSyntaxError, type Locate, type Location } from './locate.ts';
export { findLimitBreach, limitProblem, MAX_DEPTH, MAX_STRING, MAX_WALK_DEPTH, type LimitBreach, type LimitOptions } from './limits.ts';
