/**
 * The remembered layout: what is read back is checked and clamped, and the
 * side dock never takes the canvas below half the window.
 */
import { describe, expect, it } from 'vitest';
import { PALETTE_WIDTH, SHARE_MAX, SIDE_MIN, defaultLayout, maxSideWidth, parseLayout } from '../../../src/ui/shell/layout.ts';

describe('the remembered layout', () => {
  it('is the default when nothing, or nothing readable, is stored', () => {
    expect(parseLayout(null, 1280)).toEqual(defaultLayout(1280));
    expect(parseLayout('not json', 1280)).toEqual(defaultLayout(1280));
    expect(parseLayout('[1, 2]', 1280)).toEqual({ ...defaultLayout(1280) });
    expect(parseLayout('"a string"', 1280)).toEqual(defaultLayout(1280));
  });

  it('keeps what is stored, and clamps sizes out of range', () => {
    const stored = { palette: false, side: true, sideWidth: 420, inspector: false, inspectorShare: 0.3, panels: true, tab: 'simulator', minimap: false };
    expect(parseLayout(JSON.stringify(stored), 1280)).toEqual(stored);
    const wild = parseLayout(JSON.stringify({ sideWidth: 12, inspectorShare: 7, tab: '', palette: 'yes' }), 1280);
    expect(wild.sideWidth).toBe(SIDE_MIN);
    expect(wild.inspectorShare).toBe(SHARE_MAX);
    expect(wild.tab).toBe('problems');
    expect(wild.palette).toBe(true);
  });

  it('opens the side dock at about 30% of the window, wide enough for a transcript', () => {
    expect(defaultLayout(1280).sideWidth).toBe(384);
    expect(defaultLayout(1440).sideWidth).toBe(432);
    expect(defaultLayout(900).sideWidth).toBe(SIDE_MIN);
    expect(defaultLayout(2560).sideWidth).toBe(440);
  });

  it('lets the side dock grow only as far as leaves the canvas half the window', () => {
    const window = { width: 1280, height: 800 };
    const workspace = 724;
    const max = maxSideWidth(window, workspace, PALETTE_WIDTH);
    const canvas = window.width - PALETTE_WIDTH - max - 1;
    expect(canvas * workspace).toBeGreaterThanOrEqual((window.width * window.height) / 2);
    expect(max).toBeGreaterThanOrEqual(defaultLayout(1280).sideWidth);
    // A window too small for both still gives the dock its minimum.
    expect(maxSideWidth({ width: 600, height: 400 }, 300, PALETTE_WIDTH)).toBe(SIDE_MIN);
  });
});
