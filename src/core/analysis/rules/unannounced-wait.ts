import { promptTexts } from '../../model/prompt.ts';
import { mentionsWait } from '../../model/queue.ts';
import type { Prompt } from '../../model/types.ts';
import { nodeLabel, seconds } from '../describe.ts';
import type { FlowGraph } from '../graph.ts';
import { DEFAULT_THRESHOLDS, type Rule } from '../types.ts';

/** How far back along a chain of steps an announcement still counts (a prompt, then setting the queue, say). */
const CHAIN = 4;

const speaksOfWait = (prompt: Prompt | undefined): boolean =>
  prompt !== undefined && promptTexts(prompt, '').some(([, text]) => mentionsWait(text));

/**
 * Whether the caller hears the wait before queueing: in the queue's own
 * prompt, or in a prompt a few steps before it on every way in, through
 * steps that take no input (a platform without an announce setting says it in
 * a prompt, then sets the queue, then transfers).
 */
function heardBefore(graph: FlowGraph, queue: number): boolean {
  const node = graph.nodes[queue]!.node;
  if ('prompt' in node && speaksOfWait(node.prompt)) return true;
  const into = graph.in[queue]!;
  if (into.length === 0) return false;
  return into.every((first) => {
    let edge = first;
    for (let step = 0; step < CHAIN; step++) {
      const from = graph.nodes[edge.from]!;
      if (from.node.kind === 'prompt' && speaksOfWait(from.node.prompt)) return true;
      // Back through steps that take no input and have one way in.
      if (from.input || graph.in[edge.from]!.length !== 1) return false;
      edge = graph.in[edge.from]![0]!;
    }
    return false;
  });
}

const rule: Rule = {
  meta: {
    id: 'unannounced-wait',
    severity: 'warning',
    description: `A queue whose expected wait (over ${DEFAULT_THRESHOLDS.announceWaitOverSeconds} s, or unknown) is never announced to the caller.`
  },
  check({ graph, thresholds, report }) {
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      if (g.node.kind !== 'queue' || g.node.announceWait === true) continue;
      const wait = g.node.expectedWaitSeconds;
      if (wait !== undefined && wait <= thresholds.announceWaitOverSeconds) continue;
      if (heardBefore(graph, g.index)) continue;
      report({
        node: g.id,
        message:
          wait === undefined
            ? `${nodeLabel(g)} never tells callers how long they will wait, and its expected wait is not set`
            : `${nodeLabel(g)} has an expected wait of ${seconds(wait)} and never announces it (set "announceWait")`,
        pointer: `${g.pointer}/announceWait`,
        data: wait === undefined ? {} : { expectedWaitSeconds: wait }
      });
    }
  }
};

export default rule;
