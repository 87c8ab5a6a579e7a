import { describe, expect, it } from 'vitest';
import { subflowResolver } from '../../../src/core/analysis/subflows.ts';
import { environmentUses } from '../../../src/core/formats/index.ts';
import { flowFinder } from '../../../src/core/model/references.ts';
import { findingsOf, makeFlow } from '../../support/build.ts';

const ARN = 'arn:aws:connect:us-east-1:111122223333:instance/0000/contact-flow/5a1e-77';

const caller = makeFlow([{ id: 'hand-off', kind: 'subflow', flow: ARN }], { id: 'main' });
const sales = makeFlow([{ id: 'q', kind: 'queue', queue: 'sales', expectedWaitSeconds: 10 }], { id: '5a1e-77' });
const salesByArn = { ...sales, id: ARN };
const other = { ...sales, id: 'arn:aws:connect:us-east-1:111122223333:instance/0000/contact-flow/other' };

describe('finding the flow a sub-flow names', () => {
  it('finds a flow by its id, or by the resource id an ARN ends with', () => {
    expect(flowFinder([sales])(ARN)).toBe(sales);
    expect(flowFinder([salesByArn])(ARN)).toBe(salesByArn);
    expect(flowFinder([salesByArn])('5a1e-77')).toBeUndefined();
    expect(flowFinder([other])(ARN)).toBeUndefined();
  });

  it('a transfer by ARN to a flow linted alongside is resolved, not assumed', () => {
    expect(findingsOf('unresolved-subflow', caller).map((f) => f.node)).toEqual(['hand-off']);
    expect(findingsOf('unresolved-subflow', caller, { resolveSubflow: subflowResolver([caller, sales]) })).toEqual([]);
  });
});

describe('the names an export environment maps', () => {
  it('lists queues, callback queues, mailboxes, sub-flows and services once each by kind, sorted, with their nodes', () => {
    const flow = makeFlow(
      [
        { id: 'q', kind: 'queue', queue: 'support', expectedWaitSeconds: 10, overflow: 'cb' },
        { id: 'cb', kind: 'callback', queue: 'callbacks', failed: 'vm' },
        { id: 'vm', kind: 'voicemail', mailbox: 'general' },
        { id: 'look', kind: 'lookup', service: 'accounts', success: 'sub', failure: 'q' },
        { id: 'sub', kind: 'subflow', flow: 'billing', next: 'q2' },
        { id: 'q2', kind: 'queue', queue: 'support', expectedWaitSeconds: 10 }
      ],
      { start: 'look' }
    );
    expect(environmentUses(flow).map((use) => [use.kind, use.name, use.nodes])).toEqual([
      ['queues', 'callbacks', ['cb']],
      ['queues', 'support', ['q', 'q2']],
      ['mailboxes', 'general', ['vm']],
      ['flows', 'billing', ['sub']],
      ['functions', 'accounts', ['look']]
    ]);
  });

  it('leaves out imported nodes, which keep the references of their file', () => {
    const flow = makeFlow([
      { id: 'q', kind: 'queue', queue: ARN, expectedWaitSeconds: 10, source: { type: 'TransferContactToQueue', pointer: '/Actions/0' } },
      { id: 'vm', kind: 'voicemail', mailbox: 'general' }
    ]);
    expect(environmentUses(flow).map((use) => use.name)).toEqual(['general']);
    expect(environmentUses({ nodes: [] })).toEqual([]);
  });
});
