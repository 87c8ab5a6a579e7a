/** Opening hours: a weekly schedule and holidays in a time zone. */
import type { NodeOfKind } from './types.ts';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

interface LocalTime {
  date: string; // YYYY-MM-DD
  weekday: (typeof WEEKDAYS)[number];
  minutes: number; // since local midnight
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit'
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The runtime's canonical zone names: a set is built in a few milliseconds, where the first formatter loads the zone data (about 30). */
let canonicalZones: ReadonlySet<string> | undefined;

/** Whether a string is a time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(timeZone)) return true;
  // Aliases and UTC are not in the canonical list.
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const weekday = (parts['weekday'] ?? 'Sun').slice(0, 3).toLowerCase() as LocalTime['weekday'];
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    weekday,
    minutes: Number(parts['hour']) * 60 + Number(parts['minute'])
  };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

type Schedule = Pick<NodeOfKind<'hours'>, 'timeZone' | 'weekly' | 'holidays'>;

/**
 * Whether the schedule is open at an instant. An interval that ends at or
 * before it starts runs past midnight (`["22:00", "06:00"]` on Monday is open
 * Monday night into Tuesday morning). A holiday closes its whole local date.
 */
export function isOpenAt(schedule: Schedule, instant: Date): boolean {
  const local = localTime(instant, schedule.timeZone);
  for (const holiday of schedule.holidays ?? []) {
    const date = typeof holiday === 'string' ? holiday : holiday.date;
    if (date === local.date) return false;
  }
  const today = WEEKDAYS.indexOf(local.weekday);
  const yesterday = WEEKDAYS[(today + 6) % 7]!;
  for (const [from, to] of schedule.weekly[local.weekday] ?? []) {
    const start = toMinutes(from);
    const end = toMinutes(to);
    if (end > start ? local.minutes >= start && local.minutes < end : local.minutes >= start) return true;
  }
  // The part after midnight of yesterday's overnight intervals.
  for (const [from, to] of schedule.weekly[yesterday] ?? []) {
    const start = toMinutes(from);
    const end = toMinutes(to);
    if (end <= start && local.minutes < end) return true;
  }
  return false;
}
