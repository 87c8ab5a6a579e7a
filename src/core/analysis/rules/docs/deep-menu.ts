/**
 * What `zeroout rules deep-menu` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import { DEFAULT_THRESHOLDS, type RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';
import type { FlowNode } from '../../../model/types.ts';

/** The support menus, one level under another, down to the outage line. */
const SUPPORT_TREE: readonly FlowNode[] = [
  exampleMenu('support', 'For help with your internet, press 1. For an agent, press 0.', [['1', 'internet'], ['0', 'agent']]),
  exampleMenu('internet', 'If you have no service at all, press 1. For an agent, press 0.', [['1', 'no-service'], ['0', 'agent']]),
  exampleMenu('no-service', 'To check for an outage in your area, press 1. For an agent, press 0.', [['1', 'outage'], ['0', 'agent']]),
  exampleMenu('outage', 'To report an outage, press 1. For an agent, press 0.', [['1', 'outages'], ['0', 'agent']]),
  { id: 'outages', kind: 'queue', queue: 'Outages', expectedWaitSeconds: 20, overflow: 'voicemail' }
];

const docs: RuleDocs = {
  details: paragraphs(
    `A menu takes more than ${DEFAULT_THRESHOLDS.maxMenuDepth} menu choices to reach. Every level is another prompt to sit through and another chance to choose wrong, and a caller deep in the tree who took a wrong turn has to start over.`,
    `The depth of a menu is the number of menu choices on the shortest route to it from the start: the first menu is at 0, a menu one choice away at 1. It fires at each menu deeper than the limit, listing the menus on the way. Set another limit with "maxMenuDepth" in the flow’s "lint": {"thresholds": {…}}, or with --threshold max-menu-depth=N.`,
    'Flatten the tree: offer the most asked deep choices higher up, and merge levels that have only one or two choices.'
  ),
  bad: {
    summary: 'Reporting an outage, the most common reason to call during one, takes four choices: support, internet, no service, outage.',
    nodes: [
      exampleMenu('main', 'For technical support, press 1. For an agent, press 0.', [['1', 'support'], ['0', 'agent']]),
      ...SUPPORT_TREE,
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
      ...SUPPORT_TREE,
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
