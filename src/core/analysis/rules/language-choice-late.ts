/**
 * language-choice-late: a flow in more than one language offers the choice
 * of language only after content the caller may not understand. The model
 * has no construct that sets a call's language (a simulated call keeps the
 * locale it was started in), so a language choice is recognised as a menu
 * that offers another of the flow's languages: its prompt or an option's
 * label or phrases name one ("Para español, oprima 2", "For English, press
 * 1", "한국어는 3번", "日本語は4番"), or one of its options leads straight
 * to a set node assigning a variable named like a language (`language`,
 * `locale`, `lang`, `idioma`).
 *
 * On the caller's quickest route from the start to a language choice (the
 * fewest menus and inputs, then the fewest seconds of speech; retries not
 * followed), the choice is late when a menu or input comes before it, or
 * when more than LATE_SECONDS of speech in the default locale are heard
 * before the other language is named, counting the prompts before the
 * choice and the choice's own words before the name. A flow with no
 * language choice is not reported: the platform may pick the language from
 * the number dialled or the caller's data. One search of the graph with a
 * binary heap.
 */
import { localesOf, promptText, promptTexts, speechSeconds } from '../../model/prompt.ts';
import { nodeRef } from '../describe.ts';
import type { Edge } from '../graph.ts';
import type { Rule } from '../types.ts';

/** Seconds of speech a greeting may take before the choice of language (a welcome and a recording notice). */
export const LATE_SECONDS = 10;

/** Names of languages, in their own and in other languages, by language code. */
const LANGUAGE_NAMES: Readonly<Record<string, readonly string[]>> = {
  en: ['english', 'inglés', 'ingles', 'anglais', '영어', '英語', '英语'],
  es: ['español', 'espanol', 'spanish', 'castellano', 'espagnol', '스페인어', 'スペイン語', '西班牙语'],
  fr: ['français', 'francais', 'french', 'francés', 'frances', '프랑스어', 'フランス語', '法语'],
  pt: ['português', 'portugues', 'portuguese', 'portugués', '포르투갈어', 'ポルトガル語'],
  de: ['deutsch', 'german', 'alemán', 'aleman', '독일어', 'ドイツ語'],
  it: ['italiano', 'italian'],
  ko: ['한국어', 'korean', 'coreano', '韓国語', '韩语'],
  ja: ['日本語', 'japanese', 'japonés', 'japones', '일본어', '日语'],
  zh: ['中文', '普通话', '普通話', '国语', '國語', '廣東話', '广东话', 'mandarin', 'cantonese', 'chinese', 'chino', '중국어', '中国語'],
  vi: ['tiếng việt', 'tieng viet', 'vietnamese', 'vietnamita'],
  tl: ['tagalog', 'filipino'],
  fil: ['filipino', 'tagalog'],
  ru: ['русский', 'russian', 'ruso'],
  ar: ['العربية', 'arabic', 'árabe', 'arabe'],
  hi: ['हिन्दी', 'hindi'],
  ht: ['kreyòl', 'kreyol', 'haitian creole', 'criollo haitiano'],
  pl: ['polski', 'polish', 'polaco']
};

/** Variables a chosen language is kept in. */
const LANGUAGE_VARIABLE = /lang|locale|idioma/i;

const languageOf = (locale: string): string => locale.split(/[-_]/)[0]!.toLowerCase();

/** A pattern that finds the names of these languages (Latin-script names as whole words). */
function namesPattern(languages: Iterable<string>): RegExp | undefined {
  const alternatives: string[] = [];
  for (const language of languages) {
    if (!Object.hasOwn(LANGUAGE_NAMES, language)) continue;
    for (const name of LANGUAGE_NAMES[language]!) {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      alternatives.push(/^[\p{Script=Latin}\p{Script=Cyrillic} ]+$/u.test(name) ? `(?<![\\p{L}\\p{M}])${escaped}(?![\\p{L}\\p{M}])` : escaped);
    }
  }
  return alternatives.length === 0 ? undefined : new RegExp(alternatives.join('|'), 'u');
}

/** NFKC, lower case, SSML tags dropped: how names are looked for. */
const normalise = (text: string): string => text.normalize('NFKC').replace(/<[^<>]*>/g, ' ').toLowerCase();

/** A binary min-heap of node indices, keyed by (menus passed, seconds). */
class RouteHeap {
  private readonly items: number[] = [];
  constructor(
    private readonly waits: Float64Array,
    private readonly seconds: Float64Array
  ) {}

  get size(): number {
    return this.items.length;
  }

  private less(a: number, b: number): boolean {
    return this.waits[a]! < this.waits[b]! || (this.waits[a] === this.waits[b] && this.seconds[a]! < this.seconds[b]!);
  }

  push(node: number): void {
    const items = this.items;
    items.push(node);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < items.length && this.less(items[left]!, items[least]!)) least = left;
        if (right < items.length && this.less(items[right]!, items[least]!)) least = right;
        if (least === i) break;
        [items[i], items[least]] = [items[least]!, items[i]!];
        i = least;
      }
    }
    return top;
  }
}

const followed = (edge: Edge): boolean => edge.outcome.retry === undefined;

const rule: Rule = {
  meta: {
    id: 'language-choice-late',
    severity: 'warning',
    description: 'A flow in several languages offers the choice of language only after a menu, an input or a long message.'
  },
  check(ctx) {
    const { flow, graph } = ctx;
    const locales = localesOf(flow);
    if (locales.length < 2) return;
    // A voice call that asked for help; a queue, whisper or module flow runs after the choice.
    if ((flow.channel ?? 'voice') !== 'voice' || (flow.role ?? 'inbound') !== 'inbound') return;
    const defaultLocale = locales[0]!;
    const defaultLanguage = languageOf(defaultLocale);
    const others = new Set(locales.map(languageOf).filter((language) => language !== defaultLanguage));
    if (others.size === 0) return;
    const names = namesPattern(others);
    const wpm = ctx.thresholds.wordsPerMinute;

    // Language choices, with the seconds of their own prompt before another language is named.
    const offerAt = new Map<number, number>();
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      if (g.node.kind !== 'menu') continue;
      const menu = g.node;
      let offers = false;
      let before = 0;
      if (names !== undefined) {
        const heard = normalise(promptText(menu.prompt, defaultLocale, defaultLocale) ?? '');
        const found = names.exec(heard);
        if (found) {
          offers = true;
          before = speechSeconds(heard.slice(0, found.index), wpm);
        }
        offers ||= promptTexts(menu.prompt, defaultLocale).some(([, text]) => names.test(normalise(text)));
        offers ||= menu.options.some((option) => [option.label ?? '', ...(option.phrases ?? [])].some((text) => names.test(normalise(text))));
      }
      offers ||= graph.out[g.index]!.some((edge) => {
        const to = graph.nodes[edge.to]!.node;
        return edge.outcome.choice === true && to.kind === 'set' && Object.keys(to.assign ?? {}).some((name) => LANGUAGE_VARIABLE.test(name));
      });
      if (offers) offerAt.set(g.index, before);
    }
    if (offerAt.size === 0) return;

    // The quickest route from the start: fewest menus and inputs, then fewest seconds of speech.
    const n = graph.nodes.length;
    const waits = new Float64Array(n).fill(Infinity);
    const seconds = new Float64Array(n).fill(Infinity);
    const parent = new Int32Array(n).fill(-1);
    const done = new Uint8Array(n);
    const heap = new RouteHeap(waits, seconds);
    waits[graph.start] = 0;
    seconds[graph.start] = 0;
    heap.push(graph.start);
    let choice = -1;
    while (heap.size > 0) {
      const v = heap.pop();
      if (done[v]) continue;
      done[v] = 1;
      if (offerAt.has(v)) {
        choice = v;
        break;
      }
      const g = graph.nodes[v]!;
      const speech = 'prompt' in g.node && g.node.prompt !== undefined ? speechSeconds(promptText(g.node.prompt, defaultLocale, defaultLocale) ?? '', wpm) : 0;
      const w = waits[v]! + (g.input ? 1 : 0);
      const s = seconds[v]! + speech;
      for (const edge of graph.out[v]!) {
        if (!followed(edge) || done[edge.to]) continue;
        if (w < waits[edge.to]! || (w === waits[edge.to] && s < seconds[edge.to]!)) {
          waits[edge.to] = w;
          seconds[edge.to] = s;
          parent[edge.to] = v;
          heap.push(edge.to);
        }
      }
    }
    if (choice === -1) return;

    const asked: number[] = [];
    for (let v = parent[choice]!; v !== -1; v = parent[v]!) if (graph.nodes[v]!.input) asked.unshift(v);
    const total = seconds[choice]! + offerAt.get(choice)!;
    if (asked.length === 0 && total <= LATE_SECONDS) return;

    const g = graph.nodes[choice]!;
    const rounded = Math.round(total * 10) / 10;
    const parts: string[] = [];
    if (asked.length > 0) {
      const refs = asked.map((v) => `${graph.nodes[v]!.node.kind} ${nodeRef(graph.nodes[v]!.node, graph.nodes[v]!.id)}`);
      parts.push(`the caller must answer ${refs.join(', ')} first`);
    }
    if (total > LATE_SECONDS) parts.push(`${rounded} s of ${defaultLocale} speech come first`);
    ctx.report({
      node: g.id,
      nodes: [g.id, ...asked.map((v) => graph.nodes[v]!.id)],
      message: `The language choice at ${nodeRef(g.node, g.id)} comes late: ${parts.join(', and ')}; a caller who does not understand ${defaultLocale} cannot use any of it`,
      pointer: `${g.pointer}/prompt`,
      data: { seconds: rounded, before: asked.map((v) => graph.nodes[v]!.id), locale: defaultLocale }
    });
  }
};

export default rule;
