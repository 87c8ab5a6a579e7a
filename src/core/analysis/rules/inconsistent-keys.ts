/**
 * inconsistent-keys: a service key means one thing in some menus of a flow
 * and another in others, where conventions expect one meaning: 0 reaches a
 * person in one menu and not in another; * goes back or repeats in one menu
 * and does something else in another; # is a menu choice while the flow's
 * entries end with #.
 */
import { indexedPointer } from '../../json/pointer.ts';
import type { FlowGraph } from '../graph.ts';
import { nodeLabel, nodeRef } from '../describe.ts';
import type { Rule } from '../types.ts';

/** How many steps with one way on (a prompt, a set, …) are followed to find where a choice lands. */
const MAX_STEPS = 8;

/**
 * The menu or input a call reaches from node `v` through nodes with one way
 * on and no input ("Here are the choices again." → the menu), or `v` itself
 * when it waits for input; -1 for anything else (a queue, a branch, …).
 */
function landing(graph: FlowGraph, v: number): number {
  let at = v;
  for (let step = 0; step <= MAX_STEPS; step++) {
    const g = graph.nodes[at]!;
    if (g.input) return at;
    const out = graph.out[at]!;
    if (out.length !== 1 || g.outcomes.length !== 1) return -1;
    at = out[0]!.to;
  }
  return -1;
}

/** What a key does in one menu. */
type Meaning = 'person' | 'no person' | 'back' | 'repeat' | 'other' | 'choice';

interface Use {
  readonly index: number;
  readonly option: number;
  readonly meaning: Meaning;
}

const KEY_WORDS: Readonly<Record<Meaning, string>> = {
  person: 'reaches a person',
  'no person': 'does not reach a person',
  back: 'goes back to the previous menu',
  repeat: 'repeats the menu',
  other: 'neither goes back nor repeats the menu',
  choice: 'is a menu choice'
};

const rule: Rule = {
  meta: {
    id: 'inconsistent-keys',
    severity: 'warning',
    description: 'A key means different things in different menus of a flow where conventions expect one meaning: 0 reaches a person in some menus but not in others, * goes back or repeats in some but not in others, or # is a menu choice while entries end with #.'
  },
  check({ graph, facts, report }) {
    const before = facts.reachableBeforeHelp();
    const person = facts.autoReachesHuman();
    const depth = facts.menuDepth().depth;
    const n = graph.nodes.length;

    // The menus each menu is chosen from: its parents, for "back".
    const parents: (number[] | undefined)[] = new Array<number[] | undefined>(n);
    const menus: number[] = [];
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      if (g.node.kind !== 'menu' || !before[g.index]) continue;
      menus.push(g.index);
      const edges = graph.out[g.index]!;
      for (let e = 0; e < edges.length; e++) {
        const edge = edges[e]!;
        if (!edge.outcome.choice) continue;
        const to = landing(graph, edge.to);
        if (to < 0 || to === g.index || graph.nodes[to]!.node.kind !== 'menu') continue;
        (parents[to] ??= []).push(g.index);
      }
    }
    if (menus.length === 0) return;

    const zero: Use[] = [];
    const star: Use[] = [];
    const pound: Use[] = [];
    for (const m of menus) {
      const node = graph.nodes[m]!.node;
      if (node.kind !== 'menu') continue;
      // The first choice on each key counts: a second is unreachable by key.
      let seen = 0;
      node.options.forEach((option, index) => {
        const key = option.key;
        const bit = key === '0' ? 1 : key === '*' ? 2 : key === '#' ? 4 : 0;
        if (bit === 0 || (seen & bit) !== 0) return;
        seen |= bit;
        const to = option.next === undefined ? undefined : graph.byId.get(option.next);
        // An unwired or broken choice has rules of its own.
        if (to === undefined) return;
        if (key === '0') {
          zero.push({ index: m, option: index, meaning: person[to] ? 'person' : 'no person' });
        } else if (key === '*') {
          const land = landing(graph, to);
          const back = land >= 0 && graph.nodes[land]!.node.kind === 'menu' && ((parents[m]?.includes(land) ?? false) || depth[land]! < depth[m]!);
          star.push({ index: m, option: index, meaning: land === m ? 'repeat' : back ? 'back' : 'other' });
        } else {
          pound.push({ index: m, option: index, meaning: 'choice' });
        }
      });
    }

    const refs = (indices: readonly number[]): string[] => indices.map((i) => nodeRef(graph.nodes[i]!.node, graph.nodes[i]!.id));
    const ids = (indices: readonly number[]): string[] => indices.map((i) => graph.nodes[i]!.id);
    const emit = (key: string, use: Use, others: readonly number[], othersMeaning: string): void => {
      const g = graph.nodes[use.index]!;
      report({
        node: g.id,
        outcome: key,
        message: `${nodeLabel(g)}: key ${key} ${KEY_WORDS[use.meaning]} here, but in ${list(refs(others))} it ${othersMeaning}; callers learn a key once and expect it everywhere`,
        pointer: `${g.pointer}${indexedPointer('/options', use.option)}`,
        data: { key, meaning: use.meaning, others: ids(others) }
      });
    };

    // 0: the operator key. A menu whose 0 reaches no person deviates.
    const zeroPerson = zero.filter((use) => use.meaning === 'person').map((use) => use.index);
    if (zeroPerson.length > 0) {
      for (const use of zero) if (use.meaning !== 'person') emit('0', use, zeroPerson, KEY_WORDS.person);
    }

    // *: back or repeat. A menu whose * does neither deviates.
    const starKept = star.filter((use) => use.meaning !== 'other');
    if (starKept.length > 0) {
      const kinds = new Set(starKept.map((use) => use.meaning));
      const meaning = kinds.size > 1 ? 'goes back or repeats the menu' : KEY_WORDS[starKept[0]!.meaning];
      for (const use of star) if (use.meaning === 'other') emit('*', use, starKept.map((u) => u.index), meaning);
    }

    // #: ends an entry. A menu choice on # deviates when the flow's entries end with #.
    if (pound.length > 0) {
      const entries: number[] = [];
      for (let gi = 0; gi < graph.nodes.length; gi++) {
        const g = graph.nodes[gi]!;
        if (g.node.kind === 'input' && before[g.index] && (g.node.terminator ?? '#') === '#') entries.push(g.index);
      }
      if (entries.length > 0) for (const use of pound) emit('#', use, entries, 'ends an entry');
    }
  }
};

/** "a", "a and b", "a, b and c", "a, b, c and 2 more". */
function list(items: readonly string[]): string {
  const shown = items.length > 4 ? [...items.slice(0, 3), `${items.length - 3} more`] : items;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export default rule;
