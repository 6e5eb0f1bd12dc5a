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

/**
 * Why the default took `workers` threads, for the status line. The load average counts the runnable
 * processes, so at or above the core count no core is free: say so, and that one worker runs anyway,
 * rather than "leaves 1 of 2 cores free" on a machine with a load of 11.
 */
export function defaultWorkersReason(workers: number, cores: number, loadAverage: number): string {
  const load = `load average ${loadAverage.toFixed(1)} on ${cores} core${cores === 1 ? '' : 's'}`;
  const free = cores - Math.round(loadAverage);
  return free < 1
    ? `${load}: none free, so ${workers} runs anyway; --workers to set`
    : `${load} leaves ${free} free; --workers to set`;
}
