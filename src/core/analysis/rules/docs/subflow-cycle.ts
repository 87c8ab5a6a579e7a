/**
 * What `zeroout rules subflow-cycle` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    'A sub-flow node runs another flow and waits for it to return. When that flow runs the first one again, directly or through other flows, every call goes one level deeper each time round and never comes back: the caller hears the same steps over and over until the platform gives up, or the platform refuses to publish flows that run each other. A simulated call that gets there is counted as trapped.',
    'It fires, as an error, at every sub-flow node whose flow runs the flow it is in again (A runs B, B runs A), and at a sub-flow node that runs its own flow. The flows are found among the flows analysed together: lint the folder that holds them all.',
    'Let the inner flow return instead of running the outer one again: a "return" node hands the call back to the node after the sub-flow node, which can take the caller on from there (a menu, an agent).'
  ),
  bad: {
    summary: 'The flow runs "account-help", and "account-help" starts this flow over instead of returning: each call goes one flow deeper for ever.',
    nodes: [{ id: 'help', kind: 'subflow', flow: 'account-help', next: 'agent' }, AGENT, VOICEMAIL],
    alongside: {
      'account-help': [
        { id: 'balance', kind: 'prompt', prompt: 'Your balance is available in the app.', next: 'start-over' },
        { id: 'start-over', kind: 'subflow', flow: 'subflow-cycle-bad', next: 'done' },
        { id: 'done', kind: 'return' }
      ]
    }
  },
  good: {
    summary: '"account-help" returns, and the caller goes on to the agent from the flow that ran it.',
    nodes: [{ id: 'help', kind: 'subflow', flow: 'account-help', next: 'agent' }, AGENT, VOICEMAIL],
    alongside: {
      'account-help': [
        { id: 'balance', kind: 'prompt', prompt: 'Your balance is available in the app.', next: 'done' },
        { id: 'done', kind: 'return' }
      ]
    }
  }
};

export default docs;
