/** Units in flags and scenario files, each expectation worked out from the unit's size in ms. */
import { describe, expect, test } from 'vitest';
import {
  formatDurationMs,
  parseDecimal,
  parseDurationMs,
  parseFiniteDecimal,
  parseFraction,
} from '../../src/util/units.js';

describe('parseDurationMs', () => {
  test('each unit', () => {
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('30s')).toBe(30 * 1000);
    expect(parseDurationMs('30sec')).toBe(30 * 1000);
    expect(parseDurationMs('5m')).toBe(5 * 60_000);
    expect(parseDurationMs('5min')).toBe(5 * 60_000);
    expect(parseDurationMs('1.5h')).toBe(1.5 * 3_600_000); // 5,400,000
    expect(parseDurationMs('2d')).toBe(2 * 86_400_000);
    expect(parseDurationMs('500us')).toBe(0.5);
    expect(parseDurationMs('500µs')).toBe(0.5);
  });

  test('spaces around and between, any case, leading-dot and exponent numbers', () => {
    expect(parseDurationMs(' 5 MIN ')).toBe(300_000);
    expect(parseDurationMs('.5s')).toBe(500);
    expect(parseDurationMs('1e3ms')).toBe(1000);
    expect(parseDurationMs('2.5E-1s')).toBe(250);
  });

  test('a bare number only with a unit for it: "10" is never silently ms', () => {
    expect(parseDurationMs('10')).toBeUndefined();
    expect(parseDurationMs('10', 60_000)).toBe(600_000);
    expect(parseDurationMs(10)).toBeUndefined();
    expect(parseDurationMs(10, 1000)).toBe(10_000);
    expect(parseDurationMs(Number.NaN, 1)).toBeUndefined();
    expect(parseDurationMs(Infinity, 1)).toBeUndefined();
  });

  test('not durations: unknown units, signs, overflow, empty', () => {
    expect(parseDurationMs('5 years')).toBeUndefined();
    expect(parseDurationMs('5w')).toBeUndefined();
    expect(parseDurationMs('-5m')).toBeUndefined();
    expect(parseDurationMs('1e400h')).toBeUndefined();
    expect(parseDurationMs('')).toBeUndefined();
    expect(parseDurationMs('ms')).toBeUndefined();
  });
});

describe('parseDecimal and parseFiniteDecimal', () => {
  test('decimals as people write them', () => {
    expect(parseDecimal('256')).toBe(256);
    expect(parseDecimal('-1.5')).toBe(-1.5);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('5.')).toBe(5);
    expect(parseDecimal('2.56e2')).toBe(256);
    expect(parseDecimal('+3')).toBe(3);
    expect(parseDecimal(' 7 ')).toBe(7);
  });

  test('what Number() accepts but a setting must not', () => {
    for (const text of ['0x10', '0b11', '0o7', 'Infinity', '-Infinity', 'NaN', '', ' ', '1_000', '1,5']) {
      expect(parseDecimal(text), text).toBeUndefined();
    }
  });

  test('too large for a double is Infinity, so a caller can say "not finite"; parseFiniteDecimal refuses it', () => {
    expect(parseDecimal('1e400')).toBe(Infinity);
    expect(parseFiniteDecimal('1e400')).toBeUndefined();
    expect(parseFiniteDecimal('-12.25')).toBe(-12.25);
    expect(parseFiniteDecimal('0x10')).toBeUndefined();
  });
});

describe('formatDurationMs', () => {
  test('the largest unit that keeps it readable', () => {
    expect(formatDurationMs(350)).toBe('350 ms');
    expect(formatDurationMs(999)).toBe('999 ms');
    expect(formatDurationMs(1500)).toBe('1.5 s');
    expect(formatDurationMs(300_000)).toBe('5 min');
    expect(formatDurationMs(-90_000)).toBe('-1.5 min');
    expect(formatDurationMs(9_000_000)).toBe('2.5 h');
    expect(formatDurationMs(86_400_000)).toBe('1 d');
  });

  test('days only for whole hours; three decimals at most', () => {
    // 25 h is a whole number of hours: 90,000,000 / 86,400,000 = 1.041666… → 1.042 d
    expect(formatDurationMs(25 * 3_600_000)).toBe('1.042 d');
    // one ms past a day is not whole hours: 86,400,001 / 3,600,000 = 24.0000003 → 24 h
    expect(formatDurationMs(86_400_001)).toBe('24 h');
    expect(formatDurationMs(1 / 3)).toBe('0.333 ms');
    expect(formatDurationMs(Infinity)).toBe('Infinity');
    expect(formatDurationMs(Number.NaN)).toBe('NaN');
  });
});

describe('parseFraction', () => {
  test('percentages divide by 100, plain numbers are fractions already', () => {
    expect(parseFraction('1%')).toBe(0.01);
    expect(parseFraction('0.5 %')).toBe(0.005);
    expect(parseFraction(' 12.5% ')).toBe(0.125);
    expect(parseFraction('0.01')).toBe(0.01);
  });

  test('no sign, no words', () => {
    expect(parseFraction('-1%')).toBeUndefined();
    expect(parseFraction('one percent')).toBeUndefined();
    expect(parseFraction('%')).toBeUndefined();
  });
});
