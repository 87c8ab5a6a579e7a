/**
 * What `zeroout rules stale-translation` prints: why the rule matters, a flow
 * it reports and the same flow fixed, each with the earlier version they are
 * linted against.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';
import type { FlowNode } from '../../../model/types.ts';

const MAILBOX = {
  ...VOICEMAIL,
  prompt: { 'en-US': 'Please leave a message after the tone.', 'es-US': 'Por favor, deje un mensaje después del tono.' }
};

/** The main menu with its prompt in English and Spanish, then the agent queue. */
const flow = (english: string, spanish: string): FlowNode[] => [
  exampleMenu('main', '', [['1', 'agent'], ['0', 'agent']], { prompt: { 'en-US': english, 'es-US': spanish } }),
  AGENT,
  MAILBOX
];

const BEFORE = flow(
  'For billing, press 1. For an agent, press 0.',
  'Para facturación, oprima 1. Para hablar con un agente, oprima 0.'
);

const docs: RuleDocs = {
  details: paragraphs(
    'A prompt was reworded in the default language, and its translations were left as they were. Callers who chose another language still hear the old wording: a menu that no longer matches its keys, hours that changed, an offer that ended.',
    'It fires only when lint is given the flow’s earlier version, with --base <file> or --rev <git revision>. Nodes are matched by id, and each prompt field (prompt, reprompt, no-input and invalid prompts) is compared: when the default locale’s text changed and a translation is the same as before, the translation is stale. A translation added or changed since is not reported, nor are changes of white space or letter case alone. The finding names the node, the fields and the stale locales, and points at the first stale text.',
    'Source: localisation practice as GNU gettext has it: when an original string (msgid) was modified, msgmerge pairs the new string with the old translation and marks the entry "fuzzy", because the change should often be reflected in the translation and that calls for revision by the translator (GNU gettext manual, "Fuzzy Entries").',
    'Bring every translation of a prompt up to date in the same change as its default text.'
  ),
  bad: {
    summary: 'The English menu now offers payments on 1, but the Spanish still offers billing.',
    locales: ['en-US', 'es-US'],
    base: BEFORE,
    nodes: flow('To make a payment, press 1. For an agent, press 0.', 'Para facturación, oprima 1. Para hablar con un agente, oprima 0.')
  },
  good: {
    summary: 'The Spanish menu was reworded along with the English one.',
    locales: ['en-US', 'es-US'],
    base: BEFORE,
    nodes: flow('To make a payment, press 1. For an agent, press 0.', 'Para hacer un pago, oprima 1. Para hablar con un agente, oprima 0.')
  }
};

export default docs;
