/**
 * Amazon Connect export: a native flow as flow-language JSON
 * (`Version` "2019-10-30") that `CreateContactFlow` accepts.
 *
 * A node imported from a flow-language file keeps its action in
 * `meta.vendor`; it is written back as it came, with only the targets the
 * designer changed rewritten, and the helper nodes the importer added
 * (`<Identifier>:LoopCount`, `<Identifier>:errors`) fold back into it. Every
 * other node is built from the native model with deterministic UUIDs derived
 * from the flow id and the node id.
 *
 * References to the account's resources (queue ARNs, flow ARNs, Lambda ARNs,
 * voicemail flows) come from `options.env`; a missing one is a problem that
 * names it, so nothing ships with a made-up ARN.
 */
import type { Problem } from '../model/load.ts';
import type { Condition, Flow, FlowNode, Prompt } from '../model/types.ts';
import { outcomesOf, type Outcome } from '../model/outcomes.ts';
import { localesOf, promptText } from '../model/prompt.ts';
import { spokenSettings } from './ship.ts';
import { asNotes, type ExportOptions, type ExportResult, type NoteDraft } from './types.ts';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../diagnostic/index.ts';

export const MAX_ACTIONS = 250;
const FLOW_LANGUAGE_VERSION = '2019-10-30';

type Json = Record<string, unknown>;

export interface ConnectAction {
  Identifier: string;
  Type: string;
  Parameters?: Json;
  Transitions?: {
    NextAction?: string;
    Conditions?: { NextAction: string; Condition: { Operator: string; Operands: string[] } }[];
    Errors?: { NextAction: string; ErrorType: string }[];
  };
}

/** The export plus, for tests and tools, which native node each action came from. */
export type DetailedExportResult =
  | { readonly ok: true; readonly document: Json; readonly notes: readonly Diagnostic[]; readonly origins: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly problems: readonly Problem[] };

// ---------------------------------------------------------------------------
// Deterministic UUIDs: a name-based (version 5 style) UUID from SHA-1.

function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const c = char.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

/** SHA-1 of a byte list (FIPS 180-4), as 20 bytes. */
export function sha1(input: readonly number[]): number[] {
  const bytes = [...input, 0x80];
  while (bytes.length % 64 !== 56) bytes.push(0);
  const bits = input.length * 8;
  const high = Math.floor(bits / 0x100000000);
  for (const word of [high, bits >>> 0]) bytes.push((word >>> 24) & 255, (word >>> 16) & 255, (word >>> 8) & 255, word & 255);
  let h0 = 0x67452301, h1 = 0xefcdab89, h2 = 0x98badcfe, h3 = 0x10325476, h4 = 0xc3d2e1f0;
  const w = new Array<number>(80).fill(0);
  const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
  for (let offset = 0; offset < bytes.length; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
    }
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1);
    let a = h0, b = h1, c = h2, d = h3, e = h4;
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
      else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
      else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
      else { f = b ^ c ^ d; k = 0xca62c1d6; }
      const t = (rotl(a, 5) + f + e + k + w[i]!) | 0;
      e = d; d = c; c = rotl(b, 30); b = a; a = t;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0; h4 = (h4 + e) | 0;
  }
  const out: number[] = [];
  for (const h of [h0, h1, h2, h3, h4]) out.push((h >>> 24) & 255, (h >>> 16) & 255, (h >>> 8) & 255, h & 255);
  return out;
}

/** The namespace of Zero Out's action Identifiers (itself a random UUID). */
const NAMESPACE = '3b1f6a52-9c4e-4d2a-8f0e-7a6c5d4b3e21';

/** A version 5 UUID for `name` in `namespace` (RFC 4122 §4.3). */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = namespace.replace(/-/g, '').match(/../g)!.map((h) => parseInt(h, 16));
  const hash = sha1([...ns, ...utf8(name)]).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The Identifier of a native node's action (or of one of its helper actions). */
export function actionIdentifier(flowId: string, nodeId: string, part?: string): string {
  return uuidV5(part === undefined ? `${flowId}\u0000${nodeId}` : `${flowId}\u0000${nodeId}\u0000${part}`);
}

// ---------------------------------------------------------------------------

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The kept flow-language action of a node imported from Connect. */
function vendorAction(node: FlowNode): ConnectAction | undefined {
  const raw = node.meta?.vendor;
  if (!isObject(raw) || typeof raw.Identifier !== 'string' || raw.Identifier === '' || typeof raw.Type !== 'string') return undefined;
  if (node.source === undefined) return undefined;
  return raw as unknown as ConnectAction;
}

/**
 * The key, in an action's editor metadata, under which the export records
 * what the native design says that the action cannot (a transfer to a flow
 * that is a voicemail). The Connect editor keeps metadata it does not know.
 */
export const DESIGN_KEY = 'zeroOut';

/** The editor metadata of an imported action other than its position, kept to be written back. */
function vendorMetadata(node: FlowNode): Record<string, unknown> | undefined {
  const kept = node.meta?.vendorMetadata;
  return isObject(kept) ? clone(kept) : undefined;
}

/** The Identifier of the imported action a helper node belongs to, when it is one. */
function helperOwner(node: FlowNode): string | undefined {
  const errorsOf = node.meta?.errorsOf;
  if (typeof errorsOf === 'string') return errorsOf;
  const raw = vendorAction(node);
  if (raw !== undefined && raw.Identifier !== node.id) return raw.Identifier;
  return undefined;
}

const LEGACY_ERRORS: Record<string, string> = {
  Error: 'NoMatchingError',
  Timeout: 'InputTimeLimitExceeded',
  NoMatch: 'NoMatchingCondition',
  AtCapacity: 'QueueAtCapacity'
};

/** A native variable as a Connect JSONPath reference. */
function reference(variable: string): string {
  if (variable.startsWith('$.')) return variable;
  if (variable === 'caller.ani' || variable === 'caller.number') return '$.CustomerEndpoint.Address';
  if (variable === 'caller.dnis') return '$.SystemEndpoint.Address';
  return `$.Attributes.${variable.replace(/^(flow|vars?)\./, '')}`;
}

function attributeKey(variable: string): string {
  return variable.replace(/^\$\.Attributes\./, '').replace(/^\$\./, '');
}

function scalarText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

class Exporter {
  readonly notes: NoteDraft[] = [];
  readonly problems: Problem[] = [];
  readonly actions: ConnectAction[] = [];
  readonly positions = new Map<string, { x: number; y: number }>();
  readonly origins = new Map<string, string>();
  /** Editor metadata beside an action's position: what the native design says that Connect cannot. */
  readonly metadata = new Map<string, Record<string, unknown>>();
  private readonly byId = new Map<string, FlowNode>();
  private readonly index = new Map<string, number>();
  private readonly locale: string;
  private unwiredTarget: string | undefined;
  /** Set nodes turned into a Loop, and the branch nodes they absorb. */
  private readonly loops = new Map<string, { check: string; count: number; more?: string; done?: string }>();
  private readonly absorbed = new Set<string>();

  constructor(
    private readonly flow: Flow,
    private readonly env: Readonly<Record<string, string>>,
    private readonly file: string
  ) {
    flow.nodes.forEach((node, i) => {
      this.byId.set(node.id, node);
      this.index.set(node.id, i);
    });
    this.locale = localesOf(flow)[0]!;
    this.findLoops();
  }

  private id(nodeId: string, part?: string): string {
    return actionIdentifier(this.flow.id, nodeId, part);
  }

  private note(node: FlowNode | undefined, message: string, pointer?: string): void {
    const at = node === undefined ? '' : `/nodes/${this.index.get(node.id) ?? 0}`;
    this.notes.push({ ...(node === undefined ? {} : { node: node.id }), pointer: pointer === undefined ? at : `${at}${pointer}`, message });
  }

  /** A native counter loop (`set` incrementing `$.Loop.x`, then a branch `le N`) as written by the importer. */
  private findLoops(): void {
    for (const node of this.flow.nodes) {
      if (node.kind !== 'set' || vendorAction(node) !== undefined || node.increment?.length !== 1 || node.next === undefined) continue;
      const counter = node.increment[0]!;
      const check = this.byId.get(node.next);
      if (check === undefined || check.kind !== 'branch' || check.cases.length !== 1) continue;
      const when = check.cases[0]!.when;
      if (Array.isArray(when) || when.var !== counter || when.op !== 'le' || typeof when.value !== 'number') continue;
      if (this.flow.nodes.some((n) => n !== node && outcomesOf(n).some((o) => o.target === check.id))) continue;
      const next = check.cases[0]!.next;
      this.loops.set(node.id, {
        check: check.id,
        count: when.value,
        ...(next === undefined ? {} : { more: next }),
        ...(check.otherwise === undefined ? {} : { done: check.otherwise })
      });
      this.absorbed.add(check.id);
    }
  }

  /** The Identifier a native target leads to. */
  private targetOf(target: string): string | undefined {
    const node = this.byId.get(target);
    if (node === undefined) return undefined;
    const raw = vendorAction(node);
    if (raw !== undefined) return raw.Identifier;
    const owner = helperOwner(node);
    const ownerNode = owner === undefined ? undefined : this.byId.get(owner);
    if (owner !== undefined && ownerNode !== undefined && vendorAction(ownerNode)?.Identifier === owner) return owner;
    if (this.absorbed.has(node.id)) {
      const setter = [...this.loops.entries()].find(([, loop]) => loop.check === node.id);
      if (setter !== undefined) return this.id(setter[0]);
    }
    return this.id(node.id);
  }

  /** The added hang-up that unwired branches go to. */
  private disconnect(): string {
    if (this.unwiredTarget === undefined) {
      this.unwiredTarget = this.id('#unwired');
      this.actions.push({ Identifier: this.unwiredTarget, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
      this.origins.set(this.unwiredTarget, '#unwired');
    }
    return this.unwiredTarget;
  }

  /** Where an outcome goes in Connect: an unwired one goes to the added hang-up. */
  private to(node: FlowNode, outcome: Outcome | undefined, target?: string): string {
    const t = outcome === undefined ? target : outcome.target;
    if (t !== undefined) {
      const id = this.targetOf(t);
      if (id !== undefined) return id;
      this.note(node, `the target ${JSON.stringify(t)} is not a node of this flow: the branch goes to an added DisconnectParticipant`, outcome?.pointer);
      return this.disconnect();
    }
    if (outcome !== undefined && outcome.unwired === 'dead-end') {
      this.note(
        node,
        `the "${outcome.name}" outcome is not wired (a dead end): Connect rejects a branch without a target, so it goes to an added DisconnectParticipant`,
        outcome.pointer
      );
    }
    return this.disconnect();
  }

  private outcome(node: FlowNode, name: string): Outcome | undefined {
    return outcomesOf(node).find((o) => o.name === name);
  }

  private ref(node: FlowNode, what: string, name: string): string {
    // Already a reference Connect resolves: an ARN, a JSONPath or a deployment template.
    if (!Object.hasOwn(this.env, name) && (/^arn:/.test(name) || name.startsWith('$.') || /\$\{|\{\{/.test(name))) return name;
    const value = Object.hasOwn(this.env, name) ? this.env[name] : undefined;
    if (value === undefined || value === '') {
      this.problems.push({
        code: DIAGNOSTIC_CODES.exportReferenceMissing,
        severity: 'error',
        file: this.file,
        pointer: `/nodes/${this.index.get(node.id) ?? 0}`,
        message: `no ${what} for ${JSON.stringify(name)} (node ${JSON.stringify(node.id)}): add "${name}" to the export environment`
      });
      return `$MISSING:${name}`;
    }
    return value;
  }

  private text(prompt: Prompt | undefined, node: FlowNode): Json {
    const text = promptText(prompt, this.locale, this.locale) ?? '';
    if (typeof prompt === 'object' && Object.keys(prompt).length > 1) {
      this.note(node, `the prompt has ${Object.keys(prompt).length} locales; Connect speaks one text per action: the ${this.locale} text is written (set the voice per locale in Connect)`);
    }
    if (/<[a-zA-Z/!][^>]*>/.test(text)) {
      return { SSML: /^\s*<speak[\s>]/.test(text) ? text : `<speak>${text}</speak>` };
    }
    return { Text: text };
  }

  private add(node: FlowNode, action: ConnectAction, offset = 0): string {
    this.actions.push(action);
    this.origins.set(action.Identifier, node.id);
    const base = node.position ?? this.autoPosition(node);
    this.positions.set(action.Identifier, { x: base.x + offset * 220, y: base.y + (offset === 0 ? 0 : 120) });
    return action.Identifier;
  }

  private autoPosition(node: FlowNode): { x: number; y: number } {
    const i = this.index.get(node.id) ?? 0;
    return { x: 240 + (i % 6) * 480, y: 40 + Math.floor(i / 6) * 320 };
  }

  /** A message before a node's own action, when it has a prompt; returns the entry Identifier. */
  private withPrompt(node: FlowNode, prompt: Prompt | undefined, main: string): string {
    if (prompt === undefined) return main;
    return this.add(node, {
      Identifier: this.id(node.id),
      Type: 'MessageParticipant',
      Parameters: this.text(prompt, node),
      Transitions: { NextAction: main, Errors: [{ NextAction: main, ErrorType: 'NoMatchingError' }] }
    });
  }

  run(): void {
    const groups = new Map<string, FlowNode[]>();
    for (const node of this.flow.nodes) {
      const owner = helperOwner(node);
      if (owner !== undefined && this.flow.nodes.some((n) => n.id === owner && vendorAction(n) !== undefined)) {
        groups.set(owner, [...(groups.get(owner) ?? []), node]);
      }
    }
    for (const node of this.flow.nodes) {
      const raw = vendorAction(node);
      if (raw !== undefined && raw.Identifier === node.id) {
        this.writeBack(node, raw, groups.get(node.id) ?? []);
        continue;
      }
      if (helperOwner(node) !== undefined && groups.has(helperOwner(node)!)) continue;
      if (this.absorbed.has(node.id)) continue;
      this.build(node);
    }
  }

  /** An imported action as it came, with the targets the designer changed rewritten. */
  private writeBack(node: FlowNode, raw: ConnectAction, helpers: FlowNode[]): void {
    const action = clone(raw);
    this.actions.push(action);
    this.origins.set(action.Identifier, node.id);
    if (node.position) this.positions.set(action.Identifier, node.position);
    const metadata = vendorMetadata(node);
    if (metadata !== undefined) this.metadata.set(action.Identifier, metadata);
    const helperIds = new Set(helpers.map((h) => h.id));
    for (const member of [node, ...helpers]) {
      for (const o of outcomesOf(member)) {
        if (o.target !== undefined && helperIds.has(o.target)) continue;
        const vendor = member.source?.outcomes && Object.hasOwn(member.source.outcomes, o.name) ? member.source.outcomes[o.name] : undefined;
        if (vendor === undefined) continue;
        this.retarget(member, action, o, vendor.name, vendor.pointer);
      }
    }
  }

  private retarget(node: FlowNode, action: ConnectAction, o: Outcome, name: string, pointer: string | undefined): void {
    const t = action.Transitions ?? {};
    type Slot = { get(): string | undefined; set(v: string): void };
    const slots: Slot[] = [];
    const exact = pointer?.match(/\/Transitions\/(?:(NextAction)|Conditions\/(\d+)\/NextAction|Errors\/(\d+)\/NextAction)$/);
    const conditionSlot = (c: { NextAction: string }): Slot => ({ get: () => c.NextAction, set: (v) => { c.NextAction = v; } });
    if (exact?.[1] !== undefined) {
      slots.push({ get: () => t.NextAction, set: (v) => { t.NextAction = v; } });
    } else if (exact?.[2] !== undefined && t.Conditions?.[Number(exact[2])]) {
      slots.push(conditionSlot(t.Conditions[Number(exact[2])]!));
    } else if (exact?.[3] !== undefined && t.Errors?.[Number(exact[3])]) {
      slots.push(conditionSlot(t.Errors[Number(exact[3])]!));
    } else {
      if ((name === 'NextAction' || name === 'Success') && t.NextAction !== undefined) slots.push({ get: () => t.NextAction, set: (v) => { t.NextAction = v; } });
      for (const c of t.Conditions ?? []) if (isObject(c) && c.Condition?.Operands?.[0] !== undefined && String(c.Condition.Operands[0]) === name) slots.push(conditionSlot(c));
      const errorType = LEGACY_ERRORS[name] ?? name;
      for (const e of t.Errors ?? []) if (isObject(e) && e.ErrorType === errorType) slots.push(conditionSlot(e));
    }
    if (slots.length === 0) {
      if (o.target === undefined) return;
      // A branch the action did not have: the designer wired it in the native model.
      const target = this.to(node, o);
      if (name === 'NextAction' || name === 'Success') t.NextAction = target;
      else (t.Errors ??= []).push({ NextAction: target, ErrorType: LEGACY_ERRORS[name] ?? name });
      action.Transitions = t;
      this.note(node, `the "${o.name}" outcome was wired in the design: added as the "${name}" branch of ${action.Type}`, o.pointer);
      return;
    }
    for (const slot of slots) {
      const current = slot.get();
      if (o.target === undefined) {
        if (current === undefined) continue;
        slot.set(this.to(node, o));
        continue;
      }
      const wanted = this.targetOf(o.target) ?? o.target;
      if (current !== wanted) slot.set(wanted);
    }
  }

  private build(node: FlowNode): void {
    const entry = this.id(node.id);
    switch (node.kind) {
      case 'prompt': {
        let next: string;
        if (node.next === undefined && node.end) {
          next = this.add(node, { Identifier: this.id(node.id, 'end'), Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }, 1);
        } else {
          next = this.to(node, this.outcome(node, 'next'));
        }
        this.add(node, {
          Identifier: entry,
          Type: 'MessageParticipant',
          Parameters: this.text(node.prompt, node),
          Transitions: { NextAction: next, Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }] }
        });
        return;
      }
      case 'menu':
      case 'input':
        return this.buildInput(node);
      case 'branch':
        return this.buildBranch(node);
      case 'hours': {
        const open = this.to(node, this.outcome(node, 'open'));
        const closed = this.to(node, this.outcome(node, 'closed'));
        this.note(node, 'the schedule (time zone, weekly hours, holidays) is not part of a Connect flow: CheckHoursOfOperation uses the hours of operation set up in Connect (the target queue\'s, unless "hours:<node id>" in the environment names one)');
        const hoursId = this.env[`hours:${node.id}`];
        this.add(node, {
          Identifier: entry,
          Type: 'CheckHoursOfOperation',
          Parameters: hoursId === undefined ? {} : { HoursOfOperationId: hoursId },
          Transitions: {
            NextAction: closed,
            Conditions: [
              { NextAction: open, Condition: { Operator: 'Equals', Operands: ['True'] } },
              { NextAction: closed, Condition: { Operator: 'Equals', Operands: ['False'] } }
            ],
            Errors: [{ NextAction: closed, ErrorType: 'NoMatchingError' }]
          }
        });
        return;
      }
      case 'lookup': {
        const success = this.to(node, this.outcome(node, 'success'));
        const failure = this.to(node, this.outcome(node, 'failure'));
        const seconds = Math.min(8, Math.max(1, Math.ceil(node.seconds ?? 3)));
        if (node.outputs && node.outputs.length > 0) {
          this.note(node, `the Lambda function's results are read as $.External.<name> (${node.outputs.join(', ')})`);
        }
        const main = this.add(node, {
          Identifier: node.prompt === undefined ? entry : this.id(node.id, 'invoke'),
          Type: 'InvokeLambdaFunction',
          Parameters: { LambdaFunctionARN: this.ref(node, 'Lambda function ARN', node.service), InvocationTimeLimitSeconds: String(seconds) },
          Transitions: { NextAction: success, Errors: [{ NextAction: failure, ErrorType: 'NoMatchingError' }] }
        }, node.prompt === undefined ? 0 : 1);
        this.withPrompt(node, node.prompt, main);
        return;
      }
      case 'set': {
        const loop = this.loops.get(node.id);
        const check = loop === undefined ? undefined : this.byId.get(loop.check);
        if (loop !== undefined && check !== undefined) {
          const more = this.to(check, this.outcome(check, check.kind === 'branch' ? (check.cases[0]!.label ?? 'case 1') : 'next'));
          const done = this.to(check, this.outcome(check, 'otherwise'));
          this.add(node, {
            Identifier: entry,
            Type: 'Loop',
            Parameters: { LoopCount: String(loop.count) },
            Transitions: {
              NextAction: done,
              Conditions: [
                { NextAction: more, Condition: { Operator: 'Equals', Operands: ['ContinueLooping'] } },
                { NextAction: done, Condition: { Operator: 'Equals', Operands: ['DoneLooping'] } }
              ]
            }
          });
          return;
        }
        const next = this.to(node, this.outcome(node, 'next'));
        const attributes: Record<string, string> = {};
        for (const [key, value] of Object.entries(node.assign ?? {})) attributes[attributeKey(key)] = scalarText(value);
        if (node.increment && node.increment.length > 0) {
          this.note(node, `Connect cannot add one to an attribute in UpdateContactAttributes: the counters ${node.increment.join(', ')} are not updated (use a Loop or a Lambda function)`);
        }
        this.add(node, {
          Identifier: entry,
          Type: 'UpdateContactAttributes',
          Parameters: { Attributes: attributes, TargetContact: 'Current' },
          Transitions: { NextAction: next, Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }] }
        });
        return;
      }
      case 'queue': {
        const overflow = this.to(node, this.outcome(node, 'overflow'));
        const answered = node.answered === undefined ? undefined : this.to(node, this.outcome(node, 'answered'));
        if (node.answered !== undefined) {
          this.note(node, 'after an agent takes the call, the contact leaves this flow: the "answered" outcome is kept as the NextAction but Connect runs the disconnect flow instead', '/answered');
        }
        if (node.announceWait || node.maxWaitSeconds !== undefined) {
          this.note(node, 'what the caller hears while waiting (wait announcements, the longest wait) is set in the customer queue flow, not here');
        }
        const transfer = this.add(node, {
          Identifier: node.source !== undefined && node.prompt === undefined ? entry : this.id(node.id, 'transfer'),
          Type: 'TransferContactToQueue',
          Parameters: {},
          Transitions: {
            ...(answered === undefined ? {} : { NextAction: answered }),
            Errors: [
              { NextAction: overflow, ErrorType: 'QueueAtCapacity' },
              { NextAction: overflow, ErrorType: 'NoMatchingError' }
            ]
          }
        }, 2);
        if (node.source !== undefined) {
          // Imported from Connect (a legacy export): the target queue was set by an earlier step.
          this.withPrompt(node, node.prompt, transfer);
          if (node.prompt === undefined) this.origins.set(transfer, node.id);
          return;
        }
        const setQueue = this.add(node, {
          Identifier: node.prompt === undefined ? entry : this.id(node.id, 'set-queue'),
          Type: 'UpdateContactTargetQueue',
          Parameters: { QueueId: this.ref(node, 'queue ARN', node.queue) },
          Transitions: { NextAction: transfer, Errors: [{ NextAction: overflow, ErrorType: 'NoMatchingError' }] }
        }, node.prompt === undefined ? 0 : 1);
        this.withPrompt(node, node.prompt, setQueue);
        return;
      }
      case 'transfer': {
        const failed = this.to(node, this.outcome(node, 'failed'));
        const continues = node.connected !== undefined;
        const connected = this.to(node, this.outcome(node, 'connected'));
        if (!node.reachesPerson) this.note(node, 'the number is not answered by a person; Connect does not know that: re-imported, the transfer counts as reaching a person');
        const main = this.add(node, {
          Identifier: node.prompt === undefined ? entry : this.id(node.id, 'transfer'),
          Type: 'TransferParticipantToThirdParty',
          Parameters: {
            ThirdPartyPhoneNumber: node.number,
            ThirdPartyConnectionTimeLimitSeconds: '30',
            ContinueFlowExecution: continues ? 'True' : 'False'
          },
          Transitions: {
            NextAction: connected,
            Errors: [
              ...(continues ? [{ NextAction: failed, ErrorType: 'CallFailed' }] : []),
              { NextAction: failed, ErrorType: 'ConnectionTimeLimitExceeded' },
              { NextAction: failed, ErrorType: 'NoMatchingError' }
            ]
          }
        }, node.prompt === undefined ? 0 : 1);
        this.withPrompt(node, node.prompt, main);
        return;
      }
      case 'voicemail': {
        const recorded = this.to(node, this.outcome(node, 'recorded'));
        const failed = node.failed === undefined ? recorded : this.to(node, this.outcome(node, 'failed'));
        this.note(node, `Connect has no voicemail action: the call goes to the voicemail flow for mailbox ${JSON.stringify(node.mailbox)} (TransferToFlow, as Voicemail Express does); the flow ARN comes from the environment`);
        const main = this.add(node, {
          Identifier: node.prompt === undefined ? entry : this.id(node.id, 'voicemail'),
          Type: 'TransferToFlow',
          Parameters: { ContactFlowId: this.ref(node, 'voicemail flow ARN', node.mailbox) },
          Transitions: { NextAction: recorded, Errors: [{ NextAction: failed, ErrorType: 'NoMatchingError' }] }
        }, node.prompt === undefined ? 0 : 1);
        // The editor metadata says it is a voicemail, so the flow reads back as designed.
        this.metadata.set(main, {
          [DESIGN_KEY]: { kind: 'voicemail', mailbox: node.mailbox, ...(node.maxSeconds === undefined ? {} : { maxSeconds: node.maxSeconds }) }
        });
        this.withPrompt(node, node.prompt, main);
        return;
      }
      case 'callback': {
        const scheduled = this.to(node, this.outcome(node, 'scheduled'));
        const failed = node.failed === undefined ? scheduled : this.to(node, this.outcome(node, 'failed'));
        if (node.numberVariable !== undefined) {
          this.note(node, `CreateCallbackContact calls the contact's callback number: set it from ${node.numberVariable} with "Set callback number" (UpdateContactCallbackNumber) if it is not the caller's number`);
        }
        const main = this.add(node, {
          Identifier: node.prompt === undefined ? entry : this.id(node.id, 'callback'),
          Type: 'CreateCallbackContact',
          Parameters: {
            ...(node.source !== undefined && !Object.hasOwn(this.env, node.queue) ? {} : { QueueId: this.ref(node, 'queue ARN', node.queue) }),
            InitialCallDelaySeconds: '5',
            MaximumConnectionAttempts: '3',
            RetryDelaySeconds: '600'
          },
          Transitions: { NextAction: scheduled, Errors: [{ NextAction: failed, ErrorType: 'NoMatchingError' }] }
        }, node.prompt === undefined ? 0 : 1);
        this.withPrompt(node, node.prompt, main);
        return;
      }
      case 'subflow': {
        const next = this.to(node, this.outcome(node, 'next'));
        this.note(node, 'TransferToFlow does not come back: "next" is taken only when the transfer fails');
        this.add(node, {
          Identifier: entry,
          Type: 'TransferToFlow',
          Parameters: { ContactFlowId: this.ref(node, 'flow ARN', node.flow) },
          Transitions: { NextAction: next, Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }] }
        });
        return;
      }
      case 'return': {
        this.note(node, 'a return is EndFlowModuleExecution, which Connect accepts only in a flow module');
        const main = this.add(node, { Identifier: node.prompt === undefined ? entry : this.id(node.id, 'end'), Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} }, node.prompt === undefined ? 0 : 1);
        this.withPrompt(node, node.prompt, main);
        return;
      }
      case 'hangup': {
        const main = this.add(node, { Identifier: node.prompt === undefined ? entry : this.id(node.id, 'end'), Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }, node.prompt === undefined ? 0 : 1);
        this.withPrompt(node, node.prompt, main);
        return;
      }
      case 'opaque':
        return this.buildOpaque(node);
    }
  }

  /** Menu and input: GetParticipantInput, with a Loop on the retry path when there is a retry limit. */
  private buildInput(node: Extract<FlowNode, { kind: 'menu' | 'input' }>): void {
    const entry = this.id(node.id);
    const again = (name: 'noInput' | 'invalid'): Prompt | undefined =>
      name === 'noInput' ? (node.noInputPrompt ?? node.reprompt) : (node.invalidPrompt ?? node.reprompt);
    const shared = node.invalid === node.noInput && JSON.stringify(again('noInput')) === JSON.stringify(again('invalid'));
    const retryTarget = (name: 'noInput' | 'invalid'): string => {
      const o = this.outcome(node, name);
      if (node.maxRetries === undefined) return this.to(node, o);
      const loopId = this.id(node.id, shared ? 'retry' : `retry:${name}`);
      if (this.actions.some((a) => a.Identifier === loopId)) return loopId;
      if (!shared && name === 'invalid' && node.kind === 'menu') {
        this.note(node, 'no input and invalid input are handled differently: each has its own Loop, so Connect counts them separately, not together', '/maxRetries');
      }
      let more = this.to(node, o);
      const reprompt = again(name);
      if (reprompt !== undefined) {
        more = this.add(node, {
          Identifier: this.id(node.id, `reprompt:${name}`),
          Type: 'MessageParticipant',
          Parameters: this.text(reprompt, node),
          Transitions: { NextAction: more, Errors: [{ NextAction: more, ErrorType: 'NoMatchingError' }] }
        }, 2);
      }
      const done = this.to(node, this.outcome(node, 'maxRetries'));
      return this.add(node, {
        Identifier: loopId,
        Type: 'Loop',
        Parameters: { LoopCount: String(node.maxRetries) },
        Transitions: {
          NextAction: done,
          Conditions: [
            { NextAction: more, Condition: { Operator: 'Equals', Operands: ['ContinueLooping'] } },
            { NextAction: done, Condition: { Operator: 'Equals', Operands: ['DoneLooping'] } }
          ]
        }
      }, 1);
    };
    if (node.maxRetries === undefined && (node.reprompt ?? node.noInputPrompt ?? node.invalidPrompt) !== undefined) {
      this.note(node, 'the reprompts are played only with a retry limit (maxRetries); without one they are left out');
    }
    const noInput = node.kind === 'menu' ? retryTarget('noInput') : undefined;
    const invalid = retryTarget('invalid');
    const parameters: Json = { ...this.text(node.prompt, node), StoreInput: node.kind === 'input' ? 'True' : 'False', InputTimeLimitSeconds: String(node.timeoutSeconds ?? 5) };
    if (node.kind === 'menu') {
      const conditions: NonNullable<NonNullable<ConnectAction['Transitions']>['Conditions']> = [];
      node.options.forEach((option, i) => {
        if (option.key === undefined) {
          this.note(node, `option ${JSON.stringify(option.label ?? option.phrases?.[0] ?? i + 1)} has no key: a DTMF menu in Connect cannot take phrases, so it is left out (use a Lex bot)`, `/options/${i}`);
          return;
        }
        const o = outcomesOf(node).find((x) => x.pointer === `/options/${i}/next`);
        conditions.push({ NextAction: this.to(node, o), Condition: { Operator: 'Equals', Operands: [option.key] } });
      });
      this.add(node, {
        Identifier: entry,
        Type: 'GetParticipantInput',
        Parameters: parameters,
        Transitions: {
          NextAction: invalid,
          Conditions: conditions,
          Errors: [
            { NextAction: noInput!, ErrorType: 'InputTimeLimitExceeded' },
            { NextAction: invalid, ErrorType: 'NoMatchingCondition' },
            { NextAction: invalid, ErrorType: 'NoMatchingError' }
          ]
        }
      });
      return;
    }
    const next = this.to(node, this.outcome(node, 'next'));
    if (node.maxDigits !== undefined) parameters.InputValidation = { CustomValidation: { MaximumLength: String(node.maxDigits) } };
    parameters.DTMFConfiguration = { InputTerminationSequence: node.terminator ?? '#' };
    if (node.pattern !== undefined || node.minDigits !== undefined) {
      this.note(node, 'Connect checks only the length of stored input: the pattern and minimum length are not checked (compare the entry with a Lambda function)');
    }
    this.note(node, 'with StoreInput, no input takes the success path with the value "Timeout": the no-input route is only reached on an error');
    this.add(node, {
      Identifier: entry,
      Type: 'GetParticipantInput',
      Parameters: parameters,
      Transitions: { NextAction: next, Errors: [{ NextAction: invalid, ErrorType: 'NoMatchingError' }] }
    });
  }

  /** A branch as Compare actions: one when every case tests one variable, else a chain. */
  private buildBranch(node: Extract<FlowNode, { kind: 'branch' }>): void {
    const outcomes = outcomesOf(node);
    const otherwise = this.to(node, outcomes[outcomes.length - 1]);
    const caseTargets = node.cases.map((_, i) => this.to(node, outcomes[i]));
    const single = node.cases.map((c) => (Array.isArray(c.when) ? (c.when.length === 1 ? c.when[0] : undefined) : c.when));
    const variable = single[0]?.var;
    const simple = single.every((c) => c !== undefined && c.var === variable && this.operator(c) !== undefined && !this.operator(c)!.negate);
    if (simple && variable !== undefined) {
      const conditions = single.flatMap((c, i) => this.operator(c!)!.operands.map((operand) => ({ NextAction: caseTargets[i]!, Condition: { Operator: this.operator(c!)!.operator, Operands: [operand] } })));
      this.add(node, {
        Identifier: this.id(node.id),
        Type: 'Compare',
        Parameters: { ComparisonValue: reference(variable) },
        Transitions: { NextAction: otherwise, Conditions: conditions, Errors: [{ NextAction: otherwise, ErrorType: 'NoMatchingCondition' }] }
      });
      return;
    }
    // A chain: case i, condition j tests one condition; true goes on to the next condition or the case's target.
    const ids = node.cases.map((c, i) => (Array.isArray(c.when) ? c.when : [c.when]).map((_, j) => (i === 0 && j === 0 ? this.id(node.id) : this.id(node.id, `case ${i + 1}.${j + 1}`))));
    node.cases.forEach((c, i) => {
      const list = Array.isArray(c.when) ? c.when : [c.when];
      const nextCase = ids[i + 1]?.[0] ?? otherwise;
      if (list.length === 0) {
        return;
      }
      list.forEach((condition, j) => {
        const pass = j + 1 < list.length ? ids[i]![j + 1]! : caseTargets[i]!;
        const op = this.operator(condition) ?? { operator: 'Equals', operands: [scalarText(condition.value)], negate: false };
        if (this.operator(condition) === undefined) this.note(node, `the condition "${condition.var} ${condition.op}" has no Connect operator: written as Equals`, `/cases/${i}`);
        const [onTrue, onFalse] = op.negate ? [nextCase, pass] : [pass, nextCase];
        this.add(node, {
          Identifier: ids[i]![j]!,
          Type: 'Compare',
          Parameters: { ComparisonValue: reference(condition.var) },
          Transitions: {
            NextAction: onFalse,
            Conditions: op.operands.map((operand) => ({ NextAction: onTrue, Condition: { Operator: op.operator, Operands: [operand] } })),
            Errors: [{ NextAction: onFalse, ErrorType: 'NoMatchingCondition' }]
          }
        }, i + j);
      });
    });
    if (node.cases.length === 0 || node.cases.every((c) => Array.isArray(c.when) && c.when.length === 0)) {
      this.add(node, {
        Identifier: this.id(node.id),
        Type: 'UpdateContactAttributes',
        Parameters: { Attributes: {}, TargetContact: 'Current' },
        Transitions: { NextAction: otherwise, Errors: [{ NextAction: otherwise, ErrorType: 'NoMatchingError' }] }
      });
    }
  }

  private operator(c: Condition): { operator: string; operands: string[]; negate: boolean } | undefined {
    const values = Array.isArray(c.value) ? c.value.map(scalarText) : [scalarText(c.value)];
    switch (c.op) {
      case 'eq': return { operator: 'Equals', operands: values, negate: false };
      case 'ne': return { operator: 'Equals', operands: values, negate: true };
      case 'in': return { operator: 'Equals', operands: values, negate: false };
      case 'gt': return { operator: 'NumberGreaterThan', operands: values, negate: false };
      case 'ge': return { operator: 'NumberGreaterOrEqualTo', operands: values, negate: false };
      case 'lt': return { operator: 'NumberLessThan', operands: values, negate: false };
      case 'le': return { operator: 'NumberLessOrEqualTo', operands: values, negate: false };
      case 'exists': return { operator: 'Equals', operands: [''], negate: true };
      case 'matches': {
        const source = scalarText(c.value);
        const literal = (text: string): string | undefined => (/[.*+?()[\]{}|\\^$]/.test(text) ? undefined : text);
        const unescaped = (text: string): string => text.replace(/\\(.)/g, '$1');
        const inner = unescaped(source.replace(/^\^/, '').replace(/\$$/, ''));
        if (literal(inner) === undefined) return undefined;
        if (source.startsWith('^') && !source.endsWith('$')) return { operator: 'TextStartsWith', operands: [inner], negate: false };
        if (source.endsWith('$') && !source.startsWith('^')) return { operator: 'TextEndsWith', operands: [inner], negate: false };
        if (source.startsWith('^') && source.endsWith('$')) return { operator: 'Equals', operands: [inner], negate: false };
        return { operator: 'TextContains', operands: [inner], negate: false };
      }
    }
  }

  /** A step this tool does not model, not from the flow language: its outcomes as a Compare. */
  private buildOpaque(node: Extract<FlowNode, { kind: 'opaque' }>): void {
    const outcomes = outcomesOf(node);
    const targets = outcomes.map((o) => this.to(node, o));
    if (node.vendorType === 'CheckHoursOfOperation' && outcomes.some((o) => o.name === 'True')) {
      const t = (name: string): string | undefined => targets[outcomes.findIndex((o) => o.name === name)];
      const errors = outcomes.map((o, i) => ({ o, target: targets[i]! })).filter(({ o }) => o.name !== 'True' && o.name !== 'False');
      this.add(node, {
        Identifier: this.id(node.id),
        Type: 'CheckHoursOfOperation',
        Parameters: {},
        Transitions: {
          ...(t('False') === undefined ? {} : { NextAction: t('False')! }),
          Conditions: (['True', 'False'] as const).flatMap((v) => (t(v) === undefined ? [] : [{ NextAction: t(v)!, Condition: { Operator: 'Equals', Operands: [v] } }])),
          Errors: errors.length === 0 ? [{ NextAction: t('False') ?? this.disconnect(), ErrorType: 'NoMatchingError' }] : errors.map(({ o, target }) => ({ NextAction: target, ErrorType: LEGACY_ERRORS[o.name] ?? 'NoMatchingError' }))
        }
      });
      return;
    }
    this.note(node, `${node.vendorType ?? 'this step'} has no Amazon Connect action: written as a Compare on $.Attributes.zeroOutStep with one branch per outcome; replace it with the real action in Connect`);
    const first = targets[0]!;
    this.add(node, {
      Identifier: this.id(node.id),
      Type: 'Compare',
      Parameters: { ComparisonValue: '$.Attributes.zeroOutStep' },
      Transitions: {
        NextAction: first,
        Conditions: outcomes.map((o, i) => ({ NextAction: targets[i]!, Condition: { Operator: 'Equals', Operands: [o.name] } })),
        Errors: [{ NextAction: first, ErrorType: 'NoMatchingCondition' }]
      }
    });
  }
}

/** The export with the map from each action back to its native node (for tests and tools). */
export function exportAmazonConnectDetailed(design: Flow, options: ExportOptions, file: string): DetailedExportResult {
  const flow = spokenSettings(design);
  const exporter = new Exporter(flow, options.env ?? {}, file);
  exporter.run();
  if (exporter.problems.length > 0) return { ok: false, problems: exporter.problems };
  const actions = exporter.actions;
  if (actions.length > MAX_ACTIONS) {
    return {
      ok: false,
      problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file, pointer: '/nodes', message: `the flow needs ${actions.length} Amazon Connect actions; a flow holds at most ${MAX_ACTIONS}: split it into flows or modules` }]
    };
  }
  const startNode = flow.nodes.find((n) => n.id === flow.start);
  if (startNode === undefined) {
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file, pointer: '/start', message: `the start ${JSON.stringify(flow.start)} is not a node of this flow` }] };
  }
  const raw = vendorAction(startNode);
  const start = raw?.Identifier ?? actionIdentifier(flow.id, startNode.id);
  const actionMetadata: Record<string, Record<string, unknown>> = {};
  actions.forEach((action, i) => {
    const position = exporter.positions.get(action.Identifier) ?? { x: 240 + (i % 6) * 480, y: 40 + Math.floor(i / 6) * 320 };
    actionMetadata[action.Identifier] = { position: { x: position.x, y: position.y }, ...exporter.metadata.get(action.Identifier) };
  });
  const document = {
    Version: FLOW_LANGUAGE_VERSION,
    StartAction: start,
    Metadata: {
      entryPointPosition: { x: 40, y: 40 },
      ActionMetadata: actionMetadata,
      name: flow.name,
      ...(flow.description === undefined ? {} : { description: flow.description })
    },
    Actions: actions
  };
  return { ok: true, document, notes: asNotes(DIAGNOSTIC_CODES.exportNote, file, exporter.notes), origins: exporter.origins };
}

export function exportAmazonConnect(flow: Flow, options: ExportOptions, file: string): ExportResult {
  try {
    const result = exportAmazonConnectDetailed(flow, options, file);
    return result.ok ? { ok: true, document: result.document, notes: result.notes } : result;
  } catch (error) {
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file, pointer: '', message: `could not export the flow: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
