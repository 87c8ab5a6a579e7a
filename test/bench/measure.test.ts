import { describe, expect, it } from 'vitest';
import { formatFigure, ratio, sampleOf } from './measure.ts';

describe('bench figures', () => {
  it('prints the median with the range of the runs beside it', () => {
    const sample = sampleOf([71.2, 68, 150.4, 66.1, 69.9]);
    expect(sample).toEqual({ median: 69.9, min: 66.1, max: 150.4, runs: 5 });
    expect(formatFigure({ name: 'lint 10000 nodes', value: sample, unit: 'ms' })).toBe('lint 10000 nodes: 69.9 ms (66.1–150, 5 runs)');
    expect(formatFigure({ name: 'designer initial JS', value: 143.27, unit: 'KB gzip' })).toBe('designer initial JS: 143 KB gzip');
  });

  it('gives a ratio the widest range its runs allow', () => {
    const growth = ratio(sampleOf([100, 120, 110]), sampleOf([10, 12, 11]));
    expect(growth.median).toBe(10);
    expect(formatFigure({ name: 'lint growth 1000→10000', value: growth, unit: 'x' })).toBe('lint growth 1000→10000: 10.0 x (8.3–12.0, 3 runs)');
  });
});
