/**
 * The node kinds' icons as SVG markup, 16×16, stroked in the current colour:
 * the same drawings as the designer's (src/ui/shell/icons.tsx), which the core
 * cannot import. Fixed text of our own: no flow text goes in here.
 */
import type { NodeKind } from '../model/types.ts';

export const KIND_ICONS: Readonly<Record<NodeKind, string>> = {
  prompt: '<path d="M2 6h2.5L8.5 3v10l-4-3H2z"/><path d="M11 5.5a3.5 3.5 0 0 1 0 5M12.8 3.6a6 6 0 0 1 0 8.8"/>',
  menu:
    '<path d="M6 4h8M6 8h8M6 12h8"/><circle cx="2.8" cy="4" r="0.9" fill="currentColor"/><circle cx="2.8" cy="8" r="0.9" fill="currentColor"/><circle cx="2.8" cy="12" r="0.9" fill="currentColor"/>',
  input: '<path d="M6.5 2 5 14M11.5 2 10 14M2.5 5.5h11M2 10.5h11"/>',
  hours: '<circle cx="8" cy="8" r="6"/><path d="M8 4.5V8l2.5 1.6"/>',
  lookup: '<circle cx="7" cy="7" r="4.3"/><path d="m10.2 10.2 3.8 3.8"/>',
  branch: '<circle cx="4" cy="3.5" r="1.6"/><circle cx="4" cy="12.5" r="1.6"/><circle cx="12" cy="4.5" r="1.6"/><path d="M4 5.1v5.8M12 6.1c0 3.4-4.5 3-7.2 5.1"/>',
  set: '<path d="M3 13l.8-3.2 7.4-7.4 2.4 2.4-7.4 7.4z"/><path d="M9.6 4l2.4 2.4"/>',
  queue: '<circle cx="8" cy="5" r="2.6"/><path d="M3 14c0-2.9 2.2-4.8 5-4.8s5 1.9 5 4.8"/>',
  transfer: '<path d="M7 9l6.5-6.5M9 2.5h4.5V7"/><path d="M11.5 9.5V13.5h-9v-9H6.5"/>',
  voicemail: '<circle cx="4.5" cy="8.5" r="2.5"/><circle cx="11.5" cy="8.5" r="2.5"/><path d="M4.5 11h7"/>',
  callback: '<path d="M13 8.5A5 5 0 1 1 11.4 4.4"/><path d="M13.2 2.2v3.2H10"/>',
  subflow:
    '<rect x="1.8" y="1.8" width="8.4" height="8.4" rx="1.2"/><path d="M12.6 5.8h.4a1.2 1.2 0 0 1 1.2 1.2v6a1.2 1.2 0 0 1-1.2 1.2H7a1.2 1.2 0 0 1-1.2-1.2v-.4"/>',
  return: '<path d="M13.5 3v4.5a2.5 2.5 0 0 1-2.5 2.5H3"/><path d="M6 7 3 10l3 3"/>',
  opaque: '<rect x="2" y="2" width="12" height="12" rx="2" stroke-dasharray="2.2 2"/><circle cx="8" cy="8" r="1.3" fill="currentColor" stroke="none"/>',
  hangup: '<path d="M1.8 9.6c3.4-3.4 9-3.4 12.4 0l-1.6 2.1-2.8-1.1V8.9a8 8 0 0 0-3.6 0v1.7l-2.8 1.1z" fill="currentColor" stroke-linejoin="round"/>'
};
