/**
 * What `zeroout rules slow-path-to-human` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import { DEFAULT_THRESHOLDS, type RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    `The fastest route from the start to a person takes more than ${DEFAULT_THRESHOLDS.maxSecondsToHuman} seconds of the caller’s time, before any wait in the queue. Long welcomes, legal notices, advertising and menus stacked in front of the agent add up, and a caller who wants a person hears all of it on every call.`,
    `Caller time is estimated from each prompt’s words at ${DEFAULT_THRESHOLDS.wordsPerMinute} words a minute (Chinese, Japanese and Korean text by syllable), about 2 seconds per menu choice, half a second per digit typed, the timeout for silence and the latency of lookups. It fires once per flow, at the person reached fastest, with the route. Set another limit with "maxSecondsToHuman" in the flow’s "lint": {"thresholds": {…}}, or with --threshold max-seconds-to-human=N.`,
    'Cut what plays before the first menu, offer "press 0 for an agent" early, and move announcements to where they matter or to the message callers hear while they hold.'
  ),
  bad: {
    summary: 'A long welcome of advertising and notices plays before the menu: over a minute before a caller can press 0.',
    nodes: [
      {
        id: 'welcome',
        kind: 'prompt',
        prompt:
          'Thank you for calling Harbor Bank, where our customers always come first. Please listen carefully, as our menu options have recently changed. Did you know that you can check your balance, pay your bills, move money between your accounts and order new checks at any time of the day or night on our website or in the Harbor Bank mobile app? Download it today from your app store. Calls may be monitored or recorded for quality and training purposes. By staying on the line, you agree to our privacy policy, which you can read on our website. For your security, never share your full password or PIN with anyone, including Harbor Bank staff. If you are calling about a lost or stolen card, please have your card number ready. Our branches are open Monday to Friday from 9 am to 5 pm, and on Saturday mornings. Harbor Bank is a member of the FDIC and an equal housing lender.',
        next: 'main'
      },
      exampleMenu('main', 'For our opening hours, press 1. For an agent, press 0.', [['1', 'hours'], ['0', 'agent']]),
      { id: 'hours', kind: 'prompt', prompt: 'Our branches are open from 9 am to 5 pm, Monday to Friday.', next: 'main' },
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'The welcome says what every caller needs to hear; the rest is on the website.',
    nodes: [
      { id: 'welcome', kind: 'prompt', prompt: 'Thank you for calling Harbor Bank. Calls may be recorded.', next: 'main' },
      exampleMenu('main', 'For our opening hours, press 1. For an agent, press 0.', [['1', 'hours'], ['0', 'agent']]),
      { id: 'hours', kind: 'prompt', prompt: 'Our branches are open from 9 am to 5 pm, Monday to Friday.', next: 'main' },
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
