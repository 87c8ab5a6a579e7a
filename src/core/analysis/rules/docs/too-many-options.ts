/**
 * What `zeroout rules too-many-options` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import { DEFAULT_THRESHOLDS, type RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    `A menu offers more than ${DEFAULT_THRESHOLDS.maxOptions} choices. Callers cannot hold a long list in mind: by the end they have forgotten the beginning, so they guess, wait for the list to repeat, or press 0. Every caller also has to sit through the whole list.`,
    `It counts the menu’s choices, leaving out 0, * and # (the operator, back and repeat keys), and fires when there are more than ${DEFAULT_THRESHOLDS.maxOptions}. Set another limit with "maxOptions" in the flow’s "lint": {"thresholds": {…}}, or with --threshold max-options=N.`,
    'Group choices that go to the same place, put the most asked first, and move rare ones to a second menu or to the website.'
  ),
  bad: {
    summary: 'Six choices before the one for an agent, and pairs of them go to the same team.',
    nodes: [
      exampleMenu(
        'main',
        'For billing, press 1. For payments, press 2. For technical support, press 3. To report an outage, press 4. For new service, press 5. If you are moving, press 6. For an agent, press 0.',
        [['1', 'billing'], ['2', 'billing'], ['3', 'support'], ['4', 'support'], ['5', 'sales'], ['6', 'sales'], ['0', 'agent']]
      ),
      { id: 'billing', kind: 'queue', queue: 'Billing', expectedWaitSeconds: 20, overflow: 'voicemail' },
      { id: 'support', kind: 'queue', queue: 'Technical support', expectedWaitSeconds: 20, overflow: 'voicemail' },
      { id: 'sales', kind: 'queue', queue: 'Sales', expectedWaitSeconds: 20, overflow: 'voicemail' },
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'Choices that go to the same team are grouped: three choices, and 0 for an agent.',
    nodes: [
      exampleMenu(
        'main',
        'For billing and payments, press 1. For technical support and outages, press 2. For new service or moving, press 3. For anything else, press 0.',
        [['1', 'billing'], ['2', 'support'], ['3', 'sales'], ['0', 'agent']]
      ),
      { id: 'billing', kind: 'queue', queue: 'Billing', expectedWaitSeconds: 20, overflow: 'voicemail' },
      { id: 'support', kind: 'queue', queue: 'Technical support', expectedWaitSeconds: 20, overflow: 'voicemail' },
      { id: 'sales', kind: 'queue', queue: 'Sales', expectedWaitSeconds: 20, overflow: 'voicemail' },
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
