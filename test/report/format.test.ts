/** Money in reports: cents for whole amounts, three significant digits below a cent, never e-notation. */
import { expect, test } from 'vitest';
import { usd } from '../../src/report/format.js';

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
