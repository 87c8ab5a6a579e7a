import fc from 'fast-check';
import type { Flow } from '../../../src/core/model/types.ts';

/** Ids that break naive diagram output: JS, Mermaid, DOT and HTML specials. */
export const HOSTILE_IDS = [
  '__proto__',
  'a.b',
  'x"y',
  'end',
  '<img src=x onerror=alert(1)>',
  ']a[b{c}(d)',
  'back\\',
  '|pipe|',
  '%% comment',
  '#quot;',
  'line\nbreak',
  '`tick`',
  '--> n0',
  'é 😀'
] as const;

/** A flow touching every hostile id, every node kind, a missing target and unwired outcomes. */
/** A menu whose key 0 goes to a queue: the smallest drawing. */
export function tinyFlow(): Flow {
  return {
    version: 1,
    id: 'tiny',
    name: 'Tiny',
    start: 'main',
    nodes: [
      { id: 'main', name: 'Main menu', kind: 'menu', prompt: 'Press 0.', options: [{ key: '0', next: 'agent' }] },
      { id: 'agent', kind: 'queue', queue: 'support' }
    ]
  };
}

export function hostileFlow(): Flow {
  const [proto, dotted, quoted, end, img, brackets, backslash, pipe, percent, entity, newline, tick, arrow, unicode] =
    HOSTILE_IDS;
  return {
    version: 1,
    id: 'hostile',
    name: 'Hostile "ids" <b>',
    start: proto,
    nodes: [
      {
        id: proto,
        kind: 'menu',
        name: 'Main "menu" [1]',
        prompt: 'Press 1, 2 or 0.',
        options: [
          { key: '1', next: dotted },
          { key: '2', next: 'no such node' },
          { key: '0', next: quoted },
          { phrases: ['help <me>'], next: img }
        ],
        noInput: proto
        // invalid is left unwired on purpose
      },
      { id: dotted, kind: 'prompt', prompt: 'Hello', next: end },
      { id: quoted, kind: 'queue', queue: 'agents', overflow: backslash },
      { id: end, kind: 'hangup' },
      { id: img, kind: 'transfer', number: '+15550100', reachesPerson: false, failed: 'no such node' },
      {
        id: brackets,
        kind: 'branch',
        cases: [{ label: 'vip"|]', when: { var: 'caller.vip', op: 'eq', value: true }, next: pipe }],
        otherwise: percent
      },
      { id: backslash, kind: 'voicemail', mailbox: 'main', recorded: entity },
      { id: pipe, kind: 'lookup', service: 'crm', success: newline, failure: tick },
      { id: percent, kind: 'set', next: arrow },
      { id: entity, kind: 'return' },
      { id: newline, kind: 'input', prompt: 'Digits', variable: 'pin', next: unicode },
      { id: tick, kind: 'hours', timeZone: 'UTC', weekly: {}, open: brackets, closed: 'gone"<x>' },
      { id: arrow, kind: 'subflow', flow: 'other', next: end },
      { id: unicode, kind: 'callback', queue: 'cb', scheduled: end },
      { id: 'opaque', kind: 'opaque', outcomes: [{ name: 'done', next: end }, { name: 'unwired' }] },
      { id: 'person', kind: 'transfer', number: '+15550111', reachesPerson: true }
    ]
  };
}

/** Every wired outcome of {@link hostileFlow}: [from, outcome, to]. */
export const HOSTILE_EDGES: readonly (readonly [string, string, string])[] = [
  ['__proto__', '1', 'a.b'],
  ['__proto__', '2', 'no such node'],
  ['__proto__', '0', 'x"y'],
  ['__proto__', 'say:help <me>', '<img src=x onerror=alert(1)>'],
  ['__proto__', 'noInput', '__proto__'],
  ['a.b', 'next', 'end'],
  ['x"y', 'overflow', 'back\\'],
  ['<img src=x onerror=alert(1)>', 'failed', 'no such node'],
  [']a[b{c}(d)', 'vip"|]', '|pipe|'],
  [']a[b{c}(d)', 'otherwise', '%% comment'],
  ['back\\', 'recorded', '#quot;'],
  ['|pipe|', 'success', 'line\nbreak'],
  ['|pipe|', 'failure', '`tick`'],
  ['%% comment', 'next', '--> n0'],
  ['line\nbreak', 'next', 'é 😀'],
  ['`tick`', 'open', ']a[b{c}(d)'],
  ['`tick`', 'closed', 'gone"<x>'],
  ['--> n0', 'next', 'end'],
  ['é 😀', 'scheduled', 'end'],
  ['opaque', 'done', 'end']
];

export const MISSING_IDS = ['no such node', 'gone"<x>'] as const;

/** Random flows of prompts with arbitrary unique ids, wired at random (including to missing ids). */
export function arbitraryFlow(): fc.Arbitrary<Flow> {
  return fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }), { minLength: 1, maxLength: 8 })
    .chain((ids) =>
      fc
        .array(fc.option(fc.oneof(fc.constantFrom(...ids), fc.string({ minLength: 1, maxLength: 6 }))), {
          minLength: ids.length,
          maxLength: ids.length
        })
        .map(
          (targets): Flow => ({
            version: 1,
            id: 'random',
            name: 'Random',
            start: ids[0]!,
            nodes: ids.map((id, index) => {
              const next = targets[index];
              return next === null || next === undefined
                ? { id, kind: 'prompt', prompt: 'Hi' }
                : { id, kind: 'prompt', prompt: 'Hi', next };
            })
          })
        )
    );
}
