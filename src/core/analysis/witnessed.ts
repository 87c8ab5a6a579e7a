/**
 * The rules whose findings a call can show: what a caller lives through.
 * Their findings get a witness call (core/witness); kept here, apart from
 * the machine the witnesses run on, so that a face can tell which findings
 * have one without loading it.
 */
export const WITNESSED_RULES: ReadonlySet<string> = new Set([
  'dead-end',
  'trap-loop',
  'no-human-route',
  'unbounded-retry',
  'slow-path-to-human',
  'repeated-input',
  'unannounced-wait',
  'broken-reference',
  'deep-menu'
]);
