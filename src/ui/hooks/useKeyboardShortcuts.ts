import { useEffect, useRef } from 'react';
import { pastedIds, type FlowNode } from '../../core/model/index.ts';
import type { CanvasView } from './useCanvasView.ts';
import type { FlowDocument } from './useFlowDocument.ts';

/**
 * Owns the designer's keyboard shortcuts outside text fields: Ctrl/⌘ with S
 * (save), Z / Shift+Z / Y (undo, redo), C and V (copy, paste), D (duplicate)
 * and A (select all); in review mode none of them edits. `?` opens the help,
 * which lists them (panels/Help.tsx: keep it in step). While a dialog is open
 * none of them acts behind it. Keeps the copied nodes.
 */
export function useKeyboardShortcuts(doc: FlowDocument, canvas: CanvasView, review: boolean, save: () => Promise<void>, onHelp: () => void) {
  const { open, edit, travel, latest } = doc;
  const { selected, selectedSet, setSelected } = canvas;
  const clipboard = useRef<FlowNode[]>([]);

  useEffect(() => {
    /** Pastes copies of nodes a little below and right of them, and selects the copies. */
    const paste = (nodes: readonly FlowNode[]) => {
      const current = latest();
      if (current === null) return;
      const ids = pastedIds(current.history.present, nodes);
      edit({ type: 'pasteNodes', nodes, offset: { x: 40, y: 40 } });
      setSelected(ids);
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target !== null && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      const mod = event.ctrlKey || event.metaKey;
      const inDialog = document.querySelector('dialog[open]') !== null;
      if (mod && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (!review && !inDialog) void save();
        return;
      }
      if (inDialog || typing) return;
      if (event.key === '?' && !mod && !event.altKey) {
        event.preventDefault();
        onHelp();
        return;
      }
      if (!mod || open === null || review) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        travel('undo');
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        travel('redo');
      } else if (key === 'c') {
        clipboard.current = open.history.present.nodes.filter((n) => selectedSet.has(n.id));
      } else if (key === 'v' && clipboard.current.length > 0) {
        event.preventDefault();
        paste(clipboard.current);
      } else if (key === 'd' && selected.length > 0) {
        event.preventDefault();
        paste(open.history.present.nodes.filter((n) => selectedSet.has(n.id)));
      } else if (key === 'a') {
        event.preventDefault();
        setSelected(open.history.present.nodes.map((n) => n.id));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, save, edit, latest, travel, selected, selectedSet, setSelected, review, onHelp]);
}
