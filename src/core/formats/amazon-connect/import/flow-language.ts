/** Reading the flow language (`Version` "2019-10-30", `StartAction`, `Actions`) into steps. */
import { FLOW_LANGUAGE_VERSION } from '../contract.ts';
import { conditionName, describeValue, isObject, own, readPosition, readResult, readStepHead, type Json, type ReadResult, type Step, type StepCondition, type StepError, type StepWords } from './steps.ts';

const ACTION_WORDS: StepWords = { list: 'Actions', noun: 'action', id: 'Identifier', type: 'Type', duplicate: 'Identifier' };

/**
 * The target a NextAction names. An empty string is how Connect writes "no
 * next action" (AWS's own examples do, on TransferContactToQueue): the edge
 * is declared and unwired, as if it had no NextAction.
 */
function readEdge(value: unknown, pointer: string, problems: ReadResult['problems']): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value;
  problems.push({ pointer, message: `a NextAction is an action Identifier (a string; empty for no next action), got ${describeValue(value)}` });
  return undefined;
}

/** A flow-language document's actions as steps. */
export function readFlowLanguage(document: Json, pointer: (p: string) => string): ReadResult {
  const problems: ReadResult['problems'] = [];
  const notes: ReadResult['notes'] = [];
  const steps: Step[] = [];
  const version = own(document, 'Version');
  if (version !== undefined && version !== FLOW_LANGUAGE_VERSION) {
    notes.push({ pointer: '/Version', message: `unknown flow language version ${describeValue(version)}: read as ${FLOW_LANGUAGE_VERSION}` });
  }
  const metadata = own(document, 'Metadata');
  const actionMetadata = isObject(metadata) ? own(metadata, 'ActionMetadata') : undefined;
  const actions = own(document, 'Actions');
  if (!Array.isArray(actions)) {
    problems.push({ pointer: '/Actions', message: `"Actions" must be an array of actions, got ${describeValue(actions)}` });
  }
  const start = own(document, 'StartAction');
  if (typeof start !== 'string' || start === '') {
    problems.push({ pointer: '/StartAction', message: `"StartAction" must be the Identifier of the first action, got ${describeValue(start)}` });
  }
  const seen = new Map<string, number>();
  (Array.isArray(actions) ? actions : []).forEach((value: unknown, index) => {
    const head = readStepHead(value, index, ACTION_WORDS, seen, problems);
    if (head === undefined) return;
    const { object: action, id, type, at } = head;
    let parameters = own(action, 'Parameters');
    if (parameters !== undefined && !isObject(parameters)) {
      notes.push({ node: id, pointer: `${at}/Parameters`, message: `"Parameters" should be an object, got ${describeValue(parameters)}: ignored` });
      parameters = undefined;
    }
    const transitions = own(action, 'Transitions');
    const tAt = `${at}/Transitions`;
    if (transitions !== undefined && !isObject(transitions)) {
      problems.push({ pointer: tAt, message: `"Transitions" must be an object, got ${describeValue(transitions)}` });
      return;
    }
    const t: Json = isObject(transitions) ? transitions : {};
    const nextTarget = readEdge(own(t, 'NextAction'), `${tAt}/NextAction`, problems);
    const conditions: StepCondition[] = [];
    const rawConditions = own(t, 'Conditions');
    if (rawConditions !== undefined && !Array.isArray(rawConditions)) {
      problems.push({ pointer: `${tAt}/Conditions`, message: `"Conditions" must be an array, got ${describeValue(rawConditions)}` });
    }
    (Array.isArray(rawConditions) ? rawConditions : []).forEach((c: unknown, j) => {
      const cAt = `${tAt}/Conditions/${j}`;
      const condition = isObject(c) ? own(c, 'Condition') : undefined;
      if (!isObject(c) || !isObject(condition)) {
        problems.push({ pointer: cAt, message: 'a condition is {"NextAction", "Condition": {"Operator", "Operands"}}' });
        return;
      }
      const operator = own(condition, 'Operator');
      const operands = own(condition, 'Operands');
      const operand = Array.isArray(operands) ? operands[0] : undefined;
      if (typeof operator !== 'string' || (typeof operand !== 'string' && typeof operand !== 'number' && typeof operand !== 'boolean')) {
        problems.push({ pointer: `${cAt}/Condition`, message: 'a condition needs an "Operator" (a string) and "Operands" (an array of one value)' });
        return;
      }
      conditions.push({
        operator,
        value: String(operand),
        name: conditionName(String(operand)),
        target: readEdge(own(c, 'NextAction'), `${cAt}/NextAction`, problems),
        pointer: pointer(`${cAt}/NextAction`)
      });
    });
    const errors: StepError[] = [];
    const rawErrors = own(t, 'Errors');
    if (rawErrors !== undefined && !Array.isArray(rawErrors)) {
      problems.push({ pointer: `${tAt}/Errors`, message: `"Errors" must be an array, got ${describeValue(rawErrors)}` });
    }
    (Array.isArray(rawErrors) ? rawErrors : []).forEach((e: unknown, j) => {
      const eAt = `${tAt}/Errors/${j}`;
      const errorType = isObject(e) ? own(e, 'ErrorType') : undefined;
      if (!isObject(e) || typeof errorType !== 'string' || errorType === '') {
        problems.push({ pointer: eAt, message: 'an error branch is {"NextAction", "ErrorType": "<name>"}' });
        return;
      }
      errors.push({
        type: errorType,
        name: errorType,
        target: readEdge(own(e, 'NextAction'), `${eAt}/NextAction`, problems),
        pointer: pointer(`${eAt}/NextAction`)
      });
    });
    const meta = isObject(actionMetadata) ? own(actionMetadata, id) : undefined;
    const position = isObject(meta) ? readPosition(own(meta, 'position') ?? own(meta, 'Position')) : undefined;
    const kept = isObject(meta) ? Object.keys(meta).filter((key) => key !== 'position' && key !== 'Position') : [];
    steps.push({
      ...(kept.length === 0 ? {} : { metadata: Object.fromEntries(kept.map((key) => [key, (meta as Json)[key]])) }),
      id,
      type,
      vendorType: type,
      pointer: pointer(at),
      at,
      transitionsPointer: pointer(isObject(transitions) ? tAt : at),
      parameters: isObject(parameters) ? parameters : {},
      next: own(t, 'NextAction') === undefined ? undefined : { target: nextTarget, name: 'NextAction', pointer: pointer(`${tAt}/NextAction`) },
      conditions,
      errors,
      position,
      raw: action,
      legacy: false
    });
  });
  return readResult(steps, start, metadata, problems, notes);
}
