/**
 * What every export does to a design before writing it for a platform: a
 * setting the platform has no place for is written out as what the caller
 * hears. A queue that announces its wait gets the announcement in its prompt.
 * Nodes imported from a vendor are left as they came (a step an import added,
 * `meta.synthetic`, is the design's).
 */
import { localesOf } from '../model/prompt.ts';
import { promptWithWait } from '../model/queue.ts';
import type { Flow, FlowNode } from '../model/types.ts';

export function spokenSettings(flow: Flow): Flow {
  const locales = localesOf(flow);
  let changed = false;
  const nodes = flow.nodes.map((node): FlowNode => {
    // An imported queue is written back as it came; one its import added (Genesys's wait in an in-queue flow) is not, and says the wait as designed.
    if (node.kind !== 'queue' || (node.source !== undefined && node.meta?.['synthetic'] === undefined) || !node.announceWait) return node;
    const prompt = promptWithWait(node, locales);
    if (prompt === node.prompt) return node;
    changed = true;
    return { ...node, ...(prompt === undefined ? {} : { prompt }) };
  });
  return changed ? { ...flow, nodes } : flow;
}
