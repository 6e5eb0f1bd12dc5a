import { defaultWorkerCount, inputError, parseDecimal } from '../index.js';

export const WORKERS_FLAG = {
  flags: '--workers <n>',
  description:
    'worker threads (default: one per core the load average leaves free, at least one; 1 runs in-process)',
};

export function workersOf(flags: Record<string, unknown>): number {
  if (flags['workers'] === undefined) return defaultWorkerCount();
  const workers = parseDecimal(String(flags['workers'])) ?? NaN;
  if (!Number.isInteger(workers) || workers < 1)
    throw inputError('BAD_FLAG', `--workers "${String(flags['workers'])}" is not a whole number ≥ 1`);
  return workers;
}
