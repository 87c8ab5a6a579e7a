import { describe, expect, it } from 'vitest';
import { isOpenAt, isTimeZone } from '../../../src/core/model/hours.ts';

const desk = {
  timeZone: 'Asia/Seoul',
  weekly: { mon: [['09:00', '12:00'], ['13:00', '18:00']] as [string, string][], fri: [['22:00', '06:00']] as [string, string][] },
  holidays: ['2026-11-30', { date: '2026-12-25', name: 'Christmas' }]
};

describe('isOpenAt', () => {
  it.each([
    ['Monday 10:00 in Seoul', '2026-11-23T01:00:00Z', true],
    ['Monday lunch in Seoul', '2026-11-23T03:30:00Z', false],
    ['Monday 17:59 in Seoul', '2026-11-23T08:59:00Z', true],
    ['Monday 18:00 in Seoul (the end is not included)', '2026-11-23T09:00:00Z', false],
    ['Sunday night UTC is already Monday in Seoul', '2026-11-22T23:30:00Z', false],
    ['Sunday 23:30 UTC is Monday 08:30 in Seoul: not yet', '2026-11-22T23:30:00Z', false],
    ['a holiday Monday', '2026-11-30T01:00:00Z', false],
    ['Friday 23:00 overnight', '2026-11-27T14:00:00Z', true],
    ['Saturday 05:00, the same night', '2026-11-27T20:00:00Z', true],
    ['Saturday 07:00', '2026-11-27T22:00:00Z', false],
    ['a holiday Friday night', '2026-12-25T14:00:00Z', false]
  ])('%s', (_, instant, open) => {
    expect(isOpenAt(desk, new Date(instant))).toBe(open);
  });
});

describe('isTimeZone', () => {
  it('knows IANA names and rejects others', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
