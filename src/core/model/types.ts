/** Types of the native flow format, inferred from its schema. */
import type { z } from 'zod';
import type {
  CallStepSchema,
  ConditionSchema,
  FlowSchema,
  LintSettingsSchema,
  MenuOptionSchema,
  NodeSchema,
  PromptSchema,
  TestCallSchema,
  ThresholdsSchema,
  CALL_OUTCOMES,
  CHANNELS,
  FLOW_ROLES,
  NODE_KINDS,
  OUTCOME_MEANINGS
} from './schema.ts';

export type Flow = z.infer<typeof FlowSchema>;
export type FlowNode = z.infer<typeof NodeSchema>;
export type NodeKind = (typeof NODE_KINDS)[number];
export type NodeOfKind<K extends NodeKind> = Extract<FlowNode, { kind: K }>;
export type Prompt = z.infer<typeof PromptSchema>;
export type MenuOption = z.infer<typeof MenuOptionSchema>;
export type Condition = z.infer<typeof ConditionSchema>;
export type Thresholds = z.infer<typeof ThresholdsSchema>;
export type LintSettings = z.infer<typeof LintSettingsSchema>;
export type TestCall = z.infer<typeof TestCallSchema>;
export type CallStep = z.infer<typeof CallStepSchema>;
export type Channel = (typeof CHANNELS)[number];
export type FlowRole = (typeof FLOW_ROLES)[number];
export type OutcomeMeaning = (typeof OUTCOME_MEANINGS)[number];
/** An entry point of a flow: where it starts, on what channel, in what role. */
export type FlowEntry = NonNullable<Flow['entries']>[number];
/** How a call ends: the final states of a flow's machine. */
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export type Scalar = string | number | boolean | null;
