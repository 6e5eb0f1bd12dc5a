/** Money in reports: cents for whole amounts, three significant digits below a cent, never e-notation. */
import { expect, test } from 'vitest';
import { pct, usd } from '../../src/report/format.js';
import { moneyColumns } from '../../src/sweep/money.js';

test('usd', () => {
  expect(usd(12.5)).toBe('$12.50');
  expect(usd(1234.567)).toBe('$1,234.57');
  expect(usd(0.00113)).toBe('$0.00113');
  expect(usd(0.009999)).toBe('$0.0100');
  expect(usd(5.32e-7)).toBe('$0.000000532'); // toPrecision would give 5.32e-7
  expect(usd(-0.0003)).toBe('-$0.000300');
  expect(usd(0)).toBe('$0.00');
  expect(usd(NaN)).toBe('–');
});

test('pct keeps the precision of small rates and of rates just short of 100%', () => {
  // 141 cold starts in 20.8 M requests: 141 / 20,800,000 = 0.000678%, which 2 decimals round to 0.00
  expect(pct(141 / 20_800_000)).toBe('0.0007%');
  expect(pct(0.0123)).toBe('1.23%');
  expect(pct(0)).toBe('0.00%');
  expect(pct(1)).toBe('100.00%');
  // 1 − 3e-6 = 99.9997%: two decimals would say 100.00%, as if every request were cold
  expect(pct(1 - 3e-6)).toBe('99.9997%');
  expect(pct(0.5, 1)).toBe('50.0%');
  expect(pct(NaN)).toBe('–');
});

test('sweep money: one number of decimals for a whole table', () => {
  const f = moneyColumns([341.8, 629, 2.9]);
  expect([f(341.8), f(629), f(2.9)]).toEqual(['$341.80', '$629.00', '$2.90']);
  // the smallest non-zero amount $0.0007776 needs 5 decimals for two significant digits (0.00078)
  const g = moneyColumns([10.699, 0.0007776, 0]);
  expect([g(10.699), g(0.0007776), g(0), g(-1e-18)]).toEqual([
    '$10.69900',
    '$0.00078',
    '$0.00000',
    '$0.00000',
  ]);
  expect(moneyColumns([1234.5])(1234.5)).toBe('$1,234.50');
});
