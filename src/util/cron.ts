/**
 * Schedules as the warm-up plugins write them: AWS EventBridge `rate(5 minutes)` and
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, and standard 5-field cron
 * `*\/5 8-17 * * 1-5`. Times are UTC. Matching is croner's (a maintained cron library); this file
 * is the thin adapter that holds each syntax to its own rules:
 * - EventBridge: day-of-week 1-7 = SUN-SAT; exactly one of day-of-month and day-of-week is `?`
 *   (EventBridge refuses an expression that restricts both or neither); `0/5` means every 5 from 0;
 *   L, W and # as EventBridge defines them; a year field.
 * - 5-field cron: day-of-week 0-7 (0 and 7 = Sunday); when both day-of-month and day-of-week are
 *   restricted a day matches either (`0 0 13 * 5`: the 13th and every Friday), as cron(8) says;
 *   when one is `*` only the other counts.
 * croner reads `?` as "the current time's value", which would make a schedule depend on when faasim
 * runs; here `?` always means "any", so it is passed to croner as `*`.
 */
import { Cron } from 'croner';
import { inputError } from '../errors.js';
import { parseDurationMs } from './units.js';

export type Schedule =
  | { kind: 'rate'; intervalMs: number; text: string }
  /** plain data (it is posted to worker threads): croner's pattern, compiled on first use */
  | { kind: 'cron'; syntax: 'eventbridge' | 'cron'; pattern: string; text: string };

const FORMS =
  'rate(N minutes), cron(min hour day month weekday year), a 5-field cron, or a duration such as 5m';

export function parseSchedule(text: string, what = 'schedule'): Schedule {
  const t = text.trim();
  const rate = /^rate\(\s*(\d+(?:\.\d+)?)\s+(minutes?|hours?|days?|seconds?)\s*\)$/i.exec(t);
  if (rate) {
    const unit = (rate[2] as string).toLowerCase().replace(/s$/, '');
    const ms =
      Number(rate[1]) *
      ({ second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as Record<string, number>)[unit]!;
    if (!(ms > 0 && ms < Infinity))
      throw inputError('BAD_SCHEDULE', `${what}: "${text}" must have a positive, finite rate`);
    return { kind: 'rate', intervalMs: ms, text: t };
  }
  const aws = /^cron\((.*)\)$/i.exec(t);
  const fields = (aws ? (aws[1] as string) : t).trim().split(/\s+/);
  if (aws ? fields.length !== 6 : fields.length !== 5) {
    const plain = parseDurationMs(t);
    if (plain !== undefined && plain > 0) return { kind: 'rate', intervalMs: plain, text: t };
    throw inputError('BAD_SCHEDULE', `${what}: "${text}" is not ${FORMS}`);
  }
  const dom = fields[2] as string;
  const dow = fields[4] as string;
  if (aws && (dom === '?') === (dow === '?')) {
    throw inputError(
      'BAD_SCHEDULE',
      `${what}: "${text}": EventBridge needs "?" in exactly one of day-of-month ("${dom}") and day-of-week ("${dow}"); it cannot restrict both, e.g. cron(0 8 ? * MON-FRI *) or cron(0 8 1 * ? *)`,
    );
  }
  if (aws) checkEventBridgeDayOfWeek(dow, text, what);
  const any = (f: string): string => (f === '?' ? '*' : f);
  const pattern = aws ? ['0', ...fields.map(any)].join(' ') : fields.map(any).join(' ');
  const schedule = { kind: 'cron', syntax: aws ? 'eventbridge' : 'cron', pattern, text: t } as const;
  let cron: Cron;
  try {
    cron = compiled(schedule);
  } catch (e) {
    const why = (e as Error).message.replace(/^CronPattern:\s*/, '');
    throw inputError(
      'BAD_SCHEDULE',
      `${what}: "${text}" is not a valid ${aws ? 'EventBridge cron expression' : '5-field cron'}: ${why}`,
    );
  }
  // a schedule no date matches (February 30th) would run with no pings and no word said
  if (cron.nextRun(new Date(0)) === null) {
    throw inputError(
      'BAD_SCHEDULE',
      `${what}: "${text}" never fires: no date matches its ${aws ? 'day-of-month, month and year' : 'day-of-month and month'} fields`,
    );
  }
  return schedule;
}

/**
 * EventBridge's day-of-week is 1-7 (1 = SUN) or SUN-SAT ("Cron expressions", EventBridge user guide,
 * docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html). croner, with
 * `alternativeWeekdays`, takes 1-7 as 0-6 after subtracting one, so 8 passed as Sunday and 0 failed
 * with croner's "-1": every day number (in a list, a range, before L or #) is checked here, in
 * EventBridge's own terms. The number after # is the week of the month, not a day.
 */
function checkEventBridgeDayOfWeek(dow: string, text: string, what: string): void {
  for (const part of dow.split(',')) {
    const days = (part.split('#')[0] as string).split('/')[0] as string;
    for (const day of days.replace(/L$/i, '').split('-')) {
      if (!/^\d+$/.test(day)) continue;
      const n = Number(day);
      if (n < 1 || n > 7)
        throw inputError(
          'BAD_SCHEDULE',
          `${what}: "${text}": day-of-week "${dow}" has ${day}; EventBridge's day-of-week is 1-7 (1 = SUN, 7 = SAT) or SUN-SAT`,
        );
    }
  }
}

/** croner's schedules by syntax and pattern: a run has a handful. */
const COMPILED = new Map<string, Cron>();

function compiled(s: Extract<Schedule, { kind: 'cron' }>): Cron {
  const key = `${s.syntax} ${s.pattern}`;
  let cron = COMPILED.get(key);
  if (cron === undefined) {
    cron = new Cron(
      s.pattern,
      s.syntax === 'eventbridge'
        ? { timezone: 'UTC', mode: '7-part', alternativeWeekdays: true, sloppyRanges: true, domAndDow: false }
        : { timezone: 'UTC', mode: '5-part', sloppyRanges: true, domAndDow: false },
    );
    COMPILED.set(key, cron);
  }
  return cron;
}

/**
 * The first firing at or after `fromEpochMs`. Rate schedules fire at `anchorEpochMs` + k × interval;
 * cron schedules at the start of matching minutes. Infinity when a cron schedule never fires again.
 */
export function nextFiring(s: Schedule, fromEpochMs: number, anchorEpochMs: number): number {
  if (s.kind === 'rate') {
    const k = Math.max(0, Math.ceil((fromEpochMs - anchorEpochMs) / s.intervalMs - 1e-9));
    return anchorEpochMs + k * s.intervalMs;
  }
  // cron firings fall on whole minutes; croner answers strictly after the time it is given
  const minute = Math.ceil(fromEpochMs / 60_000) * 60_000;
  const next = compiled(s).nextRun(new Date(minute - 1000));
  return next === null ? Infinity : next.getTime();
}
