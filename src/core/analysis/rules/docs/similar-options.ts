/**
 * What `zeroout rules similar-options` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    'A caller picks a choice by matching what they want against the words they hear. Two choices worded almost alike ("account services" and "account support") give them nothing to match on: they guess, land in the wrong place, and go back or ask for an agent.',
    'It reads each menu’s prompts, each locale on its own, and takes the goal each key is announced with: the words before the key ("For account services, press 1") or after it ("press 1 for account services"), in English, Spanish, Korean and Japanese phrasing. Goals are compared without case, punctuation, words such as "for", "to", "your", "the", "para", "el", "la", particles and endings (Korean 은/는/을/를, Japanese の/は), plurals, and words any choice could carry ("services", "support", "questions", "help", "문의", "お問い合わせ"). Two goals whose remaining words are the same, or share three quarters of them, or that are made of such vague words only ("customer service" and "customer support"), are reported as a pair, with both goals quoted (data: keys, labels, locale).',
    'Source: the Association for Conversational Interaction Design’s guidance on phrasing menu options: make menu items clear and distinct, the single most important rule for writing menus, so that options are mutually exclusive and callers need not waffle between them (citing Nairne, 2002, and Resnick & Sanchez, 2004).',
    'Name each choice by what callers come for, in words that differ from the other choices’ ("to open or close an account", "to reset your online banking password"), or merge the two choices when they go to the same place.'
  ),
  bad: {
    summary: 'Account services and account support: callers cannot tell which one resets a password.',
    nodes: [
      exampleMenu(
        'main',
        'For account services, press 1. For account support, press 2. For billing, press 3. To speak with an agent, press 0.',
        [['1', 'accounts'], ['2', 'online'], ['3', 'billing'], ['0', 'agent']]
      ),
      { id: 'accounts', kind: 'queue', queue: 'Accounts', expectedWaitSeconds: 20, overflow: 'voicemail' },
      { id: 'online', kind: 'queue', queue: 'Online banking', expectedWaitSeconds: 20, overflow: 'voicemail' },
      { id: 'billing', kind: 'queue', queue: 'Billing', expectedWaitSeconds: 20, overflow: 'voicemail' },
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'Each choice says what callers come for, in words the others do not share.',
    nodes: [
      exampleMenu(
        'main',
        'To open or close an account, press 1. To reset your online banking password, press 2. For billing, press 3. To speak with an agent, press 0.',
        [['1', 'accounts'], ['2', 'online'], ['3', 'billing'], ['0', 'agent']]
      ),
      { id: 'accounts', kind: 'queue', queue: 'Accounts', expectedWaitSeconds: 20, overflow: 'voicemail' },
      { id: 'online', kind: 'queue', queue: 'Online banking', expectedWaitSeconds: 20, overflow: 'voicemail' },
      { id: 'billing', kind: 'queue', queue: 'Billing', expectedWaitSeconds: 20, overflow: 'voicemail' },
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
