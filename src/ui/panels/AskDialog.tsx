/**
 * The designer's in-page questions, in place of the browser's prompt and
 * confirm: a modal dialog named by its title, with a labelled field (or the
 * message to confirm) and its buttons. Enter answers, Escape cancels; focus
 * moves into the dialog and goes back where it was once it is answered.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Question } from '../hooks/useAsk.ts';

export function AskDialog({ question }: { question: Question }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [value, setValue] = useState(question.kind === 'text' ? question.initial : '');
  const answered = useRef(false);
  const id = useId();

  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const shown = dialog.current;
    shown?.showModal();
    // A name is typed over; a loss is confirmed only by moving to its button.
    if (field.current !== null) {
      field.current.focus();
      field.current.select();
    } else cancel.current?.focus();
    return () => {
      if (shown?.open) shown.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  const answer = (yes: boolean) => {
    if (answered.current) return;
    answered.current = true;
    if (question.kind === 'text') question.answer(yes ? value : null);
    else question.answer(yes);
  };

  const blank = question.kind === 'text' && value.trim() === '';
  return (
    <dialog
      ref={dialog}
      className="ask-dialog"
      role={question.kind === 'confirm' ? 'alertdialog' : undefined}
      aria-labelledby={`${id}-title`}
      aria-describedby={question.kind === 'confirm' || question.hint !== undefined ? `${id}-text` : undefined}
      // Keys typed here are the dialog's: none reaches the canvas behind it (Delete would delete its selection).
      onKeyDown={(event) => event.stopPropagation()}
      onCancel={(event) => {
        event.preventDefault();
        answer(false);
      }}
      onClose={(event) => {
        // A close that finds the dialog open again was React's trial unmount (StrictMode), not an answer.
        if (!event.currentTarget.open) answer(false);
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!blank) answer(true);
        }}
      >
        <h2 id={`${id}-title`}>{question.title}</h2>
        {question.kind === 'confirm' ? (
          <p id={`${id}-text`}>{question.message}</p>
        ) : (
          <>
            {question.hint !== undefined && (
              <p id={`${id}-text`} className="muted">
                {question.hint}
              </p>
            )}
            <label htmlFor={`${id}-field`}>{question.label}</label>
            <input ref={field} id={`${id}-field`} type="text" value={value} maxLength={120} autoComplete="off" spellCheck={false} onChange={(e) => setValue(e.target.value)} />
          </>
        )}
        <div className="dialog-actions">
          <button ref={cancel} type="button" onClick={() => answer(false)}>
            Cancel
          </button>
          <button type="submit" className={question.kind === 'confirm' && question.danger === true ? 'primary danger' : 'primary'} disabled={blank}>
            {question.kind === 'confirm' ? question.confirm : 'OK'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
