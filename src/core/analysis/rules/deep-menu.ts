import { nodeLabel } from '../describe.ts';
import { DEFAULT_THRESHOLDS, type Rule } from '../types.ts';
import { AGENT, VOICEMAIL, exampleMenu } from './examples.ts';

/** How many of the menus on the way a finding lists. */
const ROUTE_SHOWN = 8;

const rule: Rule = {
  meta: {
    id: 'deep-menu',
    severity: 'warning',
    description: `A menu needs more than ${DEFAULT_THRESHOLDS.maxMenuDepth} menu choices to reach by its shortest route.`,
    docs: {
      details: [
        `A menu takes more than ${DEFAULT_THRESHOLDS.maxMenuDepth} menu choices to reach. Every level is another prompt to sit through and another chance to choose wrong, and a caller deep in the tree who took a wrong turn has to start over.`,
        `The depth of a menu is the number of menu choices on the shortest route to it from the start: the first menu is at 0, a menu one choice away at 1. It fires at each menu deeper than the limit, listing the menus on the way. Set another limit with "maxMenuDepth" in the flow’s "lint": {"thresholds": {…}}, or with --threshold max-menu-depth=N.`,
        'Flatten the tree: offer the most asked deep choices higher up, and merge levels that have only one or two choices.'
      ].join('\n\n'),
      bad: {
        summary: 'Reporting an outage, the most common reason to call during one, takes four choices: support, internet, no service, outage.',
        nodes: [
          exampleMenu('main', 'For technical support, press 1. For an agent, press 0.', [['1', 'support'], ['0', 'agent']]),
          exampleMenu('support', 'For help with your internet, press 1. For an agent, press 0.', [['1', 'internet'], ['0', 'agent']]),
          exampleMenu('internet', 'If you have no service at all, press 1. For an agent, press 0.', [['1', 'no-service'], ['0', 'agent']]),
          exampleMenu('no-service', 'To check for an outage in your area, press 1. For an agent, press 0.', [['1', 'outage'], ['0', 'agent']]),
          exampleMenu('outage', 'To report an outage, press 1. For an agent, press 0.', [['1', 'outages'], ['0', 'agent']]),
          { id: 'outages', kind: 'queue', queue: 'Outages', expectedWaitSeconds: 20, overflow: 'voicemail' },
          AGENT,
          VOICEMAIL
        ]
      },
      good: {
        summary: 'The main menu offers the outage menu directly: one choice away.',
        nodes: [
          exampleMenu('main', 'To report an outage, press 1. For other technical support, press 2. For an agent, press 0.', [
            ['1', 'outage'],
            ['2', 'support'],
            ['0', 'agent']
          ]),
          exampleMenu('support', 'For help with your internet, press 1. For an agent, press 0.', [['1', 'internet'], ['0', 'agent']]),
          exampleMenu('internet', 'If you have no service at all, press 1. For an agent, press 0.', [['1', 'no-service'], ['0', 'agent']]),
          exampleMenu('no-service', 'To check for an outage in your area, press 1. For an agent, press 0.', [['1', 'outage'], ['0', 'agent']]),
          exampleMenu('outage', 'To report an outage, press 1. For an agent, press 0.', [['1', 'outages'], ['0', 'agent']]),
          { id: 'outages', kind: 'queue', queue: 'Outages', expectedWaitSeconds: 20, overflow: 'voicemail' },
          AGENT,
          VOICEMAIL
        ]
      }
    }
  },
  check({ graph, facts, thresholds, report }) {
    const { depth, via } = facts.menuDepth();
    for (const g of graph.nodes) {
      const d = depth[g.index]!;
      if (g.node.kind !== 'menu' || !Number.isFinite(d) || d <= thresholds.maxMenuDepth) continue;
      // The menus passed on the way, nearest first. Only the last few: a
      // flow whose menus go a hundred deep would otherwise list them all for
      // every menu, and the report would grow with the square of the flow.
      const menus: string[] = [];
      for (let edge = via[g.index]; edge !== undefined && menus.length < Math.min(d, ROUTE_SHOWN); edge = via[edge.from]) {
        if (edge.outcome.choice) menus.push(graph.nodes[edge.from]!.id);
      }
      report({
        node: g.id,
        nodes: [g.id, ...menus],
        message: `${nodeLabel(g)} takes ${d} menu choices to reach; keep menus within ${thresholds.maxMenuDepth} levels`,
        data: { depth: d, limit: thresholds.maxMenuDepth }
      });
    }
  }
};

export default rule;
