import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import amazonConnect from '../../../src/core/formats/amazon-connect/index.ts';
import { actionIdentifier, exportAmazonConnectDetailed, sha1, uuidV5 } from '../../../src/core/formats/amazon-connect/export/index.ts';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import { loadFlow } from '../../../src/core/model/load.ts';
import type { Flow, FlowNode } from '../../../src/core/model/types.ts';
import { corpusPath } from '../../support/corpus.ts';
import { emptyEnvironment, type Environment } from '../../../src/core/formats/index.ts';

const corpus = corpusPath('amazon-connect');
const flowsDir = path.join(import.meta.dirname, '../../../flows');

type Json = Record<string, unknown>;
interface Action {
  Identifier: string;
  Type: string;
  Parameters?: Json;
  Transitions?: { NextAction?: string; Conditions?: { NextAction: string }[]; Errors?: { NextAction: string }[] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The flow-language document inside a corpus file, when it is one (not legacy). */
function flowLanguage(document: unknown): Json | undefined {
  let d = document as Json;
  const wrapper = d.ContactFlow as Json | undefined;
  if (wrapper && 'Content' in wrapper) d = (typeof wrapper.Content === 'string' ? JSON.parse(wrapper.Content) : wrapper.Content) as Json;
  return d.Version === '2019-10-30' ? d : undefined;
}

function importOk(document: unknown, file: string): Flow {
  const result = amazonConnect.import(document, file);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

function exportOk(flow: Flow, environment: Environment = emptyEnvironment()) {
  const result = exportAmazonConnectDetailed(flow, { environment }, 'flow.ivr.json');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

/** The structural checks CreateContactFlow makes that a file can show. */
function validate(document: Json, { parametersAllStrings = true } = {}): void {
  expect(document.Version).toBe('2019-10-30');
  const actions = document.Actions as Action[];
  expect(actions.length).toBeGreaterThan(0);
  expect(actions.length).toBeLessThanOrEqual(250);
  const ids = actions.map((a) => a.Identifier);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toContain(document.StartAction);
  const metadata = document.Metadata as Json;
  expect(metadata.entryPointPosition).toEqual({ x: expect.any(Number), y: expect.any(Number) });
  const actionMetadata = metadata.ActionMetadata as Record<string, Json>;
  for (const action of actions) {
    const t = action.Transitions ?? {};
    for (const next of [t.NextAction, ...(t.Conditions ?? []).map((c) => c.NextAction), ...(t.Errors ?? []).map((e) => e.NextAction)]) {
      if (next !== undefined) expect(ids, `${action.Identifier} → ${next}`).toContain(next);
    }
    const meta = actionMetadata[action.Identifier]!;
    expect(meta.position).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    expect(meta).not.toHaveProperty('Position');
    if (parametersAllStrings) expectStrings(action.Parameters ?? {}, `${action.Identifier}.Parameters`);
  }
}

function expectStrings(value: unknown, at: string): void {
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) expectStrings(item, `${at}.${key}`);
    return;
  }
  expect(typeof value, at).toBe('string');
}

/** Every branch of generated actions has a target (terminal actions have none). */
function expectAllWired(document: Json): void {
  for (const action of document.Actions as Action[]) {
    const t = action.Transitions ?? {};
    for (const c of t.Conditions ?? []) expect(c.NextAction).toBeTruthy();
    for (const e of t.Errors ?? []) expect(e.NextAction).toBeTruthy();
  }
}

describe('deterministic Identifiers', () => {
  it('SHA-1 matches the standard test vectors', () => {
    const hex = (s: string) => sha1([...new TextEncoder().encode(s)]).map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });

  it('UUID v5 matches RFC 4122 (www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('are stable and differ per flow and node', () => {
    expect(actionIdentifier('bank', 'main-menu')).toBe(actionIdentifier('bank', 'main-menu'));
    expect(actionIdentifier('bank', 'main-menu')).not.toBe(actionIdentifier('clinic', 'main-menu'));
    expect(actionIdentifier('bank', 'main-menu')).toMatch(UUID);
  });
});

describe('Connect → native → Connect: the corpus', () => {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.json'));
  const flowLanguageFiles = files.filter((f) => flowLanguage(readJson(path.join(corpus, f))) !== undefined);
  const legacyFiles = files.filter((f) => !flowLanguageFiles.includes(f));

  it('has flow-language and legacy files', () => {
    expect(flowLanguageFiles.length).toBe(10);
    expect(legacyFiles.length).toBe(6);
  });

  it.each(flowLanguageFiles)('%s round-trips with every action as it came', (file) => {
    const document = readJson(path.join(corpus, file));
    const original = flowLanguage(document)!;
    const flow = importOk(document, file);
    const result = amazonConnect.export!(flow, {}, file);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const exported = result.document as Json;
    expect(exported.StartAction).toBe(original.StartAction);
    const pick = (a: Action) => ({ Identifier: a.Identifier, Type: a.Type, Parameters: a.Parameters, Transitions: a.Transitions });
    expect((exported.Actions as Action[]).map(pick)).toEqual((original.Actions as Action[]).map(pick));
    // Positions come back, lower case.
    const originalMeta = ((original.Metadata as Json | undefined)?.ActionMetadata ?? {}) as Record<string, Json>;
    const exportedMeta = (exported.Metadata as Json).ActionMetadata as Record<string, Json>;
    for (const [id, meta] of Object.entries(originalMeta)) {
      const position = (meta.position ?? meta.Position) as Json | undefined;
      if (position && typeof position.x === 'number' && exportedMeta[id]) expect(exportedMeta[id]!.position).toEqual({ x: position.x, y: position.y });
      // The editor's other metadata (friendly names, display hints) is kept as it came.
      const { position: _p, Position: _P, ...rest } = meta;
      if (exportedMeta[id]) expect(exportedMeta[id]).toMatchObject(rest);
    }
    // And it imports again to the same native flow.
    const again = importOk(exported, file);
    expect(again.nodes.map((n) => [n.id, n.kind])).toEqual(flow.nodes.map((n) => [n.id, n.kind]));
  });

  it.each(legacyFiles)('%s (legacy) exports valid flow language', (file) => {
    const flow = importOk(readJson(path.join(corpus, file)), file);
    // Lambda functions named by their function name need their ARN from the environment.
    const result = exportOk(flow, envFor(flow));
    validate(result.document);
    expectAllWired(result.document);
    for (const action of result.document.Actions as Action[]) expect(action.Identifier).toMatch(UUID);
    expect(loadFlow(importOk(result.document, file), file).ok).toBe(true);
  });

  it('a changed target is written back; nothing else changes', () => {
    const file = readdirSync(corpus).find((f) => f.includes('ACME_QC_transferToQueue_AUTO'))!;
    const flow = importOk(readJson(path.join(corpus, file)), file);
    const queueId = '84ceaa1a-834e-4c84-a792-e8b08d746343';
    const start = flow.nodes.find((n) => n.id === flow.start)!;
    const edited: Flow = {
      ...flow,
      nodes: flow.nodes.map((n) => (n.id === queueId && n.kind === 'queue' ? { ...n, overflow: start.id } : n))
    };
    const exported = exportOk(edited).document;
    const queue = (exported.Actions as Action[]).find((a) => a.Identifier === queueId)!;
    expect(queue.Transitions!.Errors!.find((e) => (e as unknown as Json).ErrorType === 'QueueAtCapacity')!.NextAction).toBe(start.id);
    validate(exported, { parametersAllStrings: false });
  });
});

const NATIVE = ['bank', 'airline', 'utility-outage', 'clinic', 'runaround'];

/** Every reference the flow makes, by kind, with a made-up ARN. */
function envFor(flow: Flow): Environment {
  const env = emptyEnvironment();
  const arn = (kind: string, name: string) => `arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-0000-0000-000000000000/${kind}/${uuidV5(`${kind}:${name}`)}`;
  const set = (kind: keyof Environment, name: string, reference: string): void => {
    (env[kind] as Record<string, string>)[name] = reference;
  };
  for (const n of flow.nodes) {
    if (n.kind === 'queue' || n.kind === 'callback') set('queues', n.queue, arn('queue', n.queue));
    if (n.kind === 'subflow') set('flows', n.flow, arn('contact-flow', n.flow));
    if (n.kind === 'voicemail') set('mailboxes', n.mailbox, arn('contact-flow', n.mailbox));
    if (n.kind === 'lookup') set('functions', n.service, `arn:aws:lambda:us-east-1:111122223333:function:${n.service.replace(/[^A-Za-z0-9-_]/g, '-')}`);
  }
  return env;
}

function nativeFlow(name: string): Flow {
  const loaded = loadFlow(readJson(path.join(flowsDir, `${name}.ivr.json`)), `${name}.ivr.json`);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.flow;
}

describe('native → Connect → native', () => {
  it.each(NATIVE)('%s exports valid flow language', (name) => {
    const flow = nativeFlow(name);
    const result = exportOk(flow, envFor(flow));
    validate(result.document);
    expectAllWired(result.document);
    for (const action of result.document.Actions as Action[]) expect(action.Identifier).toMatch(UUID);
    // Exporting twice gives the same document.
    expect(exportOk(flow, envFor(flow)).document).toEqual(result.document);
  });

  it.each(NATIVE)('%s keeps every node, outcome and finding the mapping allows', (name) => {
    const flow = nativeFlow(name);
    const result = exportOk(flow, envFor(flow));
    const back = importOk(result.document, `${name}.json`);
    expect(loadFlow(back, name).ok).toBe(true);
    const origin = (id: string) => result.origins.get(id) ?? result.origins.get(id.replace(/:(LoopCount|errors)( \d+)?$/, ''));
    // Every native node is there again, as the node its entry action became.
    for (const node of flow.nodes) {
      expect(back.nodes.some((n) => n.id === actionIdentifier(flow.id, node.id)), node.id).toBe(true);
    }
    // Every re-imported node comes from a native node (or the added hang-up).
    for (const node of back.nodes) expect(origin(node.id), node.id).toBeDefined();

    // Lint findings: (rule, node) after mapping ids back. Outcome names change with
    // the node kinds Connect has (a queue is a set-queue step plus a transfer, hours
    // become a True/False step), so the comparison is per rule and node.
    const before = new Set(lintFlow(flow).findings.map((f) => `${f.rule} ${f.node}`));
    const after = new Set(lintFlow(back).findings.map((f) => `${f.rule} ${origin(f.node)}`));
    const deadEnds = new Set(
      lintFlow(flow).findings.filter((f) => f.rule === 'dead-end').map((f) => `${f.rule} ${f.node}`)
    );
    // Documented differences: an unwired dead end goes to the added hang-up, so it is
    // no longer a dead end in Connect (Connect rejects unwired branches).
    // Nothing is lost (dead ends on unwired outcomes would be: they go to the added hang-up).
    for (const key of before) {
      if (deadEnds.has(key)) continue;
      expect(after, `${name}: lost ${key}`).toContain(key);
    }
    for (const key of after) {
      // Nothing else is new: announced waits are spoken in the prompt before the
      // queue, and a voicemail reads back as a voicemail from the editor metadata.
      expect(before, `${name}: new ${key}`).toContain(key);
    }
  });
});

describe('what Connect cannot say', () => {
  it('a voicemail ships as a transfer to the voicemail flow and reads back as the voicemail it was', () => {
    const flow = nativeFlow('bank');
    const voicemail = flow.nodes.find((n) => n.id === 'loans-voicemail')!;
    const result = exportOk(flow, envFor(flow));
    const action = (result.document.Actions as Action[]).find(
      (a) => a.Type === 'TransferToFlow' && result.origins.get(a.Identifier) === voicemail.id
    )!;
    // The mailbox's flow, not the queue of the same name.
    expect(action.Parameters!.ContactFlowId).toBe(envFor(flow).mailboxes['consumer-loans']);
    const queue = (result.document.Actions as Action[]).find((a) => a.Type === 'UpdateContactTargetQueue' && result.origins.get(a.Identifier) === 'loans-queue');
    if (queue !== undefined) expect(queue.Parameters!.QueueId).toBe(envFor(flow).queues['consumer-loans']);
    const back = importOk(result.document, 'bank.json');
    const node = back.nodes.find((n) => n.id === action.Identifier)!;
    expect(node).toMatchObject({ kind: 'voicemail', mailbox: 'consumer-loans', maxSeconds: 120 });
    // Without the marker it is an ordinary transfer to another flow.
    const plain = structuredClone(result.document) as Json;
    delete ((plain.Metadata as Json).ActionMetadata as Record<string, Json>)[action.Identifier]!.zeroOut;
    expect(importOk(plain, 'bank.json').nodes.find((n) => n.id === action.Identifier)!.kind).toBe('subflow');
  });
});

describe('limits and references', () => {
  function chain(count: number): Flow {
    const nodes = Array.from({ length: count }, (_, i) => ({
      id: `p${i}`,
      kind: 'prompt' as const,
      prompt: `Step ${i}.`,
      ...(i + 1 < count ? { next: `p${i + 1}` } : { end: true })
    }));
    return { version: 1, id: 'long', name: 'Long', start: 'p0', nodes } as Flow;
  }

  it('250 actions export; 251 give a problem naming the count', () => {
    // 249 prompts + the end prompt's hang-up = 250 actions.
    expect(exportAmazonConnectDetailed(chain(249), {}, 'long.ivr.json').ok).toBe(true);
    const result = amazonConnect.export!(chain(250), {}, 'long.ivr.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toContain('251');
    if (!result.ok) expect(result.problems[0]!.message).toContain('250');
  });

  it('a queue missing from the environment is a problem naming it', () => {
    const flow = nativeFlow('bank');
    const environment = envFor(flow);
    delete (environment.queues as Record<string, string>)['customer-service'];
    const result = amazonConnect.export!(flow, { environment }, 'bank.ivr.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.some((p) => p.message.includes('"customer-service"'))).toBe(true);
  });

  it('an unwired dead end goes to an added DisconnectParticipant, with a note', () => {
    const flow = {
      version: 1, id: 'f', name: 'F', start: 'menu',
      nodes: [
        { id: 'menu', kind: 'menu', prompt: 'Press 1 for <emphasis>sales</emphasis>.', options: [{ key: '1' }], noInput: 'menu', invalid: 'menu', maxRetries: 3, onMaxRetries: 'bye' },
        { id: 'bye', kind: 'hangup' }
      ]
    } as Flow;
    const result = exportOk(flow);
    validate(result.document);
    const actions = result.document.Actions as (Action & { Transitions: Json })[];
    const menu = actions.find((a) => a.Identifier === actionIdentifier('f', 'menu'))!;
    expect(menu.Type).toBe('GetParticipantInput');
    expect(menu.Parameters).toMatchObject({ SSML: '<speak>Press 1 for <emphasis>sales</emphasis>.</speak>', StoreInput: 'False', InputTimeLimitSeconds: '5' });
    const disconnect = actions.find((a) => a.Identifier === actionIdentifier('', '#unwired'))!;
    expect(disconnect.Type).toBe('DisconnectParticipant');
    // Marked as the design's unwired branches: read back, the key is a dead end again, not a hang-up by design.
    expect((result.document.Metadata as { ActionMetadata: Record<string, Json> }).ActionMetadata[disconnect.Identifier]).toMatchObject({ zeroOut: { kind: 'unwired' } });
    const back = importOk(result.document, 'f.json');
    expect(back.nodes.some((n) => n.kind === 'hangup' && n.id === disconnect.Identifier)).toBe(false);
    const readMenu = back.nodes.find((n) => n.kind === 'menu') as Extract<FlowNode, { kind: 'menu' }>;
    expect(readMenu.options.find((o) => o.key === '1')?.next).toBeUndefined();
    expect(menu.Transitions.Conditions).toEqual([{ NextAction: disconnect.Identifier, Condition: { Operator: 'Equals', Operands: ['1'] } }]);
    expect(result.notes.some((n) => n.node === 'menu' && n.message.includes('"1"') && n.message.includes('DisconnectParticipant'))).toBe(true);
    // The retry path goes through a Loop that counts to maxRetries.
    const errors = menu.Transitions.Errors as { NextAction: string; ErrorType: string }[];
    const loop = actions.find((a) => a.Identifier === errors.find((e) => e.ErrorType === 'InputTimeLimitExceeded')!.NextAction)!;
    expect(loop.Type).toBe('Loop');
    expect(loop.Parameters).toEqual({ LoopCount: '3' });
    expect(loop.Transitions.Conditions).toEqual([
      { NextAction: menu.Identifier, Condition: { Operator: 'Equals', Operands: ['ContinueLooping'] } },
      { NextAction: actionIdentifier('f', 'bye'), Condition: { Operator: 'Equals', Operands: ['DoneLooping'] } }
    ]);
    expect(errors.find((e) => e.ErrorType === 'NoMatchingCondition')!.NextAction).toBe(loop.Identifier);
  });

  it('maps each node kind to its action', () => {
    const flow = nativeFlow('utility-outage');
    const result = exportOk(flow, envFor(flow));
    const types = new Set((result.document.Actions as Action[]).map((a) => a.Type));
    for (const type of ['MessageParticipant', 'GetParticipantInput', 'Loop', 'Compare', 'CheckHoursOfOperation', 'InvokeLambdaFunction', 'UpdateContactTargetQueue', 'TransferContactToQueue', 'TransferParticipantToThirdParty', 'CreateCallbackContact', 'TransferToFlow']) {
      expect(types, type).toContain(type);
    }
    expect(result.notes.some((n) => n.message.includes('hours of operation'))).toBe(true);
    expect(result.notes.some((n) => n.message.includes('voicemail'))).toBe(true);
  });
});
