import { nodeLabel, seconds } from '../describe.ts';
import type { Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'unannounced-wait',
    severity: 'warning',
    description: 'A queue whose expected wait (over 30 s, or unknown) is never announced to the caller.'
  },
  check({ graph, thresholds, report }) {
    for (const g of graph.nodes) {
      if (g.node.kind !== 'queue' || g.node.announceWait === true) continue;
      const wait = g.node.expectedWaitSeconds;
      if (wait !== undefined && wait <= thresholds.announceWaitOverSeconds) continue;
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
