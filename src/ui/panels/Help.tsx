/**
 * Help: the keyboard shortcuts the designer answers to (the shell's, in
 * hooks/useKeyboardShortcuts.ts, and the canvas's, as FlowCanvas sets React
 * Flow up), and what the mouse does on the canvas. Opened with `?` or the
 * toolbar's Help button; Escape or Close closes it and focus goes back.
 */
import { useEffect, useId, useRef } from 'react';

/** Ctrl, or ⌘ on a Mac, as the keys are written on the keyboard in front of the user. */
function modifier(): string {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
}

type Keys = readonly (readonly string[])[];

/** One row: what it does, and its key combinations (each a list of keys pressed together). */
interface Shortcut {
  readonly action: string;
  readonly keys: Keys;
}

function shortcuts(mod: string): readonly { readonly title: string; readonly rows: readonly Shortcut[] }[] {
  return [
    {
      title: 'The flow',
      rows: [
        { action: 'Save the flow', keys: [[mod, 'S']] },
        { action: 'Undo', keys: [[mod, 'Z']] },
        { action: 'Redo', keys: [[mod, 'Shift', 'Z'], [mod, 'Y']] }
      ]
    },
    {
      title: 'Nodes on the canvas',
      rows: [
        { action: 'Copy the selected nodes', keys: [[mod, 'C']] },
        { action: 'Paste the copied nodes', keys: [[mod, 'V']] },
        { action: 'Duplicate the selected nodes', keys: [[mod, 'D']] },
        { action: 'Select every node', keys: [[mod, 'A']] },
        { action: 'Delete the selection', keys: [['Delete'], ['Backspace']] },
        { action: 'Add a node to the selection', keys: [['Shift', 'click'], [mod, 'click']] },
        { action: 'Select the nodes in a box', keys: [['Shift', 'drag']] },
        { action: 'Move between nodes', keys: [['Tab'], ['Shift', 'Tab']] },
        { action: 'Select the focused node', keys: [['Enter'], ['Space']] },
        { action: 'Move the selected nodes one grid step (four with Shift)', keys: [['←'], ['↑'], ['→'], ['↓']] },
        { action: 'Add a node after the selected one, wired', keys: [['click a palette kind']] },
        { action: 'Add a node wired from an outcome', keys: [['drag from its handle to empty space']] }
      ]
    },
    {
      title: 'The view',
      rows: [
        { action: 'Pan', keys: [['drag the background'], ['Space', 'drag']] },
        { action: 'Zoom', keys: [['scroll'], ['double-click']] }
      ]
    },
    {
      title: 'Problems',
      rows: [
        { action: 'Play the call that shows a finding', keys: [['click Replay beside it']] },
        { action: 'Ask for a fix: a test call that fails until the finding is fixed', keys: [['click Save as test call beside it']] },
        { action: 'Take a replay one step at a time', keys: [['click Pause, then Next step']] },
        { action: 'See past the first 200 findings', keys: [['click Show 200 more problems below the list']] }
      ]
    },
    {
      title: 'Dialogs',
      rows: [
        { action: 'This help', keys: [['?']] },
        { action: 'Answer the dialog', keys: [['Enter']] },
        { action: 'Cancel or close the dialog', keys: [['Escape']] }
      ]
    }
  ];
}

function KeyCombos({ keys }: { keys: Keys }) {
  return (
    <>
      {keys.map((combo, i) => (
        <span key={i} className="key-combo">
          {i > 0 && <span className="muted"> or </span>}
          {combo.map((key, j) => (
            <span key={j}>
              {j > 0 && '+'}
              {/^[a-z]/.test(key) ? <span className="muted">{key}</span> : <kbd>{key}</kbd>}
            </span>
          ))}
        </span>
      ))}
    </>
  );
}

export function HelpDialog({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const id = useId();
  const mod = modifier();

  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const shown = dialog.current;
    shown?.showModal();
    close.current?.focus();
    return () => {
      if (shown?.open) shown.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="ask-dialog help-dialog"
      aria-labelledby={`${id}-title`}
      onClose={(event) => {
        // A close that finds the dialog open again was React's trial unmount (StrictMode), not the user's.
        if (!event.currentTarget.open) onClose();
      }}
      // Keys typed here are the dialog's: none reaches the canvas behind it.
      onKeyDown={(event) => event.stopPropagation()}
    >
      <h2 id={`${id}-title`}>Keyboard shortcuts</h2>
      <p className="muted">
        Shortcuts work anywhere outside a text field. Add a node from the palette by clicking it or dragging it onto the canvas; drag from an
        outcome's handle to a node to wire it, and an edge's end to rewire it.
      </p>
      <div className="help-groups">
        {shortcuts(mod).map((group) => (
          <table key={group.title} className="shortcuts">
            <caption>{group.title}</caption>
            <tbody>
              {group.rows.map((row) => (
                <tr key={row.action}>
                  <th scope="row">{row.action}</th>
                  <td>
                    <KeyCombos keys={row.keys} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <div className="dialog-actions">
        <button ref={close} type="button" className="primary" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
