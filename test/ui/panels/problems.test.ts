import { describe, expect, it } from 'vitest';
import { severityCount } from '../../../src/ui/panels/Problems.tsx';

describe('the counts in Problems', () => {
  it.each([
    ['error', 0, '0 errors'],
    ['error', 1, '1 error'],
    ['warning', 1, '1 warning'],
    ['warning', 2, '2 warnings'],
    ['info', 1, '1 note'],
    ['info', 12, '12 notes']
  ] as const)('%s × %i reads "%s"', (severity, count, text) => {
    expect(severityCount(severity, count)).toBe(text);
  });
});
