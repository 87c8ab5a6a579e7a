/**
 * Amazon Connect flows: the flow language (`Version` "2019-10-30"), the
 * legacy console export (`modules`) and the `DescribeContactFlow` wrapper
 * whose `Content` holds either as a string.
 *
 * Both formats are first read into the same list of steps (an action with
 * its default edge, conditions and errors); the steps are then turned into
 * native nodes that keep the action `Identifier` as their id and name every
 * outcome as Connect does (`NoMatchingError`, `QueueAtCapacity`, a condition
 * value, …) so findings speak Connect.
 *
 * ../detect.ts tells the formats apart, flow-language.ts and legacy.ts read
 * steps, actions.ts (with inputs.ts and branch.ts) makes the nodes.
 */
import type { Problem } from '../../../model/load.ts';
import type { FlowNode, FlowRole } from '../../../model/types.ts';
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';
import { findLimitBreach } from '../../../json/limits.ts';
import { finishImport } from '../../finish.ts';
import type { ImportResult, NoteDraft } from '../../types.ts';
import { convert } from './actions.ts';
import { isFlowLanguage, parseContent, wrapperContent } from '../detect.ts';
import { readFlowLanguage } from './flow-language.ts';
import { isLegacyExport, readLegacy } from './legacy.ts';
import { NodeMaker } from './maker.ts';
import { describeValue, isObject, own, type Json, type ReadResult, type Step, type StepEdge } from './steps.ts';
import { designOf } from './values.ts';
import { UNWIRED_KIND } from '../contract.ts';

function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  const bare = last.replace(/\.json$/i, '');
  return bare === '' ? 'amazon-connect-flow' : bare;
}

/** A Connect document (flow language, legacy export or wrapper) as a native flow. */
export function importDocument(document: unknown, file: string): ImportResult {
  const fail = (pointer: string, message: string): ImportResult => ({ ok: false, problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer, message }] });
  if (!isObject(document)) return fail('', `an Amazon Connect flow is a JSON object, got ${describeValue(document)}`);
  const notes: NoteDraft[] = [];
  let flowDocument: unknown = document;
  let pointer = (p: string): string => p;
  let name: string | undefined;
  let description: string | undefined;
  let id: string | undefined;
  let wrapped = false;
  const wrapper = wrapperContent(document);
  if (wrapper !== undefined) {
    const { content, base } = wrapper;
    const contactFlow = own(document, 'ContactFlow');
    if (isObject(contactFlow)) {
      const n = own(contactFlow, 'Name');
      const d = own(contactFlow, 'Description');
      const arn = own(contactFlow, 'Arn');
      if (typeof n === 'string' && n.trim() !== '') name = n;
      if (typeof d === 'string' && d.trim() !== '') description = d;
      if (typeof arn === 'string' && arn !== '') id = arn;
    }
    if (typeof content === 'string') {
      const parsed = parseContent(content);
      if (!parsed.ok) return fail(base, `"Content" is not JSON: ${parsed.message}`);
      // The flow inside the string is held to the limits any file is (json/limits.ts).
      const breach = findLimitBreach(parsed.value);
      if (breach !== undefined) return fail(base, `${breach.message} (at ${breach.pointer} inside Content)`);
      flowDocument = parsed.value;
      // Content is a string: a pointer cannot reach inside it.
      pointer = () => base;
      wrapped = true;
      notes.push({
        pointer: base,
        message: `"Content" holds the flow as a JSON string, so findings point at ${base}; each node keeps the action's place inside it in meta.contentPointer`
      });
    } else if (isObject(content)) {
      flowDocument = content;
      pointer = (p) => `${base}${p}`;
    } else {
      return fail(base, `"Content" must hold the flow as a JSON string, got ${describeValue(content)}`);
    }
    if (!isObject(flowDocument)) return fail(base, `"Content" must hold a flow object, got ${describeValue(flowDocument)}`);
  }
  const inner = flowDocument as Json;
  let read: ReadResult;
  if (isLegacyExport(inner)) {
    read = readLegacy(inner, pointer);
    notes.push({ pointer: pointer(''), message: 'legacy console export (modules): converted to the flow-language meaning of each module' });
  } else if (isFlowLanguage(inner) || own(inner, 'Actions') !== undefined) {
    read = readFlowLanguage(inner, pointer);
  } else {
    return fail(wrapper?.base ?? '', 'not an Amazon Connect flow: expected "Version": "2019-10-30" with "StartAction" and "Actions", or a legacy export with "modules" and "start"');
  }
  if (read.problems.length > 0) {
    return {
      ok: false,
      problems: read.problems.map((p): Problem => ({ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: pointer(p.pointer), message: wrapped ? `${p.message} (at ${p.pointer} inside Content)` : p.message }))
    };
  }
  notes.push(...read.notes.map((n) => ({ ...n, pointer: pointer(n.pointer), message: wrapped ? `${n.message} (at ${n.pointer} inside Content)` : n.message })));
  if (read.steps.length === 0) return fail(pointer(isLegacyExport(inner) ? '/modules' : '/Actions'), 'the flow has no actions');
  const start = read.start;
  if (start === undefined || !read.steps.some((s) => s.id === start)) {
    const at = pointer(isLegacyExport(inner) ? '/start' : '/StartAction');
    return fail(at, `the start ${JSON.stringify(start)} is not the Identifier of any action`);
  }
  const steps = withoutUnwiredMarkers(read.steps);
  const converter = new NodeMaker(steps, wrapped);
  const nodes: FlowNode[] = [];
  for (const step of steps) {
    nodes.push(...convert(converter, step), ...converter.extra);
    converter.extra = [];
  }
  notes.push(...converter.notes);
  name ??= read.name;
  description ??= read.description;
  const flowName = name ?? baseName(file);
  const role = roleOf(document, inner, steps, notes, pointer(''));
  const flow = {
    version: 1,
    id: id ?? flowName,
    name: flowName,
    ...(description === undefined ? {} : { description }),
    start,
    ...(role === 'inbound' ? {} : { role }),
    nodes
  };
  return finishImport(flow, file, notes, wrapper?.base ?? '');
}

/** Connect's flow types (as the API and the exports spell them, folded to lower case without "_"), and the role each gives. */
const ROLES: ReadonlyMap<string, FlowRole> = new Map([
  ['contactflow', 'inbound'],
  ['customerqueue', 'customer-queue'],
  ['customerhold', 'customer-hold'],
  ['agenthold', 'customer-hold'],
  ['customerwhisper', 'customer-whisper'],
  ['outboundwhisper', 'customer-whisper'],
  ['agentwhisper', 'agent-whisper'],
  ['agenttransfer', 'transfer'],
  ['queuetransfer', 'transfer']
]);

/** Actions Connect runs only in a customer queue flow: a file that names no type but uses one is such a flow. */
const QUEUE_ONLY = new Set(['MessageParticipantIteratively', 'DequeueContactAndTransferToQueue']);

/**
 * What the flow is for, from its type: the wrapper's `ContactFlow.Type`
 * (`CUSTOMER_QUEUE`), the flow language's `Metadata.type`
 * (`customerQueue`) or a legacy export's top-level `type`. A file that names
 * none is an inbound flow unless it uses an action only a customer queue
 * flow can run.
 */
function roleOf(document: Json, inner: Json, steps: readonly Step[], notes: NoteDraft[], at: string): FlowRole {
  const contactFlow = own(document, 'ContactFlow');
  const metadata = own(inner, 'Metadata') ?? own(inner, 'metadata');
  const named = [isObject(contactFlow) ? own(contactFlow, 'Type') : undefined, isObject(metadata) ? own(metadata, 'type') : undefined, own(inner, 'type')].find(
    (value): value is string => typeof value === 'string' && value !== ''
  );
  if (named !== undefined) {
    const role = ROLES.get(named.replace(/_/g, '').toLowerCase());
    // An inbound flow may be the voicemail an inbound line hands callers to.
    if (role === 'inbound') return recordsMessage(steps, notes) ? 'voicemail' : role;
    if (role !== undefined) return role;
    notes.push({ pointer: at, message: `flow type ${JSON.stringify(named)} is not one this tool knows: analysed as an inbound flow` });
    return 'inbound';
  }
  const queueOnly = steps.find((step) => QUEUE_ONLY.has(step.type));
  if (queueOnly !== undefined) {
    notes.push({ node: queueOnly.id, pointer: queueOnly.pointer, message: `the file names no flow type, but ${queueOnly.vendorType} runs only in a customer queue flow: analysed as one (the caller is already queued)` });
    return 'customer-queue';
  }
  return recordsMessage(steps, notes) ? 'voicemail' : 'inbound';
}

/**
 * Whether the flow is itself a voicemail: it turns on IVR recording, and a
 * step after that only listens (a GetParticipantInput with no choice to
 * make), so what the caller says is recorded as their message. Such a flow
 * is the deferred help, not a line that owes a route to a person.
 */
function recordsMessage(steps: readonly Step[], notes: NoteDraft[]): boolean {
  const recording = steps.find((step) => {
    const behavior = step.type === 'UpdateContactRecordingBehavior' ? step.parameters['RecordingBehavior'] : undefined;
    return isObject(behavior) && own(behavior, 'IVRRecordingBehavior') === 'Enabled';
  });
  if (recording === undefined) return false;
  // Steps the call can reach once recording is on.
  const byId = new Map(steps.map((step) => [step.id, step]));
  const seen = new Set<string>([recording.id]);
  const queue = [recording];
  for (let i = 0; i < queue.length; i++) {
    const step = queue[i]!;
    if (step !== recording && step.type === 'GetParticipantInput' && step.conditions.length === 0 && String(step.parameters['StoreInput']).toLowerCase() !== 'true') {
      notes.push({ node: recording.id, pointer: recording.pointer, message: `IVR recording is turned on here and ${JSON.stringify(step.id)} then only listens: the flow records the caller's message, and is analysed as a voicemail flow` });
      return true;
    }
    for (const edge of [...(step.next === undefined ? [] : [step.next]), ...step.conditions, ...step.errors]) {
      const next = edge.target === undefined ? undefined : byId.get(edge.target);
      if (next !== undefined && !seen.has(next.id)) {
        seen.add(next.id);
        queue.push(next);
      }
    }
  }
  return false;
}

/**
 * The steps without the hang-up an export of this tool added for branches
 * the design left unwired (its design metadata says so): a branch to it is
 * unwired again, a dead end as designed, not an ending the design chose.
 */
function withoutUnwiredMarkers(steps: Step[]): Step[] {
  const markers = new Set(steps.filter((step) => step.type === 'DisconnectParticipant' && designOf(step)?.['kind'] === UNWIRED_KIND).map((step) => step.id));
  if (markers.size === 0) return steps;
  const unwire = <T extends StepEdge>(edge: T): T => (edge.target !== undefined && markers.has(edge.target) ? { ...edge, target: undefined } : edge);
  return steps
    .filter((step) => !markers.has(step.id))
    .map((step) => ({
      ...step,
      next: step.next === undefined ? undefined : unwire(step.next),
      conditions: step.conditions.map(unwire),
      errors: step.errors.map(unwire)
    }));
}
