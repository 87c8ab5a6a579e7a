/**
 * Every lint rule's documentation, by rule id: what `zeroout rules <id>`
 * prints. Kept apart from the rules (rules/index.ts) so that what runs them,
 * the designer above all, never carries it; only the documentation's readers
 * import this module. Each rule's is in a file named after its id.
 */
import type { RuleDocs } from '../../types.ts';
import brokenReference from './broken-reference.ts';
import deadEnd from './dead-end.ts';
import deepMenu from './deep-menu.ts';
import hoursFailClosed from './hours-fail-closed.ts';
import missingTranslation from './missing-translation.ts';
import inconsistentKeys from './inconsistent-keys.ts';
import goalBeforeKey from './goal-before-key.ts';
import similarOptions from './similar-options.ts';
import noAgentOption from './no-agent-option.ts';
import noHumanRoute from './no-human-route.ts';
import promptKeyMismatch from './prompt-key-mismatch.ts';
import repeatedInput from './repeated-input.ts';
import slowPathToHuman from './slow-path-to-human.ts';
import tooManyOptions from './too-many-options.ts';
import trapLoop from './trap-loop.ts';
import unannouncedWait from './unannounced-wait.ts';
import unboundedRetry from './unbounded-retry.ts';
import unreachable from './unreachable.ts';
import subflowCycle from './subflow-cycle.ts';
import unresolvedSubflow from './unresolved-subflow.ts';
import unannouncedEntryLength from './unannounced-entry-length.ts';
import languageChoiceLate from './language-choice-late.ts';
import staleTranslation from './stale-translation.ts';

/** Rule id → its documentation, in the order the rules report. */
export const RULE_DOCS: ReadonlyMap<string, RuleDocs> = /* @__PURE__ */ new Map([
  ['broken-reference', brokenReference],
  ['unreachable', unreachable],
  ['dead-end', deadEnd],
  ['trap-loop', trapLoop],
  ['subflow-cycle', subflowCycle],
  ['no-human-route', noHumanRoute],
  ['no-agent-option', noAgentOption],
  ['unbounded-retry', unboundedRetry],
  ['too-many-options', tooManyOptions],
  ['deep-menu', deepMenu],
  ['prompt-key-mismatch', promptKeyMismatch],
  ['slow-path-to-human', slowPathToHuman],
  ['unannounced-wait', unannouncedWait],
  ['hours-fail-closed', hoursFailClosed],
  ['repeated-input', repeatedInput],
  ['missing-translation', missingTranslation],
  ['inconsistent-keys', inconsistentKeys],
  ['goal-before-key', goalBeforeKey],
  ['similar-options', similarOptions],
  ['unresolved-subflow', unresolvedSubflow],
  ['unannounced-entry-length', unannouncedEntryLength],
  ['language-choice-late', languageChoiceLate],
  ['stale-translation', staleTranslation]
]);

/** A rule's documentation; undefined for an id that names no rule. */
export function ruleDocs(id: string): RuleDocs | undefined {
  return RULE_DOCS.get(id);
}
