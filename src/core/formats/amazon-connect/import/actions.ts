/**
 * Steps → native nodes, by action type. Menus and inputs are in inputs.ts,
 * Compare and Loop in branch.ts; every action not modelled is kept as an
 * opaque step with its branches as outcomes.
 */
import type { FlowNode, Scalar } from '../../../model/types.ts';
import { branch, loop } from './branch.ts';
import { conditionEdge, errorEdge, missing, nextEdge } from './edges.ts';
import { input, menu } from './inputs.ts';
import type { NodeMaker, Outcomes } from './maker.ts';
import { isObject, type Json, type Step, type StepEdge } from './steps.ts';
import { designOf, promptOf, str } from './values.ts';
import { TARGET_QUEUE } from '../contract.ts';

/** Set-like actions that have no error branch in Connect. */
const NO_ERROR_BRANCH = new Set([
  'UpdateFlowLoggingBehavior',
  'UpdateContactRecordingBehavior',
  'UpdateContactTextToSpeechVoice',
  'SetContactFlow'
]);

const EXTERNAL_CALLS = new Set(['InvokeLambdaFunction', 'InvokeExternalResource', 'GetMetricData', 'InvokeThirdPartyAction']);

/** The native node(s) a step is. */
export function convert(maker: NodeMaker, step: Step): FlowNode[] {
  const p = step.parameters;
  switch (step.type) {
    case 'DisconnectParticipant':
    case 'EndFlowExecution':
      return [{ ...maker.base(step, {}), kind: 'hangup' } as FlowNode];
    case 'EndFlowModuleExecution':
      return [{ ...maker.base(step, {}), kind: 'return' } as FlowNode];
    case 'MessageParticipant': {
      const outcomes: Outcomes = {};
      const next = nextEdge(step);
      const target = maker.outcome(outcomes, 'next', next);
      maker.unmodelled(step, 'prompt', [next]);
      const prompt = promptOf(p);
      if (prompt === undefined) maker.note(step, 'no Text, SSML or PromptId: the prompt is empty');
      return [{ ...maker.base(step, outcomes), kind: 'prompt', prompt: prompt ?? '', ...(target === undefined ? {} : { next: target }) } as FlowNode];
    }
    case 'GetParticipantInput':
      return str(p.StoreInput)?.toLowerCase() === 'true' ? [input(maker, step)] : [menu(maker, step, false)];
    case 'ConnectParticipantWithLexBot':
      return [menu(maker, step, true)];
    case 'Compare':
      return [branch(maker, step)];
    case 'Loop':
      return loop(maker, step);
    case 'TransferContactToQueue': {
      const outcomes: Outcomes = {};
      const answered = nextEdge(step);
      const overflow = errorEdge(step, 'QueueAtCapacity');
      const a = maker.outcome(outcomes, 'answered', answered);
      maker.outcome(outcomes, 'overflow', overflow);
      const o = maker.route(step, 'queue', overflow, [answered]);
      const queue = str(p.QueueId) ?? str(p.AgentId) ?? maker.targetQueueOf(step.id) ?? TARGET_QUEUE;
      // A design's estimate of the wait, kept in the editor metadata by this tool's export.
      const design = designOf(step);
      const wait = design?.kind === 'queue' && typeof design['expectedWaitSeconds'] === 'number' && Number.isFinite(design['expectedWaitSeconds']) && design['expectedWaitSeconds'] >= 0 ? design['expectedWaitSeconds'] : undefined;
      return [
        {
          ...maker.base(step, outcomes),
          kind: 'queue',
          queue: queue === '' ? TARGET_QUEUE : queue,
          ...(wait === undefined ? {} : { expectedWaitSeconds: wait }),
          ...(a === undefined ? {} : { answered: a }),
          ...(o === undefined ? {} : { overflow: o })
        } as FlowNode
      ];
    }
    case 'TransferParticipantToThirdParty': {
      const outcomes: Outcomes = {};
      const connected = nextEdge(step);
      const failed = errorEdge(step, 'CallFailed', 'ConnectionTimeLimitExceeded');
      const c = maker.outcome(outcomes, 'connected', connected);
      maker.outcome(outcomes, 'failed', failed);
      const f = maker.route(step, 'transfer', failed, [connected]);
      const number = str(p.ThirdPartyPhoneNumber);
      return [
        {
          ...maker.base(step, outcomes),
          kind: 'transfer',
          number: number === undefined || number === '' ? 'an external number' : number,
          reachesPerson: true,
          ...(c === undefined ? {} : { connected: c }),
          ...(f === undefined ? {} : { failed: f })
        } as FlowNode
      ];
    }
    case 'CreateCallbackContact': {
      const outcomes: Outcomes = {};
      const scheduled = nextEdge(step);
      const failed = errorEdge(step);
      const s = maker.outcome(outcomes, 'scheduled', scheduled);
      const f = maker.outcome(outcomes, 'failed', failed);
      maker.unmodelled(step, 'callback', [scheduled, failed]);
      if (f === undefined) {
        maker.note(step, `no error branch: a callback request that fails would drop the call ("${failed.name}" has no transition); the native callback node cannot show it`, failed.pointer);
      }
      const queue = str(p.QueueId) ?? str(p.AgentId);
      return [
        {
          ...maker.base(step, outcomes),
          kind: 'callback',
          queue: queue === undefined || queue === '' ? TARGET_QUEUE : queue,
          numberVariable: '$.CallbackNumber',
          ...(s === undefined ? {} : { scheduled: s }),
          ...(f === undefined ? {} : { failed: f })
        } as FlowNode
      ];
    }
    case 'TransferToFlow': {
      const design = designOf(step);
      if (design?.kind === 'voicemail') return [voicemail(maker, step, design)];
      const outcomes: Outcomes = {};
      const back = step.errors.length > 0 || step.next === undefined ? errorEdge(step) : step.next;
      const next = maker.outcome(outcomes, 'next', back);
      maker.unmodelled(step, 'sub-flow', [back]);
      const flow = str(p.ContactFlowId) ?? str(p.FlowModuleId);
      maker.note(step, 'TransferToFlow does not come back: the native sub-flow\'s "next" is the error branch, taken when the transfer fails');
      return [
        {
          ...maker.base(step, outcomes),
          kind: 'subflow',
          flow: flow === undefined || flow === '' ? 'an unnamed flow' : flow,
          ...(next === undefined ? {} : { next })
        } as FlowNode
      ];
    }
    case 'CheckHoursOfOperation':
    case 'CheckStaffing': {
      const hours = step.type === 'CheckHoursOfOperation';
      maker.note(
        step,
        hours
          ? 'the hours of operation are set up in the Connect instance, not in the flow: kept as a step with True/False outcomes'
          : 'staffing is only known at run time: kept as a step with True/False outcomes'
      );
      const edges = [
        { edge: conditionEdge(step, 'True') ?? { ...nextEdge(step), name: 'True' } },
        { edge: conditionEdge(step, 'False') ?? { ...nextEdge(step), name: 'False' } },
        { edge: errorEdge(step) }
      ];
      maker.unmodelled(step, 'step', edges.map((e) => e.edge));
      return [maker.opaque(step, edges)];
    }
    default:
      break;
  }
  if (EXTERNAL_CALLS.has(step.type)) return [lookup(maker, step)];
  if (step.type.startsWith('Update') || step.type === 'SetContactFlow') return [setLike(maker, step)];
  maker.note(step, `${step.vendorType} is not modelled: kept as a step with its branches as outcomes`);
  return [maker.generic(step)];
}

/** A transfer to a voicemail flow that the export marked as a native voicemail. */
function voicemail(maker: NodeMaker, step: Step, design: Json): FlowNode {
  const outcomes: Outcomes = {};
  const recorded = nextEdge(step);
  const failed = errorEdge(step);
  const r = maker.outcome(outcomes, 'recorded', recorded);
  const f = maker.outcome(outcomes, 'failed', failed);
  maker.unmodelled(step, 'voicemail', [recorded, failed]);
  const mailbox = str(design.mailbox) ?? str(step.parameters.ContactFlowId) ?? '';
  const maxSeconds = design.maxSeconds;
  return {
    ...maker.base(step, outcomes),
    kind: 'voicemail',
    mailbox: mailbox === '' ? 'the voicemail flow' : mailbox,
    ...(typeof maxSeconds === 'number' && Number.isFinite(maxSeconds) && maxSeconds >= 0 ? { maxSeconds } : {}),
    ...(r === undefined ? {} : { recorded: r }),
    ...(f === undefined ? {} : { failed: f })
  } as FlowNode;
}

function lookup(maker: NodeMaker, step: Step): FlowNode {
  const p = step.parameters;
  const outcomes: Outcomes = {};
  const success = nextEdge(step);
  const failure = errorEdge(step);
  const s = maker.outcome(outcomes, 'success', success);
  const f = maker.outcome(outcomes, 'failure', failure);
  maker.unmodelled(step, 'lookup', [success, failure]);
  const service = str(p.LambdaFunctionARN) ?? str(p.FunctionArn) ?? step.vendorType;
  return {
    ...maker.base(step, outcomes),
    kind: 'lookup',
    service: service === '' ? step.vendorType : service,
    ...(s === undefined ? {} : { success: s }),
    ...(f === undefined ? {} : { failure: f })
  } as FlowNode;
}

/**
 * `Update…` actions: a `set` when nothing can go another way (no error
 * branch in Connect, or every error branch goes where NextAction goes),
 * else a step whose NoMatchingError outcome is a dead end when unwired.
 */
function setLike(maker: NodeMaker, step: Step): FlowNode {
  const next = nextEdge(step);
  const errorsAgree = step.errors.length > 0 ? step.errors.every((e) => e.target === next.target) : NO_ERROR_BRANCH.has(step.type);
  if (!errorsAgree || next.target === undefined) {
    const edges: { edge: StepEdge }[] = [{ edge: next }, ...step.errors.map((edge) => ({ edge }))];
    if (!NO_ERROR_BRANCH.has(step.type) && step.errors.length === 0) {
      edges.push({ edge: missing(step, 'NoMatchingError') });
    }
    return maker.opaque(step, edges);
  }
  const outcomes: Outcomes = {};
  const target = maker.outcome(outcomes, 'next', next);
  const assign: [string, Scalar][] = [];
  const attributes = step.parameters.Attributes;
  if (step.type === 'UpdateContactAttributes' && isObject(attributes)) {
    for (const key of Object.keys(attributes)) {
      const value = attributes[key];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
        assign.push([`$.Attributes.${key}`, value]);
      }
    }
  }
  return {
    ...maker.base(step, outcomes),
    kind: 'set',
    ...(assign.length > 0 ? { assign: Object.fromEntries(assign) } : {}),
    ...(target === undefined ? {} : { next: target })
  } as FlowNode;
}
