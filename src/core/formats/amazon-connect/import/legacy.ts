/**
 * The legacy Amazon Connect console export: `{modules, start, metadata}`.
 * Each module is read into the step shape of the flow language (its type
 * translated to the action it became) while keeping the legacy names of
 * its branches (`Success`, `Error`, `Timeout`, `NoMatch`, `AtCapacity`, …).
 */
import type { ReadResult, Step, StepCondition, StepEdge, StepError } from './steps.ts';
import { conditionName, describeValue, isObject, own, readPosition, readResult, readStepHead, type StepWords } from './steps.ts';

const MODULE_WORDS: StepWords = { list: 'modules', noun: 'module', id: 'id', type: 'type', duplicate: 'module id' };

type Json = Record<string, unknown>;

/** Whether a document is a legacy console export (`modules`, with `start` or `version`). */
export function isLegacyExport(document: unknown): boolean {
  return isObject(document) && Array.isArray(own(document, 'modules')) && (own(document, 'start') !== undefined || own(document, 'version') !== undefined);
}

/** Legacy module type (and target) → flow-language action type. */
function actionType(type: string, target: unknown): string {
  switch (type) {
    case 'PlayPrompt':
      return 'MessageParticipant';
    case 'GetUserInput':
      return target === 'Lex' ? 'ConnectParticipantWithLexBot' : 'GetParticipantInput';
    case 'StoreUserInput':
      return 'GetParticipantInput';
    case 'SetQueue':
      return 'UpdateContactTargetQueue';
    case 'Transfer':
      if (target === 'Flow') return 'TransferToFlow';
      if (target === 'Queue') return 'TransferContactToQueue';
      if (target === 'PhoneNumber' || target === 'ThirdParty') return 'TransferParticipantToThirdParty';
      return `Transfer${typeof target === 'string' ? target : ''}`;
    case 'CheckAttribute':
      return 'Compare';
    case 'InvokeExternalResource':
      return 'InvokeLambdaFunction';
    case 'Disconnect':
      return 'DisconnectParticipant';
    case 'SetAttributes':
      return 'UpdateContactAttributes';
    case 'SetCallBackNumber':
      return 'UpdateContactCallbackNumber';
    case 'CreateCallback':
      return 'CreateCallbackContact';
    case 'SetLoggingBehavior':
      return 'UpdateFlowLoggingBehavior';
    case 'SetRecordingBehavior':
      return 'UpdateContactRecordingBehavior';
    case 'SetVoice':
      return 'UpdateContactTextToSpeechVoice';
    case 'SetEventHook':
      return 'UpdateContactEventHooks';
    default:
      // CheckHoursOfOperation, CheckStaffing, Loop, SetContactFlow, … keep their names.
      return type;
  }
}

/** Legacy branch condition → flow-language error type. */
const ERROR_TYPES: Record<string, string> = {
  Error: 'NoMatchingError',
  Timeout: 'InputTimeLimitExceeded',
  NoMatch: 'NoMatchingCondition',
  AtCapacity: 'QueueAtCapacity',
  InvalidPhoneNumber: 'InvalidCallbackNumber',
  NonDialableNumber: 'CallbackNumberNotDialable',
  CallFailed: 'CallFailed'
};

/** Legacy `conditionType` → flow-language operator. */
const OPERATORS: Record<string, string> = {
  Equals: 'Equals',
  GreaterThan: 'NumberGreaterThan',
  GreaterThanOrEqualTo: 'NumberGreaterOrEqualTo',
  LessThan: 'NumberLessThan',
  LessThanOrEqualTo: 'NumberLessOrEqualTo',
  StartsWith: 'TextStartsWith',
  EndsWith: 'TextEndsWith',
  Contains: 'TextContains'
};

/** Loop and check branches that are conditions in the flow language. */
const CONDITION_BRANCHES: Record<string, string> = {
  Looping: 'ContinueLooping',
  Complete: 'DoneLooping',
  True: 'True',
  False: 'False'
};

const NAMESPACES: Record<string, string> = {
  'User Defined': 'Attributes',
  External: 'External',
  System: 'System',
  Lex: 'Lex'
};

/** A parameter's value as flow-language text: an attribute reference stays a `$.…` placeholder. */
function parameterValue(parameter: Json): string | undefined {
  const value = own(parameter, 'value');
  const resourceName = own(parameter, 'resourceName');
  let text: string | undefined;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  if ((text === undefined || text === '') && typeof resourceName === 'string' && resourceName !== '') return resourceName;
  if (text === undefined) return undefined;
  const namespace = own(parameter, 'namespace');
  if (typeof namespace === 'string' && namespace !== '') return `$.${NAMESPACES[namespace] ?? namespace}.${text}`;
  return text;
}

/** Flow-language parameters from the legacy `parameters` list. */
function parametersOf(type: string, list: unknown[]): Record<string, unknown> {
  const byName = new Map<string, string>();
  const attributes: [string, string][] = [];
  let ssml = false;
  for (const item of list) {
    if (!isObject(item)) continue;
    const name = own(item, 'name');
    if (typeof name !== 'string') continue;
    const value = parameterValue(item);
    if (name === 'TextToSpeechType' && own(item, 'value') === 'ssml') ssml = true;
    if (value === undefined) continue;
    if (name === 'Attribute' && type === 'SetAttributes') {
      const key = own(item, 'key');
      if (typeof key === 'string' && key !== '') attributes.push([key, value]);
      continue;
    }
    if (!byName.has(name)) byName.set(name, value);
  }
  const get = (name: string): string | undefined => byName.get(name);
  const out: Record<string, unknown> = {};
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  const text = get('Text');
  if (text !== undefined) set(ssml ? 'SSML' : 'Text', text);
  set('PromptId', get('AudioPrompt'));
  switch (type) {
    case 'GetUserInput':
    case 'StoreUserInput':
      set('InputTimeLimitSeconds', get('Timeout'));
      if (type === 'StoreUserInput') {
        out.StoreInput = 'True';
        const max = get('MaxDigits');
        if (max !== undefined) out.InputValidation = { CustomValidation: { MaximumLength: max } };
      } else {
        out.StoreInput = 'False';
      }
      break;
    case 'SetQueue':
      set('QueueId', get('Queue'));
      set('AgentId', get('Agent'));
      break;
    case 'Transfer':
      set('ContactFlowId', get('ContactFlowId'));
      set('ThirdPartyPhoneNumber', get('PhoneNumber'));
      break;
    case 'CheckAttribute': {
      const attribute = get('Attribute');
      const namespace = get('Namespace');
      if (attribute !== undefined) {
        out.ComparisonValue = `$.${namespace === undefined ? 'Attributes' : (NAMESPACES[namespace] ?? namespace)}.${attribute}`;
      }
      break;
    }
    case 'InvokeExternalResource':
      set('LambdaFunctionARN', get('FunctionArn'));
      set('InvocationTimeLimitSeconds', get('TimeLimit'));
      break;
    case 'Loop':
      set('LoopCount', get('LoopCount'));
      break;
    case 'SetAttributes':
      out.Attributes = Object.fromEntries(attributes);
      break;
    case 'SetCallBackNumber':
      set('CallbackNumber', get('CallBackNumber'));
      break;
    case 'CreateCallback':
      set('QueueId', get('Queue'));
      break;
    default:
      for (const [name, value] of byName) if (!Object.hasOwn(out, name)) out[name] = value;
  }
  return out;
}

/** A legacy export's modules as steps. */
export function readLegacy(document: Json, pointer: (p: string) => string): ReadResult {
  const problems: ReadResult['problems'] = [];
  const notes: ReadResult['notes'] = [];
  const steps: Step[] = [];
  const modules = own(document, 'modules') as unknown[];
  const start = own(document, 'start');
  if (typeof start !== 'string' || start === '') {
    problems.push({ pointer: '/start', message: `"start" must be the id of the first module, got ${describeValue(start)}` });
  }
  const seen = new Map<string, number>();
  modules.forEach((value: unknown, index) => {
    const head = readStepHead(value, index, MODULE_WORDS, seen, problems);
    if (head === undefined) return;
    const { object: module, id, type, at } = head;
    const branches = own(module, 'branches');
    if (branches !== undefined && !Array.isArray(branches)) {
      problems.push({ pointer: `${at}/branches`, message: `"branches" must be an array, got ${describeValue(branches)}` });
      return;
    }
    let parameters = own(module, 'parameters');
    if (parameters !== undefined && !Array.isArray(parameters)) {
      notes.push({ node: id, pointer: `${at}/parameters`, message: `"parameters" should be an array, got ${describeValue(parameters)}: ignored` });
      parameters = undefined;
    }
    let next: StepEdge | undefined;
    const conditions: StepCondition[] = [];
    const errors: StepError[] = [];
    (Array.isArray(branches) ? branches : []).forEach((branch: unknown, j) => {
      const bAt = `${at}/branches/${j}`;
      const condition = isObject(branch) ? own(branch, 'condition') : undefined;
      if (!isObject(branch) || typeof condition !== 'string' || condition === '') {
        problems.push({ pointer: bAt, message: 'a branch is {"condition": "<Success, Error, …>", "transition": "<module id>"}' });
        return;
      }
      const transition = own(branch, 'transition');
      if (transition !== undefined && typeof transition !== 'string') {
        problems.push({ pointer: `${bAt}/transition`, message: `a transition is a module id (a string; empty for none), got ${describeValue(transition)}` });
        return;
      }
      // An empty transition, like an empty NextAction, is a branch with no next step.
      const edge = { target: transition === '' ? undefined : transition, pointer: pointer(`${bAt}/transition`) };
      if (condition === 'Success') {
        next ??= { ...edge, name: 'Success' };
      } else if (condition === 'Evaluate') {
        const conditionType = own(branch, 'conditionType');
        const value = own(branch, 'conditionValue');
        const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
        if (text === undefined) {
          problems.push({ pointer: `${bAt}/conditionValue`, message: `an Evaluate branch needs a "conditionValue", got ${describeValue(value)}` });
          return;
        }
        const operator = typeof conditionType === 'string' ? (OPERATORS[conditionType] ?? conditionType) : 'Equals';
        conditions.push({ ...edge, operator, value: text, name: conditionName(text) });
      } else if (Object.hasOwn(CONDITION_BRANCHES, condition)) {
        conditions.push({ ...edge, operator: 'Equals', value: CONDITION_BRANCHES[condition]!, name: condition });
      } else {
        errors.push({ ...edge, type: ERROR_TYPES[condition] ?? condition, name: condition });
      }
    });
    const target = own(module, 'target');
    const parameterList = Array.isArray(parameters) ? parameters : [];
    const metadata = own(module, 'metadata');
    steps.push({
      id,
      type: actionType(type, target),
      vendorType: type,
      pointer: pointer(at),
      at,
      transitionsPointer: pointer(Array.isArray(branches) ? `${at}/branches` : at),
      parameters: parametersOf(type, parameterList),
      next,
      conditions,
      errors,
      position: isObject(metadata) ? readPosition(own(metadata, 'position')) : undefined,
      raw: module,
      legacy: true
    });
  });
  return readResult(steps, start, own(document, 'metadata'), problems, notes);
}
