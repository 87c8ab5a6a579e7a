/**
 * Realistic flows of any size, for benchmarks and stress tests.
 *
 * A generated flow has a welcome, an hours check with an after-hours message
 * and voicemail, and a tree of menus (3–5 choices, 0 for an agent, retries
 * back to the menu, a retry limit that goes to the agent queue). Behind the
 * choices are self-service steps (an input, a lookup with its failure wired,
 * a result), counters in set and branch nodes, department queues overflowing
 * to voicemail or a callback, transfers, information messages and a few
 * hang-ups. Nodes are laid out left to right by their distance from the
 * start. The same size and seed always give the same flow.
 */
import { outcomesOf } from '../../src/core/model/outcomes.ts';
import type { Flow, FlowNode, NodeOfKind, Prompt } from '../../src/core/model/types.ts';

export interface GenerateOptions {
  /** Locales every prompt is written in; English, Spanish, Korean and Japanese texts exist (default: en-US, as plain text). */
  readonly locales?: readonly string[];
  /**
   * Share (0 to 1) of menus and self-service steps given a deliberate defect
   * for the rules to find: an unannounced or unknown key, a missing
   * translation, no agent key, no retry limit, an input asked for twice, a
   * dead end. Default 0: a clean flow.
   */
  readonly defects?: number;
}

/** A flow of exactly `nodeCount` nodes; the same arguments always give the same flow. */
export function generateFlow(nodeCount: number, seed = 1, options: GenerateOptions = {}): Flow {
  if (!Number.isInteger(nodeCount) || nodeCount < 1) throw new RangeError(`a flow needs a whole number of nodes from 1, not ${nodeCount}`);
  const generator = new FlowGenerator(nodeCount, seed, options);
  const nodes = generator.build();
  if (nodes.length !== nodeCount) throw new Error(`generated ${nodes.length} nodes instead of ${nodeCount}`);
  layOut(nodes, nodes[0]!.id);
  return {
    version: 1,
    id: `generated-${nodeCount}-${seed}`,
    name: `Generated flow (${nodeCount} nodes, seed ${seed})`,
    ...(options.locales === undefined ? {} : { locales: [...options.locales] }),
    start: nodes[0]!.id,
    nodes
  };
}

// ---------------------------------------------------------------------------
// Texts

type Language = 'en' | 'es' | 'ko' | 'ja';
type Texts = Readonly<Record<Language, string>>;

const TOPICS: readonly Texts[] = [
  { en: 'billing', es: 'facturación', ko: '요금', ja: '料金' },
  { en: 'payments', es: 'pagos', ko: '결제', ja: 'お支払い' },
  { en: 'orders', es: 'pedidos', ko: '주문', ja: 'ご注文' },
  { en: 'returns', es: 'devoluciones', ko: '반품', ja: '返品' },
  { en: 'technical support', es: 'soporte técnico', ko: '기술 지원', ja: '技術サポート' },
  { en: 'your account', es: 'su cuenta', ko: '계정', ja: 'アカウント' },
  { en: 'appointments', es: 'citas', ko: '예약', ja: 'ご予約' },
  { en: 'prescriptions', es: 'recetas', ko: '처방', ja: '処方箋' },
  { en: 'claims', es: 'reclamaciones', ko: '보험 청구', ja: '保険請求' },
  { en: 'shipping', es: 'envíos', ko: '배송', ja: '配送' },
  { en: 'new service', es: 'servicio nuevo', ko: '신규 가입', ja: '新規のお申し込み' },
  { en: 'moving your service', es: 'mudanzas', ko: '이사', ja: 'お引っ越し' },
  { en: 'outages', es: 'interrupciones del servicio', ko: '장애 신고', ja: '障害' },
  { en: 'rewards', es: 'recompensas', ko: '포인트', ja: 'ポイント' },
  { en: 'cards', es: 'tarjetas', ko: '카드', ja: 'カード' },
  { en: 'loans', es: 'préstamos', ko: '대출', ja: 'ローン' },
  { en: 'insurance', es: 'seguros', ko: '보험', ja: '保険' },
  { en: 'store hours', es: 'horarios', ko: '영업시간', ja: '営業時間' },
  { en: 'lost or stolen cards', es: 'tarjetas perdidas o robadas', ko: '분실 신고', ja: '紛失・盗難' },
  { en: 'travel', es: 'viajes', ko: '여행', ja: '旅行' }
];

interface Entry {
  readonly variable: string;
  readonly name: Texts;
  readonly minDigits: number;
  readonly maxDigits: number;
  readonly pattern?: string;
}

const ENTRIES: readonly Entry[] = [
  { variable: 'accountNumber', name: { en: 'account number', es: 'número de cuenta', ko: '계좌 번호', ja: '口座番号' }, minDigits: 8, maxDigits: 12 },
  { variable: 'orderNumber', name: { en: 'order number', es: 'número de pedido', ko: '주문 번호', ja: '注文番号' }, minDigits: 6, maxDigits: 10 },
  { variable: 'zipCode', name: { en: 'ZIP code', es: 'código postal', ko: '우편 번호', ja: '郵便番号' }, minDigits: 5, maxDigits: 5, pattern: '^\\d{5}$' },
  { variable: 'memberId', name: { en: 'member ID', es: 'número de socio', ko: '회원 번호', ja: '会員番号' }, minDigits: 9, maxDigits: 9 },
  { variable: 'dateOfBirth', name: { en: 'date of birth', es: 'fecha de nacimiento', ko: '생년월일', ja: '生年月日' }, minDigits: 8, maxDigits: 8, pattern: '^(19|20)\\d{6}$' },
  { variable: 'pin', name: { en: 'PIN', es: 'NIP', ko: '비밀번호', ja: '暗証番号' }, minDigits: 4, maxDigits: 6 },
  { variable: 'claimNumber', name: { en: 'claim number', es: 'número de reclamación', ko: '청구 번호', ja: '請求番号' }, minDigits: 10, maxDigits: 10 },
  { variable: 'phoneNumber', name: { en: 'phone number', es: 'número de teléfono', ko: '전화번호', ja: '電話番号' }, minDigits: 10, maxDigits: 10 },
  { variable: 'cardLastFour', name: { en: 'last four digits of your card', es: 'últimos cuatro dígitos de su tarjeta', ko: '카드 번호 끝 네 자리', ja: 'カード番号の下4桁' }, minDigits: 4, maxDigits: 4 }
];

const EN_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

const t = (en: string, es: string, ko: string, ja: string): Texts => ({ en, es, ko, ja });

const SORRY = t("Sorry, I didn't get that.", 'Lo siento, no le entendí.', '죄송합니다. 다시 한번 말씀해 주세요.', '申し訳ありません。もう一度お願いします。');
const GOODBYE = t('Thank you for calling. Goodbye.', 'Gracias por llamar. Adiós.', '전화해 주셔서 감사합니다. 안녕히 계세요.', 'お電話ありがとうございました。失礼いたします。');
const HOLD = t('Please hold for the next available agent.', 'Por favor espere al próximo agente disponible.', '잠시만 기다려 주시면 상담원을 연결해 드리겠습니다.', 'オペレーターにおつなぎします。しばらくお待ちください。');
const MESSAGE = t(
  'Please leave your name, number and a short message after the tone.',
  'Deje su nombre, su número y un breve mensaje después del tono.',
  '삐 소리가 나면 성함과 연락처, 메시지를 남겨 주세요.',
  '発信音の後に、お名前とお電話番号、ご用件をお話しください。'
);

// ---------------------------------------------------------------------------
// Building

type MenuNode = NodeOfKind<'menu'>;
type Option = MenuNode['options'][number];

interface PendingMenu {
  readonly node: MenuNode;
  readonly depth: number;
  readonly parent: string | undefined;
}

type Key = NonNullable<Option['key']>;
const CHOICE_KEYS: readonly Key[] = ['1', '2', '3', '4', '5'];

interface Choice {
  readonly key: Key;
  readonly topic: Texts;
  readonly next: string;
}

/** mulberry32: a small, fast, seeded generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Core nodes in the order they are kept when the flow is too small for all of them. */
const CORE = ['goodbye', 'welcome', 'queue-1', 'menu-1', 'voicemail-1', 'hours', 'after-hours', 'callback-1'] as const;
type CoreId = (typeof CORE)[number];

/** Roughly how many nodes a menu and what is behind its choices take. */
const NODES_PER_MENU = 12;

class FlowGenerator {
  private readonly nodes: FlowNode[] = [];
  private remaining: number;
  private readonly next: () => number;
  private readonly counters = new Map<string, number>();
  private readonly variables = new Map<string, number>();
  /** Menus in the order they are filled (breadth first), and the one being filled. */
  private readonly pending: PendingMenu[] = [];
  private head = 0;
  private readonly core: ReadonlySet<CoreId>;
  private readonly locales: readonly string[] | undefined;
  private readonly defects: number;

  constructor(nodeCount: number, seed: number, options: GenerateOptions) {
    this.remaining = nodeCount;
    this.next = random(seed);
    this.core = new Set(CORE.slice(0, Math.min(nodeCount, CORE.length)));
    this.locales = options.locales === undefined || options.locales.length === 0 ? undefined : options.locales;
    this.defects = options.defects ?? 0;
  }

  build(): FlowNode[] {
    this.buildCore();
    for (; this.head < this.pending.length; this.head++) this.fillMenu(this.pending[this.head]!);
    return this.nodes;
  }

  // -- helpers --------------------------------------------------------------

  private int(below: number): number {
    return Math.floor(this.next() * below);
  }

  private chance(p: number): boolean {
    return this.next() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  private id(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${n}`;
  }

  private add<N extends FlowNode>(node: N): N {
    if (this.remaining <= 0) throw new Error('the generator went over its node budget');
    this.remaining--;
    this.nodes.push(node);
    return node;
  }

  private has(id: CoreId): boolean {
    return this.core.has(id);
  }

  /** The first of these core nodes the flow has. */
  private first(...ids: CoreId[]): string {
    return ids.find((id) => this.has(id)) ?? 'goodbye';
  }

  /** A prompt in every locale: plain text for a flow of one locale. */
  private say(texts: Texts, dropLast = false): Prompt {
    const locales = this.locales;
    const language = (locale: string): Language => {
      const code = locale.slice(0, 2);
      return code === 'es' || code === 'ko' || code === 'ja' ? code : 'en';
    };
    if (locales === undefined) return texts.en;
    if (locales.length === 1) return texts[language(locales[0]!)];
    const kept = dropLast ? locales.slice(0, -1) : locales;
    return Object.fromEntries(kept.map((locale) => [locale, texts[language(locale)]]));
  }

  private variable(entry: Entry): string {
    const n = (this.variables.get(entry.variable) ?? 0) + 1;
    this.variables.set(entry.variable, n);
    return n === 1 ? entry.variable : `${entry.variable}${n}`;
  }

  // -- the fixed part -------------------------------------------------------

  private buildCore(): void {
    if (this.has('welcome')) {
      this.add({
        id: 'welcome',
        kind: 'prompt',
        prompt: this.say(t(
          'Thank you for calling. This call may be recorded for quality purposes.',
          'Gracias por llamar. Esta llamada puede ser grabada para fines de calidad.',
          '전화해 주셔서 감사합니다. 상담 품질 향상을 위해 통화 내용이 녹음될 수 있습니다.',
          'お電話ありがとうございます。品質向上のため、通話を録音させていただきます。'
        )),
        next: this.first('hours', 'menu-1', 'queue-1')
      });
    }
    if (this.has('hours')) {
      this.add({
        id: 'hours',
        kind: 'hours',
        timeZone: 'America/New_York',
        weekly: {
          mon: [['08:00', '18:00']],
          tue: [['08:00', '18:00']],
          wed: [['08:00', '18:00']],
          thu: [['08:00', '18:00']],
          fri: [['08:00', '17:00']],
          sat: [['09:00', '13:00']]
        },
        holidays: ['2026-12-25', { date: '2026-01-01', name: "New Year's Day" }],
        open: this.first('menu-1', 'queue-1'),
        closed: this.first('after-hours', 'voicemail-1')
      });
    }
    if (this.has('after-hours')) {
      this.add({
        id: 'after-hours',
        kind: 'prompt',
        prompt: this.say(t(
          'Our offices are closed. We are open Monday to Friday, 8 to 6, and Saturday 9 to 1.',
          'Nuestras oficinas están cerradas. Abrimos de lunes a viernes, de 8 a 6, y los sábados de 9 a 1.',
          '지금은 업무 시간이 아닙니다. 평일 오전 8시부터 오후 6시까지 운영합니다.',
          'ただいまの時間は営業時間外です。平日は8時から18時まで営業しております。'
        )),
        next: this.first('voicemail-1', 'callback-1')
      });
    }
    if (this.has('menu-1')) {
      const menu = this.add(this.emptyMenu(this.id('menu')));
      this.pending.push({ node: menu, depth: 1, parent: undefined });
    }
    if (this.has('queue-1')) {
      this.add({
        id: this.id('queue'),
        kind: 'queue',
        queue: 'General',
        prompt: this.say(HOLD),
        expectedWaitSeconds: 90,
        announceWait: true,
        maxWaitSeconds: 600,
        overflow: this.first('callback-1', 'voicemail-1')
      });
    }
    if (this.has('voicemail-1')) {
      this.add({
        id: this.id('voicemail'),
        kind: 'voicemail',
        mailbox: 'general',
        prompt: this.say(MESSAGE),
        maxSeconds: 120,
        recorded: 'goodbye'
      });
    }
    if (this.has('callback-1')) {
      this.add({
        id: this.id('callback'),
        kind: 'callback',
        queue: 'General',
        numberVariable: 'caller.ani',
        prompt: this.say(t(
          'All of our agents are busy. We will call you back at this number as soon as one is free.',
          'Todos nuestros agentes están ocupados. Le devolveremos la llamada a este número en cuanto uno esté libre.',
          '모든 상담원이 통화 중입니다. 상담원이 연결되는 대로 이 번호로 다시 전화드리겠습니다.',
          'ただいま大変混み合っております。オペレーターの手が空き次第、この番号に折り返しお電話いたします。'
        )),
        scheduled: 'goodbye',
        failed: 'voicemail-1'
      });
    }
    this.add({ id: 'goodbye', kind: 'hangup', prompt: this.say(GOODBYE) });
  }

  private emptyMenu(id: string): MenuNode {
    return {
      id,
      kind: 'menu',
      prompt: '',
      reprompt: this.say(SORRY),
      timeoutSeconds: 5,
      noInput: id,
      invalid: id,
      maxRetries: 3,
      onMaxRetries: 'queue-1',
      options: []
    };
  }

  // -- menus ----------------------------------------------------------------

  private fillMenu(entry: PendingMenu): void {
    const menu = entry.node;
    const count = 3 + this.int(3);
    const topics = [...TOPICS];
    const choices: Choice[] = [];
    for (let i = 0; i < count; i++) {
      const topic = topics.splice(this.int(topics.length), 1)[0]!;
      // More menus while those still to fill (this one included) cannot use up the budget, and at the end
      // of the last one while nodes remain: the tree grows broad first and comes out at the exact size.
      const unfilled = this.pending.length - this.head;
      const grow =
        (this.remaining > unfilled * NODES_PER_MENU && this.chance(0.8)) ||
        (i === count - 1 && unfilled === 1);
      choices.push({ key: CHOICE_KEYS[i]!, topic, next: this.block(topic, entry, grow) });
    }

    const defect = this.chance(this.defects)
      ? this.pick(['unannounced', 'unknown', 'untranslated', 'no-agent', 'no-retry-limit'] as const)
      : undefined;
    const back = entry.parent !== undefined && this.chance(0.5) ? entry.parent : undefined;
    const agent = defect !== 'no-agent';

    menu.options = choices.map((c): Option => {
      const option: Option = { key: c.key, label: c.topic.en, next: c.next };
      if (this.chance(0.3)) option.phrases = [c.topic.en];
      return option;
    });
    if (agent) menu.options.push({ key: '0', label: 'agent', phrases: ['agent', 'representative'], next: 'queue-1' });
    if (back !== undefined) menu.options.push({ key: '*', label: 'previous menu', next: back });

    const announced = defect === 'unannounced' ? choices.slice(0, -1) : choices;
    menu.prompt = this.say(this.menuTexts(announced, agent, back !== undefined, defect === 'unknown'), defect === 'untranslated');
    if (defect === 'no-retry-limit') {
      delete menu.maxRetries;
      delete menu.onMaxRetries;
    }
    menu.name = entry.depth === 1 ? 'Main menu' : `${choices[0]!.topic.en} menu`;
  }

  private menuTexts(choices: readonly Choice[], agent: boolean, back: boolean, unknownKey: boolean): Texts {
    const style = this.int(3);
    const en: string[] = [];
    if (style === 1 && choices.length > 1) {
      const parts = choices.map((c) => `${c.key} for ${c.topic.en}`);
      en.push(`Press ${parts.slice(0, -1).join(', ')}, or ${parts[parts.length - 1]}.`);
    } else {
      for (const c of choices) en.push(`For ${c.topic.en}, press ${style === 2 ? EN_NUMBERS[Number(c.key)] : c.key}.`);
    }
    const es = choices.map((c) => `Para ${c.topic.es}, oprima ${c.key}.`);
    const ko = choices.map((c) => `${c.topic.ko} 문의는 ${c.key}번,`);
    const ja = choices.map((c) => `${c.topic.ja}は${c.key}番、`);
    if (unknownKey) {
      en.push('For all other questions, press 9.');
      es.push('Para otras preguntas, oprima 9.');
      ko.push('기타 문의는 9번,');
      ja.push('その他のお問い合わせは9番、');
    }
    if (agent) {
      en.push('To speak with an agent, press 0.');
      es.push('Para hablar con un agente, oprima 0.');
      ko.push('상담원 연결은 0번을 눌러 주세요.');
      ja.push('オペレーターにおつなぎする場合は0番を押してください。');
    } else {
      ko.push('원하시는 번호를 눌러 주세요.');
      ja.push('ご希望の番号を押してください。');
    }
    if (back) {
      en.push('To go back to the previous menu, press star.');
      es.push('Para volver al menú anterior, oprima asterisco.');
      ko.push('이전 메뉴는 별표를 눌러 주세요.');
      ja.push('前のメニューに戻るには米印を押してください。');
    }
    return { en: en.join(' '), es: es.join(' '), ko: ko.join(' '), ja: ja.join('') };
  }

  // -- what is behind a choice ----------------------------------------------

  /** Builds what a choice leads to within the remaining budget, and returns its first node. */
  private block(topic: Texts, menu: PendingMenu, grow: boolean): string {
    if (this.remaining === 0) return 'queue-1';
    if (grow) return this.submenu(menu);
    const kinds: [weight: number, size: number, build: () => string][] = [
      [4, 1, () => this.submenu(menu)],
      [10, 1, () => this.info(topic, menu)],
      [8, 1, () => this.transfer(topic)],
      [3, 1, () => this.hangup()],
      [10, 2, () => this.departmentQueue(topic, 'voicemail')],
      [6, 2, () => this.departmentQueue(topic, 'callback')],
      [6, 3, () => this.segment(topic)],
      [18, 4, () => this.selfService(menu)],
      [10, 6, () => this.countedSelfService(menu)]
    ];
    const fitting = kinds.filter(([, size]) => size <= this.remaining);
    let roll = this.next() * fitting.reduce((sum, [weight]) => sum + weight, 0);
    for (const [weight, , build] of fitting) {
      roll -= weight;
      if (roll < 0) return build();
    }
    return fitting[fitting.length - 1]![2]();
  }

  private submenu(parent: PendingMenu): string {
    const node = this.add(this.emptyMenu(this.id('menu')));
    this.pending.push({ node, depth: parent.depth + 1, parent: parent.node.id });
    return node.id;
  }

  private info(topic: Texts, menu: PendingMenu): string {
    return this.add({
      id: this.id('prompt'),
      kind: 'prompt',
      prompt: this.say(t(
        `Our ${topic.en} team is available Monday to Friday, 8 to 6. You can also find help on our web site.`,
        `Nuestro equipo de ${topic.es} atiende de lunes a viernes, de 8 a 6. También puede encontrar ayuda en nuestro sitio web.`,
        `${topic.ko} 담당 부서는 평일 오전 8시부터 오후 6시까지 운영합니다.`,
        `${topic.ja}の窓口は平日8時から18時まで受け付けております。`
      )),
      next: menu.node.id
    }).id;
  }

  private transfer(topic: Texts): string {
    const person = this.chance(0.8);
    return this.add({
      id: this.id('transfer'),
      kind: 'transfer',
      number: `+1555${String(1_000_000 + this.int(9_000_000))}`,
      reachesPerson: person,
      prompt: this.say(t(
        `Please hold while I transfer you to ${topic.en}.`,
        `Espere mientras le transfiero a ${topic.es}.`,
        `${topic.ko} 담당자에게 연결해 드리겠습니다.`,
        `${topic.ja}の担当におつなぎします。`
      )),
      failed: 'queue-1'
    }).id;
  }

  private hangup(): string {
    return this.add({ id: this.id('hangup'), kind: 'hangup', prompt: this.say(GOODBYE) }).id;
  }

  private departmentQueue(topic: Texts, overflow: 'voicemail' | 'callback'): string {
    const wait = 30 + this.int(20) * 30;
    const queue = this.add({
      id: this.id('queue'),
      kind: 'queue',
      queue: `${topic.en} team`,
      prompt: this.say(HOLD),
      expectedWaitSeconds: wait,
      announceWait: true,
      maxWaitSeconds: Math.max(600, wait * 2),
      overflow: ''
    });
    queue.overflow =
      overflow === 'voicemail'
        ? this.add({
            id: this.id('voicemail'),
            kind: 'voicemail',
            mailbox: topic.en.replace(/\W+/g, '-'),
            prompt: this.say(MESSAGE),
            maxSeconds: 120,
            recorded: 'goodbye'
          }).id
        : this.add({
            id: this.id('callback'),
            kind: 'callback',
            queue: `${topic.en} team`,
            numberVariable: 'caller.ani',
            prompt: this.say(t(
              'We will call you back as soon as an agent is free.',
              'Le devolveremos la llamada en cuanto un agente esté libre.',
              '상담원이 연결되는 대로 다시 전화드리겠습니다.',
              'オペレーターの手が空き次第、折り返しお電話いたします。'
            )),
            scheduled: 'goodbye',
            failed: 'voicemail-1'
          }).id;
    return queue.id;
  }

  /** A set and a branch on caller data: members go to a priority queue. */
  private segment(topic: Texts): string {
    const set = this.add({ id: this.id('set'), kind: 'set', assign: { segment: topic.en }, next: '' });
    const branch = this.add({
      id: this.id('branch'),
      kind: 'branch',
      cases: [{ label: 'priority member', when: [{ var: 'caller.tier', op: 'in', value: ['gold', 'platinum'] }], next: '' }],
      otherwise: 'queue-1'
    });
    const priority = this.add({
      id: this.id('queue'),
      kind: 'queue',
      queue: `${topic.en} priority`,
      prompt: this.say(HOLD),
      expectedWaitSeconds: 20,
      overflow: 'queue-1'
    });
    set.next = branch.id;
    branch.cases[0]!.next = priority.id;
    return set.id;
  }

  private inputNode(entry: Entry, variable: string): NodeOfKind<'input'> {
    const id = this.id('input');
    return {
      id,
      kind: 'input',
      variable,
      prompt: this.say(t(
        `Please enter your ${entry.name.en}, followed by the pound key.`,
        `Ingrese su ${entry.name.es} y luego oprima numeral.`,
        `${entry.name.ko}를 입력하신 후 우물 정자를 눌러 주세요.`,
        `${entry.name.ja}を入力し、最後にシャープを押してください。`
      )),
      reprompt: this.say(SORRY),
      minDigits: entry.minDigits,
      maxDigits: entry.maxDigits,
      terminator: '#',
      ...(entry.pattern === undefined ? {} : { pattern: entry.pattern }),
      timeoutSeconds: 7,
      noInput: id,
      invalid: id,
      maxRetries: 3,
      onMaxRetries: 'queue-1',
      next: ''
    };
  }

  private lookupNode(variable: string): NodeOfKind<'lookup'> {
    return {
      id: this.id('lookup'),
      kind: 'lookup',
      service: this.pick(['crm.lookup', 'billing.balance', 'orders.status', 'claims.status']),
      inputs: [variable],
      outputs: ['status', 'balance'],
      seconds: 1 + this.int(3),
      success: '',
      failure: ''
    };
  }

  private resultNode(entry: Entry, lookup: string, next: string): NodeOfKind<'prompt'> {
    return {
      id: this.id('prompt'),
      kind: 'prompt',
      prompt: this.say(t(
        `Thank you. The status for that ${entry.name.en} is {{${lookup}.status}}.`,
        `Gracias. El estado de ese ${entry.name.es} es {{${lookup}.status}}.`,
        `감사합니다. 조회 결과는 {{${lookup}.status}}입니다.`,
        `ありがとうございます。照会結果は{{${lookup}.status}}です。`
      )),
      next
    };
  }

  /** An input, a lookup, the result and an apology that hands over to an agent. */
  private selfService(menu: PendingMenu): string {
    const entry = this.pick(ENTRIES);
    const defect = this.chance(this.defects) ? this.pick(['repeated', 'dead-end'] as const) : undefined;
    // A repeated input asks for the account again and again on the way round the main menu.
    const variable = defect === 'repeated' ? 'account' : this.variable(entry);
    const input = this.add(this.inputNode(defect === 'repeated' ? ENTRIES[0]! : entry, variable));
    const lookup = this.add(this.lookupNode(variable));
    const back = defect === 'repeated' ? 'menu-1' : menu.node.id;
    const result = this.add(this.resultNode(entry, lookup.id, back));
    const sorry = this.add({
      id: this.id('prompt'),
      kind: 'prompt',
      prompt: this.say(t(
        "Sorry, we couldn't find that. Let me connect you with someone who can help.",
        'Lo siento, no lo encontramos. Le comunico con alguien que le puede ayudar.',
        '죄송합니다. 조회되지 않습니다. 상담원을 연결해 드리겠습니다.',
        '申し訳ありません。お調べできませんでした。担当者におつなぎします。'
      )),
      ...(defect === 'dead-end' ? {} : { next: 'queue-1' })
    });
    input.next = lookup.id;
    lookup.success = result.id;
    lookup.failure = sorry.id;
    return input.id;
  }

  /** A counter set to zero, an input and a lookup whose failure counts up and asks again, up to three times. */
  private countedSelfService(menu: PendingMenu): string {
    const entry = this.pick(ENTRIES);
    const variable = this.variable(entry);
    const counter = `${variable}Attempts`;
    const start = this.add({ id: this.id('set'), kind: 'set', assign: { [counter]: 0 }, next: '' });
    const input = this.add(this.inputNode(entry, variable));
    const lookup = this.add(this.lookupNode(variable));
    const result = this.add(this.resultNode(entry, lookup.id, menu.node.id));
    const count = this.add({ id: this.id('set'), kind: 'set', increment: [counter], next: '' });
    const branch = this.add({
      id: this.id('branch'),
      kind: 'branch',
      cases: [{ label: 'too many attempts', when: { var: counter, op: 'ge', value: 3 }, next: 'queue-1' }],
      otherwise: input.id
    });
    start.next = input.id;
    input.next = lookup.id;
    lookup.success = result.id;
    lookup.failure = count.id;
    count.next = branch.id;
    return start.id;
  }
}

// ---------------------------------------------------------------------------
// Layout

/** Columns by distance from the start, rows in the order nodes are reached. */
function layOut(nodes: FlowNode[], start: string): void {
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const column = new Array<number>(nodes.length).fill(-1);
  const queue = [index.get(start)!];
  column[queue[0]!] = 0;
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head]!;
    for (const outcome of outcomesOf(nodes[from]!)) {
      const to = outcome.target === undefined ? undefined : index.get(outcome.target);
      if (to === undefined || column[to] !== -1) continue;
      column[to] = column[from]! + 1;
      queue.push(to);
    }
  }
  const last = column.reduce((max, c) => Math.max(max, c), 0) + 1;
  const rows = new Map<number, number>();
  nodes.forEach((node, i) => {
    const x = column[i] === -1 ? last : column[i]!;
    const y = rows.get(x) ?? 0;
    rows.set(x, y + 1);
    node.position = { x: x * 320, y: y * 160 };
  });
}
