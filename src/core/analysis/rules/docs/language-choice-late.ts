/**
 * What `zeroout rules language-choice-late` prints: why the rule matters, a
 * flow it reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';
import type { FlowNode, NodeOfKind } from '../../../model/types.ts';

const LANGUAGE_PROMPT = 'For English, press 1. Para español, oprima 2.';

/** Sets the language the caller chose, then on to the agent queue. */
const chosen = (id: string, locale: string): NodeOfKind<'set'> => ({ id, kind: 'set', assign: { language: locale }, next: 'agent' });

const MAILBOX: NodeOfKind<'voicemail'> = {
  ...VOICEMAIL,
  prompt: { 'en-US': 'Please leave a message after the tone.', 'es-US': 'Por favor, deje un mensaje después del tono.' }
};

const AFTER: readonly FlowNode[] = [chosen('english', 'en-US'), chosen('spanish', 'es-US'), AGENT, MAILBOX];

const docs: RuleDocs = {
  details: paragraphs(
    'A flow that speaks several languages starts in the first. A caller who does not understand it can use nothing they hear until they are offered their own language: every message and menu before the choice is lost on them, and a menu they cannot understand may send them the wrong way.',
    'It fires in an inbound voice flow that declares two or more locales of different languages, at the first language choice on the caller’s quickest route from the start, when a menu or an input comes before it, or when more than 10 seconds of speech in the default locale (a short welcome and a recording notice fit) are heard before another language is named. A language choice is a menu that names another of the flow’s languages in its prompt or an option ("Para español, oprima 2", "한국어는 3번", "日本語は4番"), or whose option leads straight to a set node assigning a variable named like language, locale or lang. A flow with no language choice is not reported, since the platform may pick the language from the number dialled or the caller’s data.',
    'Source: the Association for Conversational Interaction Design’s wiki page "Language Selection" (acixd.org), which asks that what precedes the first task be as short as possible for a multilingual caller base, and recommends offering the other language right after the welcome and before the first menu ("Welcome to AutoRez car rentals. Para español, oprima nueve. …"), citing B. Balentine (2007).',
    'Offer the choice of language first, right after a short welcome, and move other messages after it.'
  ),
  bad: {
    summary: 'A long welcome plays in English before the caller can choose Spanish.',
    locales: ['en-US', 'es-US'],
    nodes: [
      {
        id: 'welcome',
        kind: 'prompt',
        prompt: {
          'en-US': 'Thank you for calling Harbor Bank. Please listen carefully, as our menu options have changed. You can check your balance, pay a bill or find a branch near you at harbor bank dot com, any time of the day or night.',
          'es-US': 'Gracias por llamar a Harbor Bank. Escuche con atención, ya que nuestras opciones han cambiado. Puede consultar su saldo, pagar una factura o encontrar una sucursal en harbor bank punto com, a cualquier hora.'
        },
        next: 'language'
      },
      exampleMenu('language', '', [['1', 'english'], ['2', 'spanish']], { prompt: { 'en-US': LANGUAGE_PROMPT, 'es-US': LANGUAGE_PROMPT } }),
      ...AFTER
    ]
  },
  good: {
    summary: 'A short welcome, then the choice of language; the rest of the call follows it.',
    locales: ['en-US', 'es-US'],
    nodes: [
      exampleMenu('language', '', [['1', 'english'], ['2', 'spanish']], {
        prompt: { 'en-US': `Thank you for calling Harbor Bank. ${LANGUAGE_PROMPT}`, 'es-US': `Gracias por llamar a Harbor Bank. ${LANGUAGE_PROMPT}` }
      }),
      ...AFTER
    ]
  }
};

export default docs;
