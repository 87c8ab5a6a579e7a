/**
 * similar-options: two choices of one menu are announced with goals that
 * sound alike ("For account services, press 1. For account support, press
 * 2."), so callers cannot tell which one is theirs. Each locale's text is
 * read on its own; the goals come from keyLabels (keys-in-prompt.ts).
 */
import { escapeToken } from '../../json/pointer.ts';
import { promptsOf } from '../../model/outcomes.ts';
import { localesOf, promptTexts } from '../../model/prompt.ts';
import { keyLabels, type KeyLabel } from '../keys-in-prompt.ts';
import { keyBit } from '../../model/schema.ts';
import type { Prompt } from '../../model/types.ts';
import type { GraphNode } from '../graph.ts';
import { nodeLabel } from '../describe.ts';
import type { Rule } from '../types.ts';

/** Words that say nothing of the goal (English and Spanish). */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'for', 'to', 'the', 'a', 'an', 'your', 'my', 'our', 'of', 'on', 'in', 'about', 'with', 'and', 'or', 'if',
  'you', 'are', 'is', 'be', 'please', 'would', 'like', 'want', 'need', 'wish', 'calling', 'speak', 'talk', 'press', 'say',
  'para', 'el', 'la', 'los', 'las', 'un', 'una', 'su', 'sus', 'de', 'del', 'al', 'y', 'o', 'con', 'en', 'por', 'si',
  'que', 'es', 'le', 'usted', 'hablar', 'oprima', 'marque', 'pulse', 'presione',
  // Korean: "and", "or"
  '및', '또는', '혹은'
]);

/**
 * Words every choice could carry ("services", "support", "questions"):
 * two goals that differ in these only sound alike.
 */
const VAGUE_WORDS: ReadonlySet<string> = new Set([
  'service', 'support', 'help', 'assistance', 'information', 'info', 'question', 'inquiry', 'general',
  'customer', 'care', 'department', 'team', 'center', 'centre', 'desk', 'line', 'matter', 'issue',
  'servicio', 'soporte', 'ayuda', 'asistencia', 'información', 'informacion', 'pregunta', 'consulta',
  'atención', 'atencion', 'departamento', 'cliente', 'asunto',
  '문의', '안내', '서비스', '관련', '상담', '센터',
  '問', '合', '関', '案内', '相談', '件', '窓口', 'サービス', 'センター'
]);

/** Korean endings dropped from a word: particles and "if you want to" forms. */
const KO_ENDING = /(?:하시려면|시려면|으려면|려면|하시면|으로|로|은|는|이|가|을|를|의|와|과|에)$/u;
/** Han and Katakana runs: the content words of a Japanese goal (Hiragana is mostly particles and endings). */
const JA_CONTENT = /[\p{Script=Han}\p{Script=Katakana}ー]+/gu;
const JA_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const HANGUL = /\p{Script=Hangul}/u;

/** "services" → "service", "inquiries" → "inquiry", "préstamos" → "préstamo". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** What a goal says: its words without stop words, vague words and endings. */
interface Goal {
  readonly core: ReadonlySet<string>;
  /** It had words at all (vague ones included). */
  readonly said: boolean;
}

/** Whether a text is plain ASCII. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

const isAsciiAlphanumeric = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);

function readGoal(label: string): Goal {
  const core = new Set<string>();
  let said = false;
  // Plain ASCII, the usual case: words (runs of letters and digits) without scripts to tell apart or forms to normalise.
  if (isAscii(label)) {
    for (let i = 0; i < label.length; ) {
      if (!isAsciiAlphanumeric(label.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      while (i < label.length && isAsciiAlphanumeric(label.charCodeAt(i))) i++;
      const word = label.slice(start, i);
      const token = stem(word);
      if (STOP_WORDS.has(token) || STOP_WORDS.has(word)) continue;
      said = true;
      if (!VAGUE_WORDS.has(token) && !VAGUE_WORDS.has(word)) core.add(token);
    }
    return { core, said };
  }
  for (const [word] of label.matchAll(/[\p{L}\p{N}]+/gu)) {
    const parts = JA_SCRIPT.test(word) && !HANGUL.test(word) ? [...word.matchAll(JA_CONTENT)].map((m) => m[0]) : [word];
    for (const part of parts) {
      let token = HANGUL.test(part) ? part.replace(KO_ENDING, '') || part : stem(part);
      if (STOP_WORDS.has(token) || STOP_WORDS.has(part)) continue;
      said = true;
      if (VAGUE_WORDS.has(token) || VAGUE_WORDS.has(part)) continue;
      token = token.normalize('NFC');
      core.add(token);
    }
  }
  return { core, said };
}

/** Share of words two goals have in common (Jaccard) at which they sound alike. */
const ALIKE = 0.75;

function alike(a: Goal, b: Goal): boolean {
  if (!a.said || !b.said) return false;
  if (a.core.size === 0 || b.core.size === 0) return a.core.size === b.core.size;
  let shared = 0;
  for (const word of a.core) if (b.core.has(word)) shared++;
  return shared / (a.core.size + b.core.size - shared) >= ALIKE;
}

/** At most this many announced keys of one text are compared (a phone has 12). */
const MAX_KEYS = 12;

const rule: Rule = {
  meta: {
    id: 'similar-options',
    severity: 'warning',
    description: 'Two choices of one menu are announced with goals that sound alike ("account services" and "account support"), so callers cannot tell which is theirs.'
  },
  check(ctx) {
    const locales = localesOf(ctx.flow);
    const defaultLocale = locales[0]!;
    // The pairs of keys of the menu being read that were reported already (made at its first finding).
    let reported: Set<string> | undefined;
    const check = (g: GraphNode, keys: number, field: string, prompt: Prompt, locale: string, text: string): void => {
      const labels: KeyLabel[] = [];
      for (const label of keyLabels(text)) if ((keys & keyBit(label.key)) !== 0 && labels.length < MAX_KEYS) labels.push(label);
      if (labels.length < 2) return;
      const goals = labels.map((l) => readGoal(l.label));
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          if (!alike(goals[i]!, goals[j]!)) continue;
          const [a, b] = [labels[i]!, labels[j]!];
          const pair = `${a.key} ${b.key}`;
          reported ??= new Set<string>();
          if (reported.has(pair)) continue;
          reported.add(pair);
          const where = locales.length > 1 || locale !== defaultLocale ? ` (${locale})` : '';
          ctx.report({
            node: g.id,
            message: `${nodeLabel(g)}${where}: choices ${a.key} ("${a.label}") and ${b.key} ("${b.label}") sound alike; callers cannot tell which one is theirs`,
            pointer: typeof prompt === 'string' ? `${g.pointer}${field}` : `${g.pointer}${field}/${escapeToken(locale)}`,
            data: { locale, field: field.slice(1), keys: [a.key, b.key], labels: [a.label, b.label] }
          });
        }
      }
    };
    for (let gi = 0; gi < ctx.graph.nodes.length; gi++) {
      const g = ctx.graph.nodes[gi]!;
      if (g.node.kind !== 'menu') continue;
      // The menu's keys, one bit each.
      let keys = 0;
      for (const option of g.node.options) if (option.key !== undefined) keys |= keyBit(option.key);
      if ((keys & (keys - 1)) === 0) continue;
      reported = undefined;
      const prompts = promptsOf(g.node);
      for (let p = 0; p < prompts.length; p++) {
        const { field, prompt } = prompts[p]!;
        // Plain text, the usual case, is the default locale's: read without a list of texts made for it.
        if (typeof prompt === 'string') check(g, keys, field, prompt, defaultLocale, prompt);
        else for (const [locale, text] of promptTexts(prompt, defaultLocale)) check(g, keys, field, prompt, locale, text);
      }
    }
  }
};

export default rule;
