/** The packed event arguments: every INV flag fits FLAG_SPACE, schedule counts fit SCHEDULE_SPACE. */
import { describe, expect, test } from 'vitest';
import { checkFlagsFit, checkSchedulesFit, FLAG_SPACE, SCHEDULE_SPACE } from '../../src/model/event-args.js';
import { INV } from '../../src/model/observer.js';
import { Platform } from '../../src/model/platform.js';
import { NullObserver } from '../../src/model/observer.js';
import { fnSpec, pingEvery, platformSpec } from '../helpers/model.js';
import type { Schedule } from '../../src/util/cron.js';

describe('flags', () => {
  test('the INV flags are distinct bits whose sum is below FLAG_SPACE', () => {
    expect(() => checkFlagsFit(INV, FLAG_SPACE)).not.toThrow();
    const all = Object.values(INV).reduce((a, b) => a + b, 0);
    // 1 + 2 + 4 + 8 + 16 + 32 + 64 + 128 = 255: every combination decodes from slot × 256 + flags
    expect(all).toBe(255);
    expect(all).toBeLessThan(FLAG_SPACE);
  });

  test('a flag of FLAG_SPACE or more is refused, naming it and the constant to raise', () => {
    expect(() => checkFlagsFit({ ...INV, overflow: 256 }, FLAG_SPACE)).toThrow(
      'flag overflow = 256 does not fit the 256 values an event argument leaves for flags: raise FLAG_SPACE (src/model/event-args.ts)',
    );
  });

  test('a flag that is not a single bit, or reuses one, is refused', () => {
    expect(() => checkFlagsFit({ a: 1, b: 6 }, FLAG_SPACE)).toThrow('flag b = 6 is not a single bit');
    expect(() => checkFlagsFit({ a: 1, b: 0 }, FLAG_SPACE)).toThrow('flag b = 0 is not a single bit');
    expect(() => checkFlagsFit({ a: 4, b: 4 }, FLAG_SPACE)).toThrow(
      'flag b = 4 reuses a bit another flag has',
    );
  });

  test('a completion argument decodes to its slot and flags at the largest combination', () => {
    // slot 1,000,000 with every flag set: 1,000,000 × 256 + 255 = 256,000,255
    const arg = 1_000_000 * FLAG_SPACE + 255;
    const slot = Math.floor(arg / FLAG_SPACE);
    expect([arg, slot, arg - slot * FLAG_SPACE]).toEqual([256_000_255, 1_000_000, 255]);
  });
});

describe('schedule counts', () => {
  const rate: Schedule = { kind: 'rate', intervalMs: 60_000, text: '1m' };
  const pings = (n: number) => Array.from({ length: n }, () => pingEvery(60_000));
  const actions = (n: number) => ({
    kind: 'schedule' as const,
    actions: Array.from({ length: n }, () => ({ schedule: rate, level: 1 })),
    allocationDelayMs: 0,
  });

  test('up to SCHEDULE_SPACE ping schedules and provisioned actions are taken', () => {
    expect(SCHEDULE_SPACE).toBe(1024);
    expect(() =>
      checkSchedulesFit(fnSpec({ pings: pings(1024), provisionedControl: actions(1024) })),
    ).not.toThrow();
  });

  test('one more is refused with the function named', () => {
    expect(() => checkSchedulesFit(fnSpec({ name: 'api', pings: pings(1025) }))).toThrow(
      'function api has 1025 ping schedules; the model takes at most 1024 per function',
    );
    expect(() => checkSchedulesFit(fnSpec({ name: 'api', provisionedControl: actions(1025) }))).toThrow(
      'function api has 1025 scheduled provisioned actions; the model takes at most 1024 per function',
    );
  });

  test('the platform refuses such a function when it is added, before anything runs', () => {
    const spec = {
      platform: platformSpec(),
      functions: [fnSpec({ name: 'api', pings: pings(1025) })],
      functionDefaults: (name: string) => fnSpec({ name }),
      seed: 1,
      epochOffsetMs: 0,
    };
    expect(() => new Platform(spec, new NullObserver())).toThrow('function api has 1025 ping schedules');
  });
});
