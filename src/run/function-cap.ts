/**
 * The most distinct functions one run simulates. Per-function state (platform, metrics, bill, names)
 * costs about 2 KB a function, so 1,000,000 functions, measured, take about 2.7 GB at peak (README,
 * "Many functions"); well past that Node runs out of heap after minutes of work. A trace is
 * streamed, so its function count is known only as rows are read: the run refuses it at the first
 * chunk that brings the count past the cap, before simulating that chunk.
 */
import { inputError, type InputError } from '../errors.js';

export const MAX_FUNCTIONS = 1_000_000;

/** The error for a trace with `count` functions, or null when that many are simulated. */
export function tooManyFunctions(count: number, file: string): InputError | null {
  if (count <= MAX_FUNCTIONS) return null;
  return inputError(
    'TOO_MANY_FUNCTIONS',
    `the trace has more than ${MAX_FUNCTIONS.toLocaleString('en-US')} distinct functions, the most faasim simulates in one run (each costs about 2 KB of memory); simulate the busiest functions' rows, or split the trace by function`,
    { file },
  );
}
