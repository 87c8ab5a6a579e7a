/**
 * The flow model: the native format's types and schema, loading (parse,
 * migrate, validate), the designer's drafts and the changes applied to them,
 * outcomes, prompts, caller time and references between flows. The command
 * line and the designer reach the model only through this module.
 */
export type { CallStep, Flow, FlowNode, NodeKind, TestCall } from './types.ts';
export { ThresholdsSchema } from './schema.ts';
export { flowJsonSchema, flowJsonSchemaText } from './json-schema.ts';
export { createFlowChecker, formatProblem, loadFlow, loadFlowText, parseJson, type LoadResult, type Problem } from './load.ts';
export { applyFlowChange, applyFlowChanges, pastedIds, type FlowChange, type NodePosition } from './changes.ts';
export { emptyDraft, freshId, newNode, nextFreeKey, outcomesOfDraft, type Draft, type XY } from './draft.ts';
export { helpKind, outcomesOf } from './outcomes.ts';
export { displayName, isMachineId } from './display.ts';
export { promptText } from './prompt.ts';
export { flowFinder } from './references.ts';
