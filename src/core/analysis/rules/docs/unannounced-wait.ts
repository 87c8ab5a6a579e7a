/**
 * What `zeroout rules unannounced-wait` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import { DEFAULT_THRESHOLDS, type RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    `A queue whose expected wait is over ${DEFAULT_THRESHOLDS.announceWaitOverSeconds} seconds, or not known, and the caller is never told how long it will be. Without an estimate, callers cannot decide whether to hold, leave a message or call back later; many hang up after a minute or two and call again, which makes the queue longer.`,
    `It fires at a queue that does not set "announceWait": true when neither its own prompt nor a message shortly before it, on every way in, speaks of the wait ("about 10 minutes", "your expected wait"). "Please hold" is not an announcement. A queue whose expected wait is ${DEFAULT_THRESHOLDS.announceWaitOverSeconds} seconds or less is exempt. Set another limit with "announceWaitOverSeconds" in the flow’s "lint": {"thresholds": {…}}, or with --threshold announce-wait-over-seconds=N.`,
    'Set "announceWait": true when the platform announces the wait, or say it in the queue’s prompt; and set "expectedWaitSeconds" so the analysis knows the wait.'
  ),
  bad: {
    summary: 'The queue usually takes about five minutes, and callers only hear "please hold".',
    nodes: [
      { id: 'welcome', kind: 'prompt', prompt: 'Thank you for calling. Please hold for the next available agent.', next: 'agent' },
      { ...AGENT, expectedWaitSeconds: 300 },
      VOICEMAIL
    ]
  },
  good: {
    summary: 'The queue tells callers the expected wait as they join it.',
    nodes: [
      { id: 'welcome', kind: 'prompt', prompt: 'Thank you for calling. Please hold for the next available agent.', next: 'agent' },
      { ...AGENT, expectedWaitSeconds: 300, announceWait: true },
      VOICEMAIL
    ]
  }
};

export default docs;
