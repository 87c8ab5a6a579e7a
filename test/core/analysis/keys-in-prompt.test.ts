import { describe, expect, it } from 'vitest';
import { hasDynamicText, keyBeforeGoal, keyLabels, keyMentions, keysInPrompt } from '../../../src/core/analysis/keys-in-prompt.ts';

const keys = (text: string): string[] => [...keysInPrompt(text)].sort();

describe('keysInPrompt', () => {
  describe('English', () => {
    it.each([
      ['press 1', ['1']],
      ['Dial 1 now.', ['1']],
      ['For more choices, option 1.', ['1']],
      ['Select 2 to continue.', ['2']],
      ['Enter 3 to confirm.', ['3']],
      ['For billing, press 2.', ['2']],
      ['Press 1 or 2.', ['1', '2']],
      ['Press 1, 2 or 3.', ['1', '2', '3']],
      ['Press 1, 2, or 3.', ['1', '2', '3']],
      ['Press 1 for billing, 2 for sales, or 3 for support.', ['1', '2', '3']],
      ['Press 1 to pay a bill, 2 to hear your balance.', ['1', '2']],
      ['For billing press one. For sales press two. To reach an operator, press zero.', ['0', '1', '2']],
      ['Press oh for the operator.', ['0']],
      ['To hear these options again, press star.', ['*']],
      ['Press the star key to go back.', ['*']],
      ['When you are done, press pound.', ['#']],
      ['Press hash to finish.', ['#']],
      ['Press the pound key.', ['#']],
      ['Enter your account number followed by the pound key.', ['#']],
      ['Press * to repeat or # to finish.', ['#', '*']],
      ['Press * to repeat. To finish, press #.', ['#', '*']],
      ['PRESS 9 FOR ALL OTHER QUESTIONS', ['9']],
      ['Press <say-as interpret-as="digits">1</say-as> for billing.', ['1']],
      ['Para español, oprima nueve. For English, press 1.', ['1', '9']]
    ])('%s → %j', (text, expected) => {
      expect(keys(text)).toEqual(expected);
    });
  });

  describe('Spanish', () => {
    it.each([
      ['Oprima 1.', ['1']],
      ['Marque 2 para ventas.', ['2']],
      ['Pulse 3.', ['3']],
      ['Presione 4.', ['4']],
      ['Digite 5.', ['5']],
      ['Opción 6: pagos.', ['6']],
      ['Para facturación, oprima 2.', ['2']],
      ['Oprima 1 o 2.', ['1', '2']],
      ['Oprima 1 para pagos, 2 para su saldo o 3 para otras consultas.', ['1', '2', '3']],
      ['Para ventas, marque dos. Para hablar con un agente, marque cero.', ['0', '2']],
      ['Oprima el 7.', ['7']],
      ['Para repetir, pulse la tecla asterisco.', ['*']],
      ['Al terminar, oprima numeral.', ['#']],
      ['Pulse la tecla almohadilla.', ['#']],
      ['Ingrese su número de cuenta seguido de la tecla numeral.', ['#']],
      ['Marque uno, dos, tres, cuatro, cinco, seis, siete, ocho o nueve.', ['1', '2', '3', '4', '5', '6', '7', '8', '9']]
    ])('%s → %j', (text, expected) => {
      expect(keys(text)).toEqual(expected);
    });
  });

  describe('Korean', () => {
    it.each([
      ['요금 문의는 1번, 상담원 연결은 0번을 눌러 주세요.', ['0', '1']],
      ['1 번을 누르세요.', ['1']],
      ['1을 누르세요.', ['1']],
      ['1 또는 2를 누르세요.', ['1', '2']],
      ['이전 메뉴로 가시려면 별표를 눌러 주세요.', ['*']],
      ['입력을 마치셨으면 우물 정자를 눌러 주세요.', ['#']],
      ['우물정자를 누르세요.', ['#']],
      ['샵 버튼을 누르세요.', ['#']]
    ])('%s → %j', (text, expected) => {
      expect(keys(text)).toEqual(expected);
    });
  });

  describe('Japanese and Mandarin', () => {
    it.each([
      ['1を押してください。', ['1']],
      ['1番を押してください。', ['1']],
      ['お支払いは１番、その他のお問い合わせは２番を押してください。', ['1', '2']],
      ['１を押して', ['1']],
      ['1か2を押してください。', ['1', '2']],
      ['入力が終わりましたら、シャープを押してください。', ['#']],
      ['前のメニューに戻るには米印を押してください。', ['*']],
      ['请按1。', ['1']],
      ['查询余额请按2，人工服务请按0。', ['0', '2']]
    ])('%s → %j', (text, expected) => {
      expect(keys(text)).toEqual(expected);
    });
  });

  describe('digits that are not keys', () => {
    it.each([
      ['a phone number to call', 'Or call us at 1-800-555-0100.'],
      ['a phone number to dial', 'Please dial 1-800-555-0100.'],
      ['a number read digit by digit', 'If this is an emergency, hang up and dial 9 1 1.'],
      ['opening hours', 'We are open 9 to 5, Monday to Friday.'],
      ['opening hours after a key', 'For our hours, 9 to 5, visit the web site.'],
      ['a time', 'Dial in at 9am.'],
      ['an amount', 'Select the $5 plan online.'],
      ['an amount in words', 'Enter 5 dollars or more.'],
      ['a count of digits', 'Enter 4 digits.'],
      ['a count of times', 'Press 3 times quickly.'],
      ['a percentage', 'Select 5% off.'],
      ['an ordinal', 'Select the 1st option.'],
      ['a number of two digits', 'Press 10.'],
      ['an account number', 'Enter 4512 when asked.'],
      ['a number with no verb', 'We have 3 offices and 2 call centres.'],
      ['a word that is not a verb before the number', 'Your order of 2 items shipped.'],
      ['a Spanish time', 'Abrimos de 9 a 5.'],
      ['a Spanish amount', 'Marque 5 dólares.'],
      ['a Korean ordinal', '1번째 안내입니다.'],
      ['a Korean address', '서울시 중구 1번지'],
      ['a Korean phone number', '고객센터 1588-1234번으로 전화하세요.'],
      ['a Korean time', '9시부터 6시까지 운영합니다.'],
      ['a Japanese ordinal', '1番目のご案内です。'],
      ['a Japanese platform', '1番線に到着します。'],
      ['a Japanese phone number', '0120-123-456までお電話ください。'],
      ['a placeholder', 'Press {{key}} for billing.'],
      ['an online shop', '온라인 샵에서 확인하세요.']
    ])('%s: %s', (_, text) => {
      expect(keys(text)).toEqual([]);
    });

    it('keeps the keys of a prompt that also gives times and amounts', () => {
      expect(keys('We are open 9 to 5. To pay your $25 balance, press 1. For hours, press 2.')).toEqual(['1', '2']);
      expect(keys('Press 1 for our hours, 9 to 5 on weekdays.')).toEqual(['1']);
    });
  });

  it('normalises full-width digits and symbols with NFKC', () => {
    expect(keys('Press ３ or ＃.')).toEqual(['#', '3']);
  });
});

describe('keyMentions', () => {
  it('gives the phrase that names each key', () => {
    expect(keyMentions('For billing, press 2. Press 1, 2 or 9 for more. Press the pound key.')).toEqual([
      { key: '2', phrase: 'press 2', index: 13 },
      { key: '1', phrase: 'press 1, 2 or 9', index: 22 },
      { key: '2', phrase: 'press 1, 2 or 9', index: 22 },
      { key: '9', phrase: 'press 1, 2 or 9', index: 22 },
      { key: '#', phrase: 'press the pound key', index: 48 }
    ]);
  });

  it('gives the repeated part of a list', () => {
    expect(keyMentions('Press 1 for billing, 2 for sales, or 9 for all other questions.').map((m) => m.phrase)).toEqual([
      'press 1',
      '2 for sales',
      '9 for all other questions'
    ]);
  });

  it('reads keys among placeholders, SSML tags and loose white space', () => {
    expect(keyMentions('Hello {{name}}.  <break time="1s"/>PRESS\t1 for {{dept}}, or\n2 for sales.')).toEqual([
      // Indexes are in the normalised text: "hello § . press 1 for § , or 2 for sales."
      { key: '1', phrase: 'press 1', index: 10 },
      { key: '2', phrase: '2 for sales', index: 29 }
    ]);
    expect(keyMentions('Hello {{name}}, <emphasis>your</emphasis>  balance is {{balance}}.')).toEqual([]);
  });

  it('quotes the words of a goal whatever they are', () => {
    expect(keyLabels('For lost or stolen debit cards, press 1. Press 2 for everything else.')).toEqual([
      { key: '1', label: 'for lost or stolen debit cards' },
      { key: '2', label: 'everything else' }
    ]);
  });

  it('gives the Korean and Japanese phrases', () => {
    expect(keyMentions('상담원은 0번을 눌러 주세요.')[0]?.phrase).toBe('0번');
    expect(keyMentions('シャープを押してください。')[0]?.phrase).toBe('シャープを押');
  });
});

describe('hasDynamicText', () => {
  it.each([
    ['Your balance is {{balance}}.', true],
    ['<audio src="menu.wav"/>', true],
    ['Press 1.', false]
  ])('%s → %s', (text, expected) => {
    expect(hasDynamicText(text)).toBe(expected);
  });
});

describe('keyBeforeGoal', () => {
  it.each<[string, string | undefined]>([
    ['Press 1 for billing.', 'press 1 for billing'],
    ['Press 0 now to speak with an agent.', 'press 0 now to speak with an agent'],
    ['For billing, press 1. Press 2 for sales or press 3 for support.', 'press 2 for sales'],
    ['Oprima 1 para facturación.', 'oprima 1 para facturación'],
    ['1번을 누르시면 요금 문의로 연결됩니다.', '1번을 누르시면 요금 문의로 연결됩니다'],
    ['1を押すと料金のお問い合わせにつながります。', '1を押すと料金のお問い合わせにつながります'],
    ['For billing, press 1.', undefined],
    ['Press 1 or 2.', undefined],
    ['Enter your PIN followed by the pound key to continue.', undefined],
    ['Para facturación, oprima 1.', undefined],
    ['요금 문의는 1번을 누르시면 됩니다.', undefined],
    ['1번을 누르시면 됩니다.', undefined],
    ['料金のお問い合わせは1を押してください。', undefined],
    ['1番を押してください。', undefined]
  ])('%s → %s', (text, phrase) => {
    expect(keyBeforeGoal(text)?.phrase).toBe(phrase);
  });

  it('rewrites English and Spanish goal first', () => {
    expect(keyBeforeGoal('Press 1 to pay your bill or press 2 for sales.')?.suggestion).toBe('to pay your bill, press 1');
    expect(keyBeforeGoal('Marque 2 si es un paciente nuevo.')?.suggestion).toBe('si es un paciente nuevo, marque 2');
  });
});

describe('keyLabels', () => {
  it.each<[string, string[]]>([
    ['For billing, press 1. For technical support, please press 2.', ['1 for billing', '2 for technical support']],
    ['Press 1 for billing, 2 for sales. Press 3 to hear these options again.', ['1 billing', '2 sales', '3 hear these options again']],
    ['For flight status, press 1 or say status. To change a flight, press 2.', ['1 for flight status', '2 to change a flight']],
    ['Press 1 or 2.', []],
    ['예약은 1번을 눌러 주세요. 수납 및 청구 문의는 3번을 눌러 주세요.', ['1 예약은', '3 수납 및 청구 문의는']],
    ['お支払いは1番を、終了はシャープを押してください。', ['1 お支払いは', '# 終了は']]
  ])('%s', (text, expected) => {
    expect(keyLabels(text).map((l) => `${l.key} ${l.label}`)).toEqual(expected);
  });
});
