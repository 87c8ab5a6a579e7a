/**
 * The designer's layout, remembered per browser (localStorage): which panels
 * are open, how wide the side dock is, how much of it the Inspector takes,
 * the panel shown in the tabbed dock, and whether the palette and the minimap
 * are shown. What is read back is checked and clamped, so an old or broken
 * entry gives the default layout rather than a broken one.
 */

import { useSyncExternalStore } from 'react';

export const LAYOUT_KEY = 'zeroout.layout';

export interface Layout {
  /** The palette with its labels; false leaves a rail of icons. */
  readonly palette: boolean;
  /** The side dock (Inspector and the tabbed panels); false leaves a rail of buttons that reopen it. */
  readonly side: boolean;
  /** The side dock's width in CSS pixels. */
  readonly sideWidth: number;
  readonly inspector: boolean;
  /** The Inspector's share of the side dock's height when both it and the tabbed panels are open. */
  readonly inspectorShare: number;
  /** The tabbed panels (Problems, Simulator, Traffic, and Changes or Comments when there are some). */
  readonly panels: boolean;
  /** The tab last chosen in the tabbed panels. */
  readonly tab: string;
  readonly minimap: boolean;
}

export const SIDE_MIN = 320;
export const SHARE_MIN = 0.15;
export const SHARE_MAX = 0.85;
/** Widths of the palette open and as a rail, as styles.css draws them. */
export const PALETTE_WIDTH = 148;
export const PALETTE_RAIL = 44;
export const RAIL_WIDTH = 36;

/** The default side dock: about 30% of the window, never less than a transcript needs nor more than a laptop can spare. */
export function defaultSideWidth(windowWidth: number): number {
  return Math.round(Math.min(440, Math.max(SIDE_MIN, windowWidth * 0.3)));
}

export function defaultLayout(windowWidth = typeof window === 'undefined' ? 1280 : window.innerWidth): Layout {
  return { palette: true, side: true, sideWidth: defaultSideWidth(windowWidth), inspector: true, inspectorShare: 0.42, panels: true, tab: 'problems', minimap: true };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** A stored layout, or the default for anything missing or out of range. */
export function parseLayout(text: string | null, windowWidth?: number): Layout {
  const base = defaultLayout(windowWidth);
  if (text === null) return base;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return base;
  }
  if (typeof stored !== 'object' || stored === null) return base;
  const s = stored as Record<string, unknown>;
  const bool = (key: keyof Layout) => (typeof s[key] === 'boolean' ? (s[key] as boolean) : (base[key] as boolean));
  const num = (key: keyof Layout, min: number, max: number) => (typeof s[key] === 'number' && Number.isFinite(s[key]) ? clamp(s[key] as number, min, max) : (base[key] as number));
  return {
    palette: bool('palette'),
    side: bool('side'),
    sideWidth: Math.round(num('sideWidth', SIDE_MIN, 4000)),
    inspector: bool('inspector'),
    inspectorShare: num('inspectorShare', SHARE_MIN, SHARE_MAX),
    panels: bool('panels'),
    tab: typeof s['tab'] === 'string' && s['tab'] !== '' ? s['tab'] : base.tab,
    minimap: bool('minimap')
  };
}

export function loadLayout(): Layout {
  try {
    return parseLayout(localStorage.getItem(LAYOUT_KEY));
  } catch {
    return defaultLayout();
  }
}

export function saveLayout(layout: Layout): void {
  try {
    localStorage.setItem(LAYOUT_KEY, JSON.stringify(layout));
  } catch {
    // A browser that keeps nothing (private mode, full storage) still lays the designer out; it just forgets.
  }
}

/**
 * The widest the side dock may be: the canvas keeps at least half the
 * window's area (its width times the workspace's height), and the side dock
 * never takes more than what leaves the canvas a usable strip.
 */
export function maxSideWidth(window: { width: number; height: number }, workspaceHeight: number, paletteWidth: number): number {
  const canvasHeight = Math.max(1, workspaceHeight);
  const canvasMin = Math.min(window.width * 0.9, Math.ceil((window.width * window.height) / 2 / canvasHeight));
  return Math.max(SIDE_MIN, Math.floor(window.width - paletteWidth - canvasMin - 8));
}

// One layout for the page, shared by the dock and the canvas (the minimap), saved as it changes.
let current: Layout | undefined;
const listeners = new Set<() => void>();

export function getLayout(): Layout {
  current ??= loadLayout();
  return current;
}

export function setLayout(change: Partial<Layout> | ((layout: Layout) => Partial<Layout>)): void {
  const before = getLayout();
  const patch = typeof change === 'function' ? change(before) : change;
  const next = { ...before, ...patch };
  if ((Object.keys(next) as (keyof Layout)[]).every((key) => next[key] === before[key])) return;
  current = next;
  saveLayout(next);
  for (const listener of listeners) listener();
}

export function subscribeLayout(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A part of the layout, kept up to date: the component re-renders only when that part changes. */
export function useLayout<T>(select: (layout: Layout) => T): T {
  return useSyncExternalStore(subscribeLayout, () => select(getLayout()));
}
