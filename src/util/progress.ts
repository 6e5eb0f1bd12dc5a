/**
 * How a long run tells its caller how far it is: a plain callback of events, no terminal. The CLI
 * draws them as a bar on stderr (src/cli/progress.ts); a library caller or a test records them.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/**
 * rows: trace rows read (total estimated from the file's size) · points: sweep points ·
 * strategies: keep-warm simulations (table, break-even levels, optimiser steps) ·
 * replicates: seeds of --replicates and --sensitivity's reruns · providers: platforms side by side
 */
export type ProgressTask = 'rows' | 'points' | 'strategies' | 'replicates' | 'providers';

export interface ProgressEvent {
  task: ProgressTask;
  done: number;
  /** 0 when unknown (a pipe); for rows an estimate that `done` may pass before the end */
  total: number;
  /** the total is estimated (rows from the file's size) */
  estimated?: boolean;
  /** what the events are about, e.g. a platform of `--provider all` */
  label?: string;
}

export type ProgressCallback = (event: ProgressEvent) => void;

/** Bytes sampled from the head of a file to estimate its rows. */
const SAMPLE_BYTES = 256 * 1024;

/**
 * Rows a file holds, estimated from its size and the mean line length of its first 256 KB (less
 * the header line); 0 when it cannot be told (a pipe, a folder, standard input, a missing file).
 */
export function estimateRows(file: string): number {
  let fd: number | undefined;
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size === 0) return 0;
    fd = openSync(file, 'r');
    const buf = Buffer.allocUnsafe(Math.min(SAMPLE_BYTES, st.size));
    const n = readSync(fd, buf, 0, buf.length, 0);
    let lines = 0;
    for (let i = 0; i < n; i++) if (buf[i] === 10) lines++;
    // a sample without a line end is one long line (or the whole file is)
    if (lines === 0) return 1;
    return Math.max(1, Math.round((st.size * lines) / n) - 1);
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A chunk counter for `file`: call it with each chunk's row count; it reports the running total
 * against the estimate, or against `knownRows` when the caller knows the count (a trace cache's
 * footer holds it), then not marked estimated. `finish()` reports the exact count as the total, so a
 * bar ends full.
 */
export function rowCounter(
  file: string,
  onProgress: ProgressCallback | undefined,
  label?: string,
  knownRows?: number,
): { add(rows: number): void; finish(): void } {
  if (!onProgress) return { add: () => {}, finish: () => {} };
  const known = knownRows !== undefined;
  const total = known ? knownRows : estimateRows(file);
  let done = 0;
  const extra = label !== undefined ? { label } : {};
  return {
    add(rows: number): void {
      done += rows;
      onProgress(
        known && done <= total
          ? { task: 'rows', done, total, ...extra }
          : { task: 'rows', done, total: Math.max(total, done), estimated: true, ...extra },
      );
    },
    finish(): void {
      onProgress({ task: 'rows', done, total: done, ...extra });
    },
  };
}
