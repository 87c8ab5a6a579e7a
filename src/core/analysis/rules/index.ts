/** Every lint rule, in the order findings are reported. */
import type { Rule } from '../types.ts';
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

export const RULES: readonly Rule[] = [
  brokenReference,
  unreachable,
  deadEnd,
  trapLoop,
  subflowCycle,
  noHumanRoute,
  noAgentOption,
  unboundedRetry,
  tooManyOptions,
  deepMenu,
  promptKeyMismatch,
  slowPathToHuman,
  unannouncedWait,
  hoursFailClosed,
  repeatedInput,
  missingTranslation,
  inconsistentKeys,
  goalBeforeKey,
  similarOptions,
  unresolvedSubflow,
  unannouncedEntryLength,
  languageChoiceLate,
  staleTranslation
];
