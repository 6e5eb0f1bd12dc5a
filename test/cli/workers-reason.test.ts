/** The sweep's status line says truthfully why it took the workers it took. */
import { expect, test } from 'vitest';
import { defaultWorkersReason } from '../../src/cli/workers.js';
import { defaultWorkerCount } from '../../src/index.js';

test('a loaded machine: no core is free, one worker runs anyway', () => {
  // 2 cores, load 11.2: 2 − round(11.2) = −9 free, so the default is max(1, −9) = 1
  expect(defaultWorkerCount(2, 11.2)).toBe(1);
  expect(defaultWorkersReason(1, 2, 11.2)).toBe(
    'load average 11.2 on 2 cores: none free, so 1 runs anyway; --workers to set',
  );
  // load 1.6 on 2 cores rounds to 2: none free either
  expect(defaultWorkersReason(defaultWorkerCount(2, 1.6), 2, 1.6)).toBe(
    'load average 1.6 on 2 cores: none free, so 1 runs anyway; --workers to set',
  );
});

test('a partly loaded machine: the free cores are the workers', () => {
  // 8 cores, load 2.7 → 8 − 3 = 5 free
  expect(defaultWorkerCount(8, 2.7)).toBe(5);
  expect(defaultWorkersReason(5, 8, 2.7)).toBe('load average 2.7 on 8 cores leaves 5 free; --workers to set');
});
