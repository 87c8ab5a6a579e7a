/**
 * What `zeroout rules unresolved-subflow` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    'A sub-flow node runs another flow that was not analysed with this one, so the analysis cannot see inside it. It assumes the best: that the sub-flow returns, and that a person can be reached in it. If either is wrong, a dead end or a lost caller inside the sub-flow goes unreported.',
    'It fires, as information, at every sub-flow node whose flow is not found. zeroout lint finds sub-flows by flow id among the files it is given.',
    'Lint the sub-flow together with the flows that run it, for example by linting the folder that holds them all: zeroout lint flows/'
  ),
  bad: {
    summary: 'The flow runs "verify-caller", which is not linted with it: whatever happens inside it is assumed to be fine.',
    nodes: [{ id: 'verify', kind: 'subflow', flow: 'verify-caller', next: 'agent' }, AGENT, VOICEMAIL]
  },
  good: {
    summary: 'Linted together with "verify-caller", the sub-flow is checked: it returns, so the caller goes on to the agent.',
    nodes: [{ id: 'verify', kind: 'subflow', flow: 'verify-caller', next: 'agent' }, AGENT, VOICEMAIL],
    alongside: {
      'verify-caller': [
        {
          id: 'pin',
          kind: 'input',
          prompt: 'Please enter your four-digit PIN.',
          variable: 'pin',
          minDigits: 4,
          maxDigits: 4,
          next: 'done',
          noInput: 'pin',
          invalid: 'pin',
          maxRetries: 2,
          onMaxRetries: 'done'
        },
        { id: 'done', kind: 'return' }
      ]
    }
  }
};

export default docs;
