/**
 * Schedules as the warm-up plugins write them: AWS EventBridge `rate(5 minutes)` and
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)` (day-of-week 1-7 = SUN-SAT), and
 * standard 5-field cron `*\/5 8-17 * * 1-5` (day-of-week 0-7, 0 and 7 = Sunday). Times are UTC.
 * Not supported (an error, never ignored): L, W and # in day fields.
 */
import { inputError } from '../errors.js';
import { parseDurationMs } from './units.js';

export type Schedule =
  | { kind: 'rate'; intervalMs: number; text: string }
  | { kind: 'cron'; minutes: Set<number>; hours: Set<number>; days: Set<number> | null; months: Set<number>; weekdays: Set<number> | null; years: Set<number> | null; text: string };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseSchedule(text: string, what = 'schedule'): Schedule {
  const t = text.trim();
  const rate = /^rate\(\s*(\d+(?:\.\d+)?)\s+(minutes?|hours?|days?|seconds?)\s*\)$/i.exec(t);
  if (rate) {
    const unit = (rate[2] as string).toLowerCase().replace(/s$/, '');
    const ms = Number(rate[1]) * ({ second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as Record<string, number>)[unit]!;
    if (!(ms > 0 && ms < Infinity)) throw inputError('BAD_SCHEDULE', `${what}: "${text}" must have a positive, finite rate`);
    return { kind: 'rate', intervalMs: ms, text: t };
  }
  const aws = /^cron\((.*)\)$/i.exec(t);
  const fields = (aws ? (aws[1] as string) : t).trim().split(/\s+/);
  if (aws ? fields.length !== 6 : fields.length !== 5) {
    const plain = parseDurationMs(t);
    if (plain !== undefined && plain > 0) return { kind: 'rate', intervalMs: plain, text: t };
    throw inputError('BAD_SCHEDULE', `${what}: "${text}" is not rate(N minutes), cron(min hour day month weekday year), a 5-field cron, or a duration such as 5m`);
  }
  const [mi, ho, dom, mo, dow, yr] = fields as [string, string, string, string, string, string?];
  const bad = (f: string, why: string): never => {
    throw inputError('BAD_SCHEDULE', `${what}: "${text}": field "${f}" ${why}`);
  };
  const set = (f: string, min: number, max: number, names?: string[], shift = 0): Set<number> | null => {
    if (f === '?' ) return null;
    if (/[LW#]/.test(f.replace(/[A-Z]{3}/g, ''))) bad(f, 'uses L, W or #, which faasim does not support');
    const out = new Set<number>();
    for (const part of f.split(',')) {
      const [range, stepText] = part.split('/');
      const step = stepText === undefined ? 1 : Number(stepText);
      if (!Number.isInteger(step) || step < 1) bad(f, 'has a bad step');
      const val = (v: string): number => {
        const i = names ? names.indexOf(v.toUpperCase()) : -1;
        const n = i >= 0 ? i + (names === MONTHS ? 1 : 0) + shift : Number(v);
        if (!Number.isInteger(n)) return bad(f, `has "${v}", not a number${names ? ' or name' : ''}`);
        return n;
      };
      let lo: number, hi: number;
      if (range === '*' || range === undefined) {
        lo = min;
        hi = max;
      } else if (range.includes('-')) {
        const [a, b] = range.split('-');
        lo = val(a as string);
        hi = val(b as string);
      } else {
        lo = val(range);
        hi = stepText === undefined ? lo : max;
      }
      if (lo < min || hi > max || lo > hi) bad(f, `is outside ${min}-${max}`);
      for (let v = lo; v <= hi; v += step) out.add(v);
    }
    return out;
  };
  const minutes = set(mi, 0, 59) as Set<number>;
  const hours = set(ho, 0, 23) as Set<number>;
  const days = dom === '?' ? null : dom === '*' ? null : set(dom, 1, 31);
  const months = set(mo, 1, 12, MONTHS) as Set<number>;
  let weekdays: Set<number> | null;
  if (dow === '?' || dow === '*') weekdays = null;
  else if (aws) {
    // EventBridge: 1 = SUN … 7 = SAT; store as 0 = SUN … 6 = SAT
    const s = set(dow, 1, 7, DAYS, 1) as Set<number>;
    weekdays = new Set([...s].map((d) => d - 1));
  } else {
    const s = set(dow, 0, 7, DAYS) as Set<number>;
    weekdays = new Set([...s].map((d) => d % 7));
  }
  if (minutes === null || hours === null || months === null) bad(t, 'has "?" where it is not allowed');
  const years = yr === undefined || yr === '*' ? null : set(yr, 1970, 2199);
  return { kind: 'cron', minutes, hours, days, months, weekdays, years, text: t };
}

const MINUTE = 60_000;

/** Whether the cron schedule fires at the start of the minute containing `epochMs`. */
function matches(s: Extract<Schedule, { kind: 'cron' }>, epochMs: number): boolean {
  const d = new Date(epochMs);
  if (!s.minutes.has(d.getUTCMinutes()) || !s.hours.has(d.getUTCHours()) || !s.months.has(d.getUTCMonth() + 1)) return false;
  if (s.years && !s.years.has(d.getUTCFullYear())) return false;
  const domOk = s.days ? s.days.has(d.getUTCDate()) : true;
  const dowOk = s.weekdays ? s.weekdays.has(d.getUTCDay()) : true;
  return domOk && dowOk;
}

/**
 * The first firing at or after `fromEpochMs`. Rate schedules fire at `anchorEpochMs` + k × interval;
 * cron schedules at the start of matching minutes. Returns Infinity if none within a year.
 */
export function nextFiring(s: Schedule, fromEpochMs: number, anchorEpochMs: number): number {
  if (s.kind === 'rate') {
    const k = Math.max(0, Math.ceil((fromEpochMs - anchorEpochMs) / s.intervalMs - 1e-9));
    return anchorEpochMs + k * s.intervalMs;
  }
  let t = Math.ceil(fromEpochMs / MINUTE) * MINUTE;
  for (let i = 0; i < 366 * 24 * 60; i++, t += MINUTE) if (matches(s, t)) return t;
  return Infinity;
}
