/**
 * The node kinds offered where a wire dragged from an outcome was let go in
 * empty space: the chosen kind is created there, wired from that outcome.
 * A menu in the page: the arrow keys move through it, Enter picks, Escape
 * or a click elsewhere closes it.
 */
import { useEffect, useRef } from 'react';
import type { NodeKind } from '../../core/model/index.ts';
import { PALETTE } from '../model/edit.ts';
import { KindIcon } from '../shell/icons.tsx';

interface Props {
  /** Where it opens, in pixels from the canvas's top-left corner. */
  readonly at: { readonly x: number; readonly y: number };
  /** What the new node follows, for the menu's name: `Main menu, key 2`. */
  readonly after: string;
  onPick(kind: NodeKind): void;
  onClose(): void;
}

export function AddStepMenu({ at, after, onPick, onClose }: Props) {
  const menu = useRef<HTMLUListElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const away = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (event.key === 'Escape') onClose();
    else if (event.key === 'ArrowDown') go(index + 1);
    else if (event.key === 'ArrowUp') go(index - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(items.length - 1);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <ul ref={menu} className="add-step-menu" role="menu" aria-label={`Add a step after ${after}`} style={{ left: at.x, top: at.y }} onKeyDown={onKeyDown}>
      {PALETTE.map((p) => (
        <li key={p.kind} role="none">
          <button type="button" role="menuitem" title={p.hint} onClick={() => onPick(p.kind)}>
            <KindIcon kind={p.kind} />
            {p.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
