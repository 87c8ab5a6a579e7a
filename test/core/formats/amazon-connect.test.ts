import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import amazonConnect from '../../../src/core/formats/amazon-connect/index.ts';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import { loadFlow } from '../../../src/core/model/load.ts';
import type { Flow, FlowNode } from '../../../src/core/model/types.ts';
import { corpusPath } from '../../support/corpus.ts';

const corpus = corpusPath('amazon-connect');
const fixtures = path.join(import.meta.dirname, '../../fixtures/amazon-connect');

function read(dir: string, file: string): unknown {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
}

function imported(document: unknown, file = 'flow.json'): { flow: Flow; notes: readonly { node?: string; pointer: string; message: string }[] } {
  const result = amazonConnect.import(document, file);
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems)}`);
  return result;
}

function corpusFlow(name: string): Flow {
  const file = readdirSync(corpus).find((f) => f.includes(name));
  if (file === undefined) throw new Error(`no corpus file ${name}`);
  return imported(read(corpus, file), file).flow;
}

function node(flow: Flow, id: string): FlowNode {
  const found = flow.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

function findings(flow: Flow, rule?: string) {
  return lintFlow(flow).findings.filter((f) => rule === undefined || f.rule === rule);
}

/** A flow-language document around the given actions. */
function flowOf(actions: unknown[], start = 'a'): Record<string, unknown> {
  return { Version: '2019-10-30', StartAction: start, Metadata: {}, Actions: actions };
}

const hangUp = { Identifier: 'bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} };

describe('amazon-connect: the corpus', () => {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.json'));

  it('has the 16 files', () => {
    expect(files).toHaveLength(16);
  });

  it.each(files)('%s detects, imports, loads and lints', (file) => {
    const document = read(corpus, file);
    expect(amazonConnect.detect(document)).toBe(true);
    const result = amazonConnect.import(document, file);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(loadFlow(result.flow, file).ok).toBe(true);
    const lint = lintFlow(result.flow);
    expect(lint.metrics.nodes).toBeGreaterThan(0);
    // Every node keeps where it came from and the vendor action.
    for (const n of result.flow.nodes) {
      expect(n.source?.type).toBeTruthy();
      expect(n.meta).toBeDefined();
    }
  });

  it('ACME_QC_transferToQueue_AUTO: a queue whose QueueAtCapacity and NoMatchingError go to a hang-up', () => {
    const flow = corpusFlow('ACME_QC_transferToQueue_AUTO');
    expect(flow.start).toBe('bf85bd5c-8cd3-4135-9f1b-30bdb914eeb6');
    const queue = node(flow, '84ceaa1a-834e-4c84-a792-e8b08d746343');
    expect(queue.kind).toBe('queue');
    expect(queue.position).toEqual({ x: 520, y: 294.4 });
    expect(queue.source).toMatchObject({
      type: 'TransferContactToQueue',
      pointer: '/Actions/0',
      outcomes: { overflow: { name: 'QueueAtCapacity', pointer: '/Actions/0/Transitions/Errors/0/NextAction' } }
    });
    expect(queue.kind === 'queue' && queue.overflow).toBe('8c760cd1-ac5c-43b2-a20b-94787495b8c9');
    expect(node(flow, '8c760cd1-ac5c-43b2-a20b-94787495b8c9').kind).toBe('hangup');
    expect((queue.meta as { vendor: { Type: string } }).vendor.Type).toBe('TransferContactToQueue');
    expect(findings(flow, 'dead-end')).toEqual([]);
    const lint = lintFlow(flow);
    expect(lint.metrics.humanEndpoints).toBe(1);
    // A queue transfer flow runs while the customer is with the agent: a full queue loses nobody a route to a person.
    expect(lintFlow(flow).entries).toEqual([{ start: flow.start, channel: 'voice', role: 'transfer' }]);
    expect(findings(flow, 'no-human-route')).toEqual([]);
    // The same steps in an inbound flow: help is lost at the disconnect.
    expect(findings({ ...flow, role: 'inbound' }, 'no-human-route').map((f) => [f.node, f.pointer])).toEqual([
      ['8c760cd1-ac5c-43b2-a20b-94787495b8c9', '/Actions/1']
    ]);
  });

  it('BankIDAuth: stored input, a Loop seen as a limit and a queue: a human route exists', () => {
    const flow = corpusFlow('BankIDAuth');
    const input = node(flow, '17403bfb-420b-4fa5-bb53-8a7fdf9da0e8');
    expect(input.kind).toBe('input');
    if (input.kind !== 'input') return;
    // Silence takes the success path with the value "Timeout": not a dead end.
    expect(input.noInput).toBe(input.next);
    expect(input.source?.outcomes?.noInput?.name).toBe('Timeout');
    expect(input.maxDigits).toBe(12);
    expect(input.timeoutSeconds).toBe(10);
    const loop = node(flow, '595aea4e-1fa8-4a4c-a0c7-f1711d0caccf');
    expect(loop.kind).toBe('set');
    if (loop.kind !== 'set') return;
    const check = node(flow, loop.next!);
    expect(check).toMatchObject({
      kind: 'branch',
      cases: [{ label: 'ContinueLooping', when: { var: loop.increment![0], op: 'le', value: 2 }, next: '2367a288-95db-4535-ad4f-7d70be3636a9' }],
      otherwise: 'f225dcc9-d666-4ee4-9200-36ef87dd338f'
    });
    expect(node(flow, '2367a288-95db-4535-ad4f-7d70be3636a9').kind).toBe('lookup');
    expect(node(flow, 'e501e887-2f34-44dd-8aad-030ca0d96792').kind).toBe('queue');
    const lint = lintFlow(flow);
    expect(lint.metrics.secondsToHuman).not.toBeNull();
    expect(lint.findings.filter((f) => f.rule === 'unbounded-retry' || f.rule === 'trap-loop' || f.rule === 'dead-end')).toEqual([]);
    expect(findings(flow, 'no-human-route').map((f) => f.node)).toEqual(['f225dcc9-d666-4ee4-9200-36ef87dd338f']);
  });

  it('RulesEngineExternalNumber: transfers to a person', () => {
    const flow = corpusFlow('RulesEngineExternalNumber');
    const transfer = flow.nodes.find((n) => n.source?.type === 'TransferParticipantToThirdParty');
    expect(transfer).toMatchObject({ kind: 'transfer', reachesPerson: true, number: '$.External.CurrentRule_externalNumber' });
    expect(flow.nodes.filter((n) => n.kind === 'transfer')).toHaveLength(4);
    const lint = lintFlow(flow);
    expect(lint.metrics.humanEndpoints).toBe(4);
    expect(lint.metrics.secondsToHuman).not.toBeNull();
    expect(lint.findings.filter((f) => f.rule === 'dead-end' || f.rule === 'unreachable')).toEqual([]);
    // The transfers' failures (CallFailed, ConnectionTimeLimitExceeded) have their own names.
    const failing = flow.nodes.find((n) => n.kind === 'transfer' && n.source?.outcomes?.failed?.name === 'CallFailed');
    expect(failing).toBeDefined();
  });

  it('ReminderBotFlow: a Lex bot and prompts, no person anywhere', () => {
    const flow = corpusFlow('ReminderBotFlow');
    const bot = flow.nodes.find((n) => n.source?.type === 'ConnectParticipantWithLexBot')!;
    expect(bot.kind).toBe('menu');
    if (bot.kind !== 'menu') return;
    expect(bot.options.map((o) => o.phrases)).toEqual([['FallbackIntent'], ['CallIntent'], ['EmailIntent']]);
    expect(bot.source?.outcomes?.noInput?.name).toBe('InputTimeLimitExceeded');
    const noHuman = findings(flow, 'no-human-route');
    expect(noHuman.map((f) => f.node)).toEqual([flow.start]);
    // The bot's NoMatchingError branch is kept (no prompt is left unreachable).
    expect(findings(flow, 'unreachable')).toEqual([]);
  });

  it('the DescribeContactFlow wrapper: findings point at /ContactFlow/Content', () => {
    const file = 'amazon-connect__amazon-connect-salesforce-scv__AWS_Sample_SCV_Inbound.json';
    const result = imported(read(corpus, file), file);
    const { flow } = result;
    expect(flow.name).toBe('AWS_Sample_SCV_Inbound');
    expect(result.notes.some((n) => n.pointer === '/ContactFlow/Content' && n.message.includes('string'))).toBe(true);
    const queue = node(flow, 'a355c649-31f7-4080-b6e1-69b0f8f38163');
    expect(queue.kind).toBe('queue');
    expect(queue.source?.pointer).toBe('/ContactFlow/Content');
    expect(queue.meta?.contentPointer).toBe('/Actions/1');
    const lint = lintFlow(flow);
    expect(lint.findings.length).toBeGreaterThan(0);
    for (const f of lint.findings) expect(f.pointer).toBe('/ContactFlow/Content');
    expect(lint.metrics.humanEndpoints).toBe(1);
    expect(lint.findings.filter((f) => f.rule === 'unbounded-retry' || f.rule === 'dead-end')).toEqual([]);
  });

  it('legacy 001-Context-Tracking-Main: the 1/2/0/9 menu keeps its module id and legacy branch names', () => {
    const flow = corpusFlow('001-Context-Tracking-Main');
    const menu = node(flow, '47f73541-5613-40d7-863a-d709bf9b46cd');
    expect(menu.kind).toBe('menu');
    if (menu.kind !== 'menu') return;
    expect(menu.options.map((o) => o.key)).toEqual(['1', '2', '0', '9']);
    expect(menu.source).toMatchObject({
      type: 'GetUserInput',
      pointer: '/modules/8',
      outcomes: {
        noInput: { name: 'Timeout', pointer: '/modules/8/branches/4/transition' },
        invalid: { name: 'NoMatch', pointer: '/modules/8/branches/5/transition' }
      }
    });
    expect(menu.position).toEqual({ x: 1021, y: 366.5 });
    expect(node(flow, '79af9bbc-bbea-445a-9229-b28b458cd779').kind).toBe('queue');
    const lint = lintFlow(flow);
    expect(lint.metrics.secondsToHuman).not.toBeNull();
    expect(lint.findings.filter((f) => ['dead-end', 'unbounded-retry', 'unreachable'].includes(f.rule))).toEqual([]);
  });

  it('legacy: a menu without its Timeout and Error branches is a dead end named Timeout', () => {
    const file = 'amazon-connect__amazon-connect-snippets__001-Context-Tracking-Main.json';
    const document = read(corpus, file) as { modules: { id: string; branches: { condition: string }[] }[] };
    const menu = document.modules[8]!;
    const withError = structuredClone(document);
    withError.modules[8]!.branches = menu.branches.filter((b) => b.condition !== 'Timeout');
    // Error catches what the module does not name: silence goes there.
    expect(findings(imported(withError, file).flow, 'dead-end')).toEqual([]);
    menu.branches = menu.branches.filter((b) => b.condition !== 'Timeout' && b.condition !== 'Error');
    const deadEnds = findings(imported(document, file).flow, 'dead-end');
    expect(deadEnds.map((f) => [f.node, f.outcome, f.pointer])).toEqual([
      ['47f73541-5613-40d7-863a-d709bf9b46cd', 'Timeout', '/modules/8/branches']
    ]);
  });

  it('detects by content only', () => {
    expect(amazonConnect.detect({ states: [], initial_state: 'Trigger' })).toBe(false);
    expect(amazonConnect.detect({ version: 1, nodes: [] })).toBe(false);
    expect(amazonConnect.detect(null)).toBe(false);
    expect(amazonConnect.detect('x')).toBe(false);
    expect(amazonConnect.detect({ Content: 'not json' })).toBe(false);
    expect(amazonConnect.detect({ Content: JSON.stringify(flowOf([hangUp], 'bye')) })).toBe(true);
    expect(amazonConnect.detect({ ContactFlow: { Content: 'not json' } })).toBe(true);
  });
});

describe('amazon-connect: semantics', () => {
  it('the flow-language example from the format notes imports with no dead end', () => {
    const { flow, notes } = imported(read(fixtures, 'example.json'), 'example.json');
    expect(node(flow, 'main-menu')).toMatchObject({ kind: 'menu', noInput: 'menu-attempts', invalid: 'menu-attempts' });
    expect(node(flow, 'support-hours')).toMatchObject({ kind: 'opaque', outcomes: [{ name: 'True', next: 'transfer-to-queue' }, { name: 'False' }, { name: 'NoMatchingError' }] });
    expect(notes.some((n) => n.node === 'support-hours')).toBe(true);
    expect(node(flow, 'to-voicemail-flow')).toMatchObject({ kind: 'subflow', next: 'sorry' });
    const lint = lintFlow(flow);
    expect(lint.findings.filter((f) => ['dead-end', 'unbounded-retry', 'unreachable'].includes(f.rule))).toEqual([]);
  });

  it('a missing NextAction is a dead end pointing at the action\'s Transitions', () => {
    const { flow } = imported(
      flowOf([
        { Identifier: 'a', Type: 'MessageParticipant', Parameters: { Text: 'Hello ${name}, $.Attributes.x' }, Transitions: {} }
      ])
    );
    expect(node(flow, 'a')).toMatchObject({ kind: 'prompt', prompt: 'Hello ${name}, $.Attributes.x' });
    expect(findings(flow, 'dead-end').map((f) => [f.node, f.outcome, f.pointer])).toEqual([['a', 'NextAction', '/Actions/0/Transitions']]);
  });

  it('a missing error branch is a dead end named by its ErrorType', () => {
    const { flow } = imported(
      flowOf([
        { Identifier: 'a', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: 'arn:x' }, Transitions: { NextAction: 'q' } },
        { Identifier: 'q', Type: 'TransferContactToQueue', Parameters: {}, Transitions: { NextAction: 's' } },
        { Identifier: 's', Type: 'UpdateContactAttributes', Parameters: { Attributes: { k: 'v' } }, Transitions: { NextAction: 'bye' } },
        hangUp
      ])
    );
    expect(findings(flow, 'dead-end').map((f) => [f.node, f.outcome, f.pointer])).toEqual([
      ['a', 'NoMatchingError', '/Actions/0/Transitions'],
      ['q', 'QueueAtCapacity', '/Actions/1/Transitions'],
      ['s', 'NoMatchingError', '/Actions/2/Transitions']
    ]);
  });

  it('NoMatchingError catches an error the action does not name', () => {
    const { flow } = imported(
      flowOf([
        {
          Identifier: 'a',
          Type: 'GetParticipantInput',
          Parameters: { Text: 'Press 1', StoreInput: 'False' },
          Transitions: {
            Conditions: [{ NextAction: 'bye', Condition: { Operator: 'Equals', Operands: ['1'] } }],
            Errors: [{ NextAction: 'sorry', ErrorType: 'NoMatchingError' }]
          }
        },
        { Identifier: 'sorry', Type: 'MessageParticipant', Parameters: { Text: 'Sorry' }, Transitions: { NextAction: 'bye' } },
        hangUp
      ])
    );
    const menu = node(flow, 'a');
    expect(menu).toMatchObject({ kind: 'menu', options: [{ key: '1', next: 'bye' }], noInput: 'sorry', invalid: 'sorry' });
    expect(menu.source?.outcomes?.noInput).toEqual({ name: 'NoMatchingError', pointer: '/Actions/0/Transitions/Errors/0/NextAction' });
    expect(findings(flow, 'dead-end')).toEqual([]);
  });

  it('a Compare becomes a branch on its ComparisonValue', () => {
    const { flow } = imported(
      flowOf([
        {
          Identifier: 'a',
          Type: 'Compare',
          Parameters: { ComparisonValue: '$.Attributes.tier' },
          Transitions: {
            NextAction: 'bye',
            Conditions: [
              { NextAction: 'bye', Condition: { Operator: 'Equals', Operands: ['gold'] } },
              { NextAction: 'bye', Condition: { Operator: 'NumberGreaterThan', Operands: ['3'] } }
            ],
            Errors: [{ NextAction: 'bye', ErrorType: 'NoMatchingCondition' }]
          }
        },
        hangUp
      ])
    );
    expect(node(flow, 'a')).toMatchObject({
      kind: 'branch',
      cases: [
        { label: 'gold', when: { var: '$.Attributes.tier', op: 'eq', value: 'gold' } },
        { label: 'NumberGreaterThan 3', when: { var: '$.Attributes.tier', op: 'gt', value: '3' } }
      ],
      otherwise: 'bye'
    });
  });

  it('an empty NextAction is no next action: AWS\'s "Transfer to queue" example imports with its answered exit unwired', () => {
    // As AWS's example writes it: "Transitions": {"NextAction": "", "Errors": [...]} on TransferContactToQueue;
    // and the same empty NextAction on a condition and on an error branch.
    const document = flowOf([
      { Identifier: 'a', Type: 'UpdateContactTargetQueue', Parameters: { QueueId: 'arn:aws:connect:us-east-1:1:instance/i/queue/q' }, Transitions: { NextAction: 'tier', Errors: [{ NextAction: 'bye', ErrorType: 'NoMatchingError' }] } },
      {
        Identifier: 'tier',
        Type: 'Compare',
        Parameters: { ComparisonValue: '$.Attributes.tier' },
        Transitions: {
          NextAction: 'log',
          Conditions: [{ NextAction: '', Condition: { Operator: 'Equals', Operands: ['gold'] } }],
          Errors: [{ NextAction: 'log', ErrorType: 'NoMatchingCondition' }]
        }
      },
      { Identifier: 'xfer', Type: 'TransferContactToQueue', Parameters: {}, Transitions: { NextAction: '', Errors: [{ NextAction: 'bye', ErrorType: 'QueueAtCapacity' }, { NextAction: 'bye', ErrorType: 'NoMatchingError' }] } },
      { Identifier: 'log', Type: 'UpdateContactAttributes', Parameters: { Attributes: { k: 'v' } }, Transitions: { NextAction: 'xfer', Errors: [{ NextAction: '', ErrorType: 'NoMatchingError' }] } },
      hangUp
    ]);
    const result = amazonConnect.import(document, 'queue.json');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { flow } = result;
    expect(loadFlow(flow, 'queue.json').ok).toBe(true);
    const queue = node(flow, 'xfer');
    expect(queue).toMatchObject({ kind: 'queue', overflow: 'bye' });
    expect(queue.kind === 'queue' && queue.answered).toBeUndefined();
    expect(queue.source?.outcomes?.answered).toEqual({ name: 'NextAction', pointer: '/Actions/2/Transitions/NextAction' });
    // An empty condition or error target is an unwired branch: a dead end where the caller is still on the line.
    expect(node(flow, 'tier')).toMatchObject({ kind: 'branch', cases: [{ label: 'gold' }], otherwise: 'log' });
    expect(findings(flow, 'dead-end').map((f) => [f.node, f.outcome, f.pointer])).toEqual([
      ['tier', 'gold', '/Actions/1/Transitions/Conditions/0/NextAction'],
      ['log', 'NoMatchingError', '/Actions/3/Transitions/Errors/0/NextAction']
    ]);
    // Nothing about the empty NextActions is a problem or a note.
    expect(result.notes.filter((n) => n.pointer.endsWith('/NextAction'))).toEqual([]);
    // Written back as it came: the empty NextActions stay empty.
    const exported = amazonConnect.export!(flow, {}, 'queue.json');
    if (!exported.ok) throw new Error(JSON.stringify(exported.problems));
    const actions = (exported.document as { Actions: { Identifier: string; Transitions: unknown }[] }).Actions;
    expect(actions.map((a) => a.Transitions)).toEqual((document.Actions as { Transitions: unknown }[]).map((a) => a.Transitions));
  });

  it('an empty legacy transition is a branch with no next module', () => {
    const result = amazonConnect.import(
      {
        modules: [
          { id: 'a', type: 'PlayPrompt', branches: [{ condition: 'Success', transition: 'q' }], parameters: [{ name: 'Text', value: 'Hello' }] },
          { id: 'q', type: 'Transfer', target: 'Queue', branches: [{ condition: 'Success', transition: '' }, { condition: 'AtCapacity', transition: 'bye' }, { condition: 'Error', transition: 'bye' }], parameters: [] },
          { id: 'bye', type: 'Disconnect', branches: [], parameters: [] }
        ],
        start: 'a',
        version: '1',
        type: 'contactFlow'
      },
      'legacy.json'
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const queue = node(result.flow, 'q');
    expect(queue).toMatchObject({ kind: 'queue', overflow: 'bye' });
    expect(queue.kind === 'queue' && queue.answered).toBeUndefined();
  });

  it('an unknown action becomes an opaque step with its branches and a note', () => {
    const result = imported(
      flowOf([
        { Identifier: 'a', Type: 'DistributeByPercentage', Parameters: {}, Transitions: { NextAction: 'bye', Conditions: [{ NextAction: 'bye', Condition: { Operator: 'NumberLessThan', Operands: ['50'] } }] } },
        hangUp
      ])
    );
    expect(node(result.flow, 'a')).toMatchObject({ kind: 'opaque', vendorType: 'DistributeByPercentage', outcomes: [{ name: '50', next: 'bye' }, { name: 'NextAction', next: 'bye' }] });
    expect(result.notes.some((n) => n.node === 'a' && n.pointer === '/Actions/0')).toBe(true);
  });
});

describe('amazon-connect: hostile input', () => {
  const problems = (document: unknown, file = 'bad.json') => {
    const result = amazonConnect.import(document, file);
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.problems.map((p) => [p.file, p.pointer]);
  };

  it.each([null, 42, 'text', [], true, undefined])('a non-object (%s) is a problem, not a throw', (document) => {
    expect(problems(document)).toEqual([['bad.json', '']]);
  });

  it('Actions not an array', () => {
    expect(problems({ Version: '2019-10-30', StartAction: 'a', Actions: { a: 1 } })).toEqual([['bad.json', '/Actions']]);
  });

  it('an action without an Identifier, and a duplicate Identifier', () => {
    expect(problems(flowOf([hangUp, { Type: 'DisconnectParticipant', Transitions: {} }, { ...hangUp }], 'bye'))).toEqual([
      ['bad.json', '/Actions/1/Identifier'],
      ['bad.json', '/Actions/2/Identifier']
    ]);
  });

  it('wrong types inside Transitions', () => {
    expect(
      problems(
        flowOf([
          { Identifier: 'a', Type: 'MessageParticipant', Transitions: { NextAction: 7, Conditions: 'x', Errors: [{ NextAction: 'bye' }] } },
          { Identifier: 'b', Type: 'MessageParticipant', Transitions: [] },
          { Identifier: 'c', Type: 5 },
          'not an action',
          hangUp
        ])
      )
    ).toEqual([
      ['bad.json', '/Actions/0/Transitions/NextAction'],
      ['bad.json', '/Actions/0/Transitions/Conditions'],
      ['bad.json', '/Actions/0/Transitions/Errors/0'],
      ['bad.json', '/Actions/1/Transitions'],
      ['bad.json', '/Actions/2/Type'],
      ['bad.json', '/Actions/3']
    ]);
  });

  it('a StartAction that is no action', () => {
    expect(problems(flowOf([hangUp], 'nowhere'))).toEqual([['bad.json', '/StartAction']]);
    expect(problems(flowOf([hangUp], 3 as unknown as string))).toEqual([['bad.json', '/StartAction']]);
  });

  it('Content that is not JSON, or not a flow', () => {
    expect(problems({ ContactFlow: { Name: 'x', Content: '{"Version": ' } })).toEqual([['bad.json', '/ContactFlow/Content']]);
    expect(problems({ ContactFlow: { Name: 'x', Content: 12 } })).toEqual([['bad.json', '/ContactFlow/Content']]);
    expect(problems({ ContactFlow: { Name: 'x', Content: '[1]' } })).toEqual([['bad.json', '/ContactFlow/Content']]);
    const inner = problems({ ContactFlow: { Content: JSON.stringify({ Version: '2019-10-30', StartAction: 'a', Actions: 'no' }) } });
    expect(inner).toEqual([['bad.json', '/ContactFlow/Content']]);
  });

  it('legacy modules with wrong types', () => {
    expect(
      problems({ modules: [{ id: 'a', type: 'PlayPrompt', branches: 'x' }, { type: 'Disconnect' }, 5], start: 'a' })
    ).toEqual([
      ['bad.json', '/modules/0/branches'],
      ['bad.json', '/modules/1/id'],
      ['bad.json', '/modules/2']
    ]);
  });

  it('odd but usable values become notes, and __proto__ fields never break the flow', () => {
    const document = JSON.parse(
      '{"Version":"2019-10-30","StartAction":"__proto__","Metadata":{"ActionMetadata":{"__proto__":{"position":{"x":"1","y":2}}}},' +
        '"Actions":[{"Identifier":"__proto__","Type":"UpdateContactAttributes","Parameters":"x","Transitions":{"NextAction":"constructor","Errors":[{"NextAction":"constructor","ErrorType":"NoMatchingError"}]},"__proto__":{"a":1}},' +
        '{"Identifier":"constructor","Type":"Compare","Parameters":{"ComparisonValue":"$.Attributes.__proto__"},"Transitions":{"Conditions":[{"NextAction":"toString","Condition":{"Operator":"Equals","Operands":["__proto__"]}}]}},' +
        '{"Identifier":"toString","Type":"DisconnectParticipant","Transitions":{}}]}'
    );
    const result = amazonConnect.import(document, 'proto.json');
    expect(result.ok).toBe(true);
    // Either way it never throws; a usable result is a valid flow.
    if (result.ok) {
      expect(loadFlow(result.flow, 'proto.json').ok).toBe(true);
      expect(result.notes.some((n) => n.pointer === '/Actions/0/Parameters')).toBe(true);
      expect(() => lintFlow(result.flow)).not.toThrow();
    } else {
      expect(result.problems.length).toBeGreaterThan(0);
    }
  });

  it('never throws on mangled corpus files', () => {
    for (const file of readdirSync(corpus)) {
      const text = readFileSync(path.join(corpus, file), 'utf8');
      const document = JSON.parse(text) as Record<string, unknown>;
      const variants: unknown[] = [
        { ...document, Actions: [null, 1, 'x', {}] },
        { ...document, modules: [{ id: 'x', type: 'Loop', parameters: 'p', branches: [{ condition: 'Looping', transition: 5 }] }] },
        { ...document, Metadata: 'x', StartAction: {} },
        {
          ...document,
          Actions: Array.isArray(document.Actions)
            ? document.Actions.map((a: unknown) => ({ ...(a as object), Transitions: { Conditions: [{ Condition: null }], Errors: [{ ErrorType: 3 }] } }))
            : 'x'
        }
      ];
      for (const variant of variants) {
        expect(() => amazonConnect.import(variant, file)).not.toThrow();
        expect(() => amazonConnect.detect(variant)).not.toThrow();
      }
    }
  });
});
