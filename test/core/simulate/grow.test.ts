import { describe, expect, it } from 'vitest';
import { doubled } from '../../../src/core/simulate/grow.ts';

describe('doubled', () => {
  it('gives an array of the same kind, twice as long, with the values first and room after', () => {
    const times = doubled(Float64Array.of(1.5, 2.25, 3));
    expect(times).toBeInstanceOf(Float64Array);
    expect([...times]).toEqual([1.5, 2.25, 3, 0, 0, 0]);
    const places = doubled(Int32Array.of(7, -1));
    expect(places).toBeInstanceOf(Int32Array);
    expect([...places]).toEqual([7, -1, 0, 0]);
  });
});
