/**
 * What `zeroout rules goal-before-key` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    'Callers listen for their goal, and only then need the key. "Press 2 for technical support" makes them hold "2" in mind before they know whether it is theirs; by the time they hear their goal, the key is often gone and they wait for the menu to repeat. "For technical support, press 2" lets them ignore every choice until theirs comes, then hear the key last.',
    'It reads every prompt field of every node (prompt, reprompt, no-input and invalid prompts), each locale on its own, and reports the first place a text names a key before its goal: in English and Spanish a key verb, the key and then "for", "to", "if", "para" or "si" with the goal ("Press 1 for billing", "Press 0 at any time to speak with an agent", "Oprima 1 para facturación", also with marque, pulse, presione); in Korean a key at the start of a sentence as the condition or topic of what follows ("1번을 누르시면 요금 문의로 연결됩니다", "1번은 요금 문의입니다", where "요금 문의는 1번을 눌러 주세요" is goal first); in Japanese a key at the start of a sentence pressed before the goal ("1を押すと料金のお問い合わせにつながります", "1番を押して…へお進みください", where "料金のお問い合わせは1を押してください" is goal first). A key that ends an entry ("followed by the pound key") and keys with no goal ("press 1 or 2") are not reported. One finding per node, field and locale, quoting the phrase; English and Spanish findings give the phrase rewritten goal first.',
    'Sources: the guidance on wording prompts in the Blueworx (formerly IBM WebSphere) Voice Response for AIX documentation says to phrase prompts so that the goal precedes the means of achieving it ("to contact the operator, press 0"), because a caller told the key first may forget it before realising it was the one they wanted; the prompt guidelines of Avaya’s Interactive Response word their recommended prompts goal first too ("To register for classes, press 3").',
    'Say the goal first and the key last: "For billing, press 1", "Para facturación, oprima 1", "요금 문의는 1번을 눌러 주세요", "料金のお問い合わせは1を押してください".'
  ),
  bad: {
    summary: 'Every choice names its key first: callers must remember three keys before they hear which one is theirs.',
    nodes: [
      exampleMenu(
        'main',
        'Press 1 for billing. Press 2 for technical support. Press 0 to speak with an agent.',
        [['1', 'billing'], ['2', 'support'], ['0', 'agent']]
      ),
      { id: 'billing', kind: 'queue', queue: 'Billing', expectedWaitSeconds: 20, overflow: 'voicemail' },
      { id: 'support', kind: 'queue', queue: 'Technical support', expectedWaitSeconds: 20, overflow: 'voicemail' },
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'The goal comes first and the key last, so callers wait for theirs and then hear the key.',
    nodes: [
      exampleMenu(
        'main',
        'For billing, press 1. For technical support, press 2. To speak with an agent, press 0.',
        [['1', 'billing'], ['2', 'support'], ['0', 'agent']]
      ),
      { id: 'billing', kind: 'queue', queue: 'Billing', expectedWaitSeconds: 20, overflow: 'voicemail' },
      { id: 'support', kind: 'queue', queue: 'Technical support', expectedWaitSeconds: 20, overflow: 'voicemail' },
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
