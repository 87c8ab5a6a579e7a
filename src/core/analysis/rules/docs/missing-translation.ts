/**
 * What `zeroout rules missing-translation` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, paragraphs } from '../examples.ts';
import type { NodeOfKind } from '../../../model/types.ts';

const WELCOME: NodeOfKind<'prompt'> = {
  id: 'welcome',
  kind: 'prompt',
  prompt: { 'en-US': 'Thank you for calling Harbor Bank.', 'es-US': 'Gracias por llamar a Harbor Bank.' },
  next: 'agent'
};

const MAILBOX: NodeOfKind<'voicemail'> = {
  ...VOICEMAIL,
  prompt: { 'en-US': 'Please leave a message after the tone.', 'es-US': 'Por favor, deje un mensaje después del tono.' }
};

const docs: RuleDocs = {
  details: paragraphs(
    'The flow declares the languages its callers speak ("locales": ["en-US", "es-US"]), and a prompt has no text in one of them. A caller who chose Spanish hears that step in another language, or nothing at all.',
    'It fires once per node whose prompts (prompt, reprompt, no-input and invalid prompts) lack text in a declared locale, naming the locales and fields. A blank text counts as missing, and plain text rather than an object of locales is the first locale’s. Flows that declare fewer than two locales are not checked.',
    'Write the missing text in every declared locale.'
  ),
  bad: {
    summary: 'The hold message has no Spanish text.',
    locales: ['en-US', 'es-US'],
    nodes: [
      WELCOME,
      { ...AGENT, prompt: { 'en-US': 'Please hold for the next agent.' } },
      MAILBOX
    ]
  },
  good: {
    summary: 'Every prompt has English and Spanish text.',
    locales: ['en-US', 'es-US'],
    nodes: [
      WELCOME,
      { ...AGENT, prompt: { 'en-US': 'Please hold for the next agent.', 'es-US': 'Por favor, espere al próximo agente.' } },
      MAILBOX
    ]
  }
};

export default docs;
