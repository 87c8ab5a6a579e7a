import { useCallback, useRef, useState } from 'react';

/** A question for a line of text (a flow's name): the dialog's title, the field's label and what it starts with. */
export interface TextQuestion {
  readonly title: string;
  readonly label: string;
  readonly initial: string;
  /** A sentence under the title, when the field's label is not enough. */
  readonly hint?: string;
}

/** A question to confirm (discarding a flow): what happens, and the word on the button that does it. */
export interface ConfirmQuestion {
  readonly title: string;
  readonly message: string;
  readonly confirm: string;
  /** Whether confirming loses something (the button says so by its colour). */
  readonly danger?: boolean;
}

/** The question shown now, and how it is answered. */
export type Question = { readonly id: number } & (
  | ({ readonly kind: 'text' } & TextQuestion & { answer(value: string | null): void })
  | ({ readonly kind: 'confirm' } & ConfirmQuestion & { answer(value: boolean): void })
);

let asked = 0;

export interface Ask {
  /** The question in the dialog now, if any (for the dialog to show). */
  readonly question: Question | null;
  /** Asks for a line of text in an in-page dialog: the text (trimmed, never empty), or null when cancelled. */
  text(question: TextQuestion): Promise<string | null>;
  /** Asks to confirm in an in-page dialog: true when confirmed. */
  confirm(question: ConfirmQuestion): Promise<boolean>;
}

/**
 * Owns the designer's in-page questions (in place of `window.prompt` and
 * `window.confirm`): one at a time; a new question cancels the one shown.
 */
export function useAsk(): Ask {
  const [question, setQuestion] = useState<Question | null>(null);
  const shown = useRef<Question | null>(null);

  const show = useCallback((next: Question) => {
    const previous = shown.current;
    shown.current = next;
    setQuestion(next);
    if (previous?.kind === 'text') previous.answer(null);
    else if (previous?.kind === 'confirm') previous.answer(false);
  }, []);

  const done = useCallback((answered: Question) => {
    if (shown.current !== answered) return false;
    shown.current = null;
    setQuestion(null);
    return true;
  }, []);

  const text = useCallback(
    (q: TextQuestion) =>
      new Promise<string | null>((resolve) => {
        const question: Question = {
          id: ++asked,
          kind: 'text',
          ...q,
          answer: (value) => {
            if (done(question)) resolve(value === null || value.trim() === '' ? null : value.trim());
            else resolve(null);
          }
        };
        show(question);
      }),
    [show, done]
  );

  const confirm = useCallback(
    (q: ConfirmQuestion) =>
      new Promise<boolean>((resolve) => {
        const question: Question = {
          id: ++asked,
          kind: 'confirm',
          ...q,
          answer: (value) => {
            done(question);
            resolve(value);
          }
        };
        show(question);
      }),
    [show, done]
  );

  return { question, text, confirm };
}
