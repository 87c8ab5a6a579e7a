import { describe, expect, it } from 'vitest';
import { RULES } from '../../../../src/core/analysis/engine.ts';
import { agent, findingsOf, makeFlow, voicemail } from '../../../support/build.ts';

const RULE = 'repeated-input';

/**
 * A flow from lines `id: kind [variable] -> targets`, the first node first:
 *   input V -> next            (no input and invalid entries retry the input; the retry limit goes to the agent)
 *   lookup -> success | failure
 *   menu -> 1:target 2:target
 *   prompt -> next
 *   queue -> overflow          (a queue answered by the agent, overflowing to `overflow`)
 * An agent queue (`agent`) and a voicemail box (`vm`) are always there.
 */
function flowOf(description: string) {
  const nodes = description
    .trim()
    .split('\n')
    .map((line) => {
      const [, id, kind, variable, targets] = /^\s*([\w-]+):\s*(\w+)(?:\s+(\w+))?\s*->\s*(.*)$/.exec(line)!;
      const t = targets!.trim().split(/\s*\|\s*/);
      switch (kind) {
        case 'input':
          return { id: id!, kind, variable, next: t[0], noInput: id, invalid: id, maxRetries: 2, onMaxRetries: 'agent', prompt: 'Enter it.' };
        case 'lookup':
          return { id: id!, kind, service: 'crm', success: t[0], failure: t[1] };
        case 'menu': {
          const options = t[0]!.split(/\s+/).map((pair) => {
            const [key, next] = pair.split(':');
            return { key, next };
          });
          return { id: id!, kind, prompt: options.map((o) => `Press ${o.key}.`).join(' '), options, noInput: id, invalid: id, maxRetries: 2, onMaxRetries: 'agent' };
        }
        case 'prompt':
          return { id: id!, kind, prompt: 'Thank you.', next: t[0] };
        case 'queue':
          return { id: id!, kind, queue: 'Support', overflow: t[0] };
        default:
          throw new Error(`unknown kind ${kind}`);
      }
    });
  return makeFlow([...nodes, agent, voicemail]);
}

const found = (description: string): string[][] =>
  findingsOf(RULE, flowOf(description)).map((f) => [...f.nodes]);

describe(RULE, () => {
  describe('valid', () => {
    it.each([
      ['one input', 'a: input account -> agent'],
      ['two inputs of different variables', 'a: input account -> b\nb: input pin -> agent'],
      ['asking again after a failed lookup', 'a: input account -> look\nlook: lookup -> agent | b\nb: input account -> agent'],
      ['asking again after a failed lookup, through a message', 'a: input account -> look\nlook: lookup -> agent | sorry\nsorry: prompt -> b\nb: input account -> agent'],
      ['asking again at the same input after a failed lookup', 'a: input account -> look\nlook: lookup -> agent | a'],
      ['going back to the same input through a menu', 'a: input account -> look\nlook: lookup -> m | a\nm: menu -> 1:a 0:agent'],
      ['asking again after a queue overflow', 'a: input account -> q\nq: queue -> b\nb: input account -> agent'],
      ['the same variable on separate branches', 'm: menu -> 1:a 2:b 0:agent\na: input account -> agent\nb: input account -> agent']
    ])('%s', (_, description) => {
      expect(found(description)).toEqual([]);
    });

    it('does not follow no-input, invalid and retry-limit outcomes', () => {
      const flow = makeFlow([
        { id: 'a', kind: 'input', variable: 'account', prompt: 'Enter it.', next: 'agent', noInput: 'b', invalid: 'c', maxRetries: 2, onMaxRetries: 'd' },
        { id: 'b', kind: 'input', variable: 'account', prompt: 'Enter it.', next: 'agent', noInput: 'b', invalid: 'b' },
        { id: 'c', kind: 'input', variable: 'account', prompt: 'Enter it.', next: 'agent', noInput: 'c', invalid: 'c' },
        { id: 'd', kind: 'input', variable: 'account', prompt: 'Enter it.', next: 'agent', noInput: 'd', invalid: 'd' },
        agent,
        voicemail
      ]);
      expect(findingsOf(RULE, flow)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports the input that asks again, with the one that asked first', () => {
      const findings = findingsOf(RULE, flowOf('a: input account -> look\nlook: lookup -> b | agent\nb: input account -> agent'));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: RULE,
        severity: 'warning',
        node: 'b',
        nodes: ['b', 'a'],
        pointer: '/nodes/2/variable',
        message: 'Input "b" asks for "account" again: the caller already entered it at "a"',
        data: { variable: 'account', askedAt: 'a' }
      });
    });

    it.each([
      ['right after', 'a: input account -> b\nb: input account -> agent', [['b', 'a']]],
      ['through a menu', 'a: input account -> m\nm: menu -> 1:b 0:agent\nb: input account -> agent', [['b', 'a']]],
      ['after a lookup succeeds even when its failure also asks again', 'a: input account -> look\nlook: lookup -> m | a\nm: menu -> 1:b 0:agent\nb: input account -> agent', [['b', 'a']]],
      [
        'both ways round a loop',
        'm: menu -> 1:a 2:b 0:agent\na: input account -> m\nb: input account -> m',
        [['a', 'b'], ['b', 'a']]
      ],
      [
        'each input at the nearest one before it',
        'a: input account -> b\nb: input account -> c\nc: input account -> agent',
        [['b', 'a'], ['c', 'b']]
      ],
      [
        'per variable',
        'a: input account -> p\np: input pin -> b\nb: input account -> q\nq: input pin -> agent',
        [['b', 'a'], ['q', 'p']]
      ],
      [
        // x is reached from a first; only a second origin at x shows that b leads back to a.
        'an input reached again through a node another input also reaches',
        'a: input account -> x\nb: input account -> x\nx: prompt -> a',
        [['a', 'b']]
      ]
    ])('%s', (_, description, expected) => {
      expect(found(description)).toEqual(expected);
    });

    it('gives the variable in the data', () => {
      const findings = findingsOf(RULE, flowOf('a: input account -> p\np: input pin -> b\nb: input account -> q\nq: input pin -> agent'));
      expect(findings.map((f) => f.data?.['variable'])).toEqual(['account', 'pin']);
    });
  });

  it('checks a ring of many inputs of one variable in linear time', () => {
    const size = 20_000;
    const nodes = Array.from({ length: size }, (_, i) => ({
      id: `in-${i}`,
      kind: 'input',
      variable: 'account',
      prompt: 'Enter it.',
      next: `in-${(i + 1) % size}`,
      noInput: 'agent',
      invalid: 'agent'
    }));
    const flow = makeFlow([...nodes, agent, voicemail]);
    const started = performance.now();
    const only = Object.fromEntries(RULES.map((rule) => [rule.meta.id, rule.meta.id === RULE ? 'warning' : 'off'] as const));
    const findings = findingsOf(RULE, flow, { rules: only });
    expect(findings).toHaveLength(size);
    expect(findings[0]?.nodes).toEqual(['in-0', `in-${size - 1}`]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
