/**
 * Schedules' firing times, checked against calendars by hand (all UTC):
 * January 2026 starts on a Thursday, so its Fridays are the 2nd, 9th, 16th, 23rd and 30th and its
 * Sundays the 4th, 11th, 18th and 25th; February 2026 has 28 days.
 */
import { describe, expect, test } from 'vitest';
import { nextFiring, parseSchedule } from '../../src/util/cron.js';

const at = (iso: string): number => Date.parse(iso);
/** The next `n` firings at or after `fromIso`, as ISO texts. */
function firings(text: string, fromIso: string, n = 4): string[] {
  const s = parseSchedule(text);
  const out: string[] = [];
  let t = at(fromIso);
  for (let i = 0; i < n; i++) {
    t = nextFiring(s, t, 0);
    if (!Number.isFinite(t)) break;
    out.push(new Date(t).toISOString().replace('.000Z', 'Z'));
    t += 1;
  }
  return out;
}

describe('5-field cron', () => {
  test('day-of-month and day-of-week both restricted: either matches (cron(8))', () => {
    // "0 0 13 * 5": the 13th (a Tuesday in January 2026) and every Friday
    expect(firings('0 0 13 * 5', '2026-01-01T00:00:00Z')).toEqual([
      '2026-01-02T00:00:00Z',
      '2026-01-09T00:00:00Z',
      '2026-01-13T00:00:00Z',
      '2026-01-16T00:00:00Z',
    ]);
  });

  test('one of them "*": only the other counts', () => {
    expect(firings('0 0 * * 5', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-02T00:00:00Z',
      '2026-01-09T00:00:00Z',
    ]);
    expect(firings('0 0 13 * *', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-13T00:00:00Z',
      '2026-02-13T00:00:00Z',
    ]);
  });

  test('day-of-week 0 and 7 are both Sunday', () => {
    expect(firings('30 6 * * 0', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-04T06:30:00Z',
      '2026-01-11T06:30:00Z',
    ]);
    expect(firings('30 6 * * 7', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-04T06:30:00Z',
      '2026-01-11T06:30:00Z',
    ]);
  });

  test('steps and ranges: every 20 minutes from 8 to 9 on weekdays', () => {
    // Friday 2 January 09:40 → 10:00 is past the hours, the weekend is skipped → Monday 5th 08:00
    expect(firings('*/20 8-9 * * 1-5', '2026-01-02T09:30:00Z', 3)).toEqual([
      '2026-01-02T09:40:00Z',
      '2026-01-05T08:00:00Z',
      '2026-01-05T08:20:00Z',
    ]);
  });

  test('a firing exactly at the start time counts ("at or after")', () => {
    expect(firings('0 12 * * *', '2026-01-01T12:00:00Z', 1)).toEqual(['2026-01-01T12:00:00Z']);
    // from inside a minute: the next whole minute that matches
    expect(firings('* * * * *', '2026-01-01T12:00:00.001Z', 1)).toEqual(['2026-01-01T12:01:00Z']);
  });
});

describe('EventBridge cron(...)', () => {
  test("the warm-up plugins' schedule: every 5 minutes 8-17 Monday to Friday", () => {
    // Friday 2 January 17:51 → 17:55, then Monday 5 January 08:00 (1 = SUN … 7 = SAT)
    expect(firings('cron(0/5 8-17 ? * MON-FRI *)', '2026-01-02T17:51:00Z', 3)).toEqual([
      '2026-01-02T17:55:00Z',
      '2026-01-05T08:00:00Z',
      '2026-01-05T08:05:00Z',
    ]);
  });

  test('day-of-week numbers are 1 = Sunday … 7 = Saturday', () => {
    expect(firings('cron(0 9 ? * 1 *)', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-04T09:00:00Z']);
    expect(firings('cron(0 9 ? * 7 *)', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-03T09:00:00Z']);
  });

  test('a day-of-week outside 1-7 is refused in EventBridge terms, not taken as Sunday or as croner\'s "-1"', () => {
    const range = "EventBridge's day-of-week is 1-7 (1 = SUN, 7 = SAT) or SUN-SAT";
    for (const [dow, day] of [
      ['8', '8'],
      ['0', '0'],
      ['2,8', '8'],
      ['0-3', '0'],
      ['8L', '8'],
      ['9#2', '9'],
    ]) {
      expect(() => parseSchedule(`cron(0 0 ? * ${dow} *)`, '--pings')).toThrow(
        `--pings: "cron(0 0 ? * ${dow} *)": day-of-week "${dow}" has ${day}; ${range}`,
      );
    }
    // 1-7, names, L and # (the number after # is the week, 1-5) stay valid: 7L is the last Saturday
    // (31 January 2026), 1#5 the fifth Sunday (none in February; 29 March 2026)
    expect(firings('cron(0 0 ? * 7L *)', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-31T00:00:00Z']);
    expect(firings('cron(0 0 ? * 1#5 *)', '2026-02-01T00:00:00Z', 1)).toEqual(['2026-03-29T00:00:00Z']);
    expect(firings('cron(0 0 ? * SUN-SAT *)', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-01T00:00:00Z']);
  });

  test('restricting both day fields, or neither, is refused as EventBridge refuses it', () => {
    expect(() => parseSchedule('cron(0 0 13 * 6 *)')).toThrow(
      /needs "\?" in exactly one of day-of-month \("13"\) and day-of-week \("6"\)/,
    );
    expect(() => parseSchedule('cron(0 0 * * * *)')).toThrow(/exactly one/);
    expect(() => parseSchedule('cron(0 0 ? * ? *)')).toThrow(/exactly one/);
  });

  test('L, # and the year field', () => {
    // L: the last day of the month; 6#3: the third Friday (16 January, 20 February 2026)
    expect(firings('cron(0 12 L * ? *)', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-31T12:00:00Z',
      '2026-02-28T12:00:00Z',
    ]);
    expect(firings('cron(0 12 ? * 6#3 *)', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-16T12:00:00Z',
      '2026-02-20T12:00:00Z',
    ]);
    expect(firings('cron(0 12 1 1 ? 2027)', '2026-01-01T00:00:00Z', 2)).toEqual(['2027-01-01T12:00:00Z']);
  });

  test('a schedule that never fires again gives Infinity; "?" does not depend on today\'s date', () => {
    expect(nextFiring(parseSchedule('cron(0 12 1 1 ? 2020)'), at('2026-01-01T00:00:00Z'), 0)).toBe(Infinity);
    const s = parseSchedule('cron(15 10 ? * * *)');
    expect(new Date(nextFiring(s, at('2030-06-01T00:00:00Z'), 0)).toISOString()).toBe(
      '2030-06-01T10:15:00.000Z',
    );
  });
});

describe('rates and bad input', () => {
  test('a schedule is plain data: a copy posted to a worker thread fires at the same times', () => {
    const s = parseSchedule('cron(0/5 8-17 ? * MON-FRI *)');
    expect(nextFiring(structuredClone(s), at('2026-01-02T17:51:00Z'), 0)).toBe(at('2026-01-02T17:55:00Z'));
  });

  test('rate(...) and durations fire every interval from the anchor', () => {
    const s = parseSchedule('rate(5 minutes)');
    expect(nextFiring(s, 0, 0)).toBe(0);
    expect(nextFiring(s, 1, 0)).toBe(300_000);
    expect(nextFiring(parseSchedule('90s'), 100_000, 10_000)).toBe(100_000);
  });

  test('impossible fields are refused with the expression named', () => {
    expect(() => parseSchedule('0 0 32 * *', '--pings')).toThrow(
      /--pings: "0 0 32 \* \*" is not a valid 5-field cron/,
    );
    expect(() => parseSchedule('cron(0 25 ? * * *)')).toThrow(/not a valid EventBridge cron expression/);
    expect(() => parseSchedule('every day')).toThrow(/is not rate\(N minutes\)/);
  });

  test('a schedule no date matches (February 30th or 31st) is refused, not run without pings', () => {
    expect(() => parseSchedule('cron(0 0 31 2 ? *)', '--pings')).toThrow(
      '--pings: "cron(0 0 31 2 ? *)" never fires: no date matches its day-of-month, month and year fields',
    );
    expect(() => parseSchedule('0 0 30 2 *', '--pings')).toThrow(
      '--pings: "0 0 30 2 *" never fires: no date matches its day-of-month and month fields',
    );
    // February 29th fires (in leap years), and a year in the past is a real schedule (it just has no firings left)
    expect(parseSchedule('0 0 29 2 *').kind).toBe('cron');
    expect(parseSchedule('cron(0 12 1 1 ? 2020)').kind).toBe('cron');
  });
});
