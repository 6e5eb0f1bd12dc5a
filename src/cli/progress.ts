/**
 * The library's progress events (src/util/progress.ts) drawn as a bar on stderr with cli-progress:
 * only when stderr is a terminal, never with --quiet, and only once a run has gone on for a second
 * (FAASIM_PROGRESS_DELAY_MS changes that, for tests), so a quick run prints nothing but its report.
 * The bar is cleared before the report is written: stdout is the same with or without it.
 */
import cliProgress from 'cli-progress';
import { escapeInline, type ProgressCallback, type ProgressEvent, type ProgressTask } from '../index.js';
import type { CliIo } from './io.js';

export const QUIET_FLAG = {
  flags: '--quiet',
  description: 'no progress bar on stderr (it is drawn only when stderr is a terminal, after a second)',
};

const DEFAULT_DELAY_MS = 1000;

const UNITS: Record<ProgressTask, string> = {
  rows: 'rows',
  points: 'points',
  strategies: 'simulations',
  replicates: 'runs',
  providers: 'platforms',
};

export interface Progress {
  /** undefined when nothing is drawn: the library skips its bookkeeping */
  onProgress: ProgressCallback | undefined;
  /** clears the bar; call before the report goes to stdout or a line goes to stderr */
  stop(): void;
}

const SILENT: Progress = { onProgress: undefined, stop: () => {} };

/** Whether to draw: stderr a terminal, no --quiet. */
export function progressWanted(io: CliIo, flags: Record<string, unknown>): boolean {
  return io.errIsTty === true && io.errStream !== undefined && flags['quiet'] !== true;
}

function delayMs(): number {
  const v = Number(process.env['FAASIM_PROGRESS_DELAY_MS']);
  return Number.isFinite(v) && v >= 0 ? v : DEFAULT_DELAY_MS;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * One line: what, a bar when the total is known, done/total, ETA. An estimated total that the count
 * has reached or passed says nothing of what remains (the rows go on past a file-size estimate): the
 * count and the time so far, as when there is no total at all. 100% is shown only when the count is
 * the total, and then without an ETA (nothing remains; cli-progress's is unknown, "?", at the end).
 */
export function progressLine(
  e: ProgressEvent,
  etaS: number,
  elapsedMs: number,
  barOptions: cliProgress.Options,
): string {
  const what = `  ${e.label !== undefined ? `${escapeInline(e.label)}: ` : ''}${UNITS[e.task]}`;
  if (e.total <= 0 || (e.estimated === true && e.done >= e.total))
    return `${what} ${count(e.done)} done, ${cliProgress.Format.TimeFormat(Math.round(elapsedMs / 1000), barOptions, 1)}`;
  const share = Math.min(1, e.done / e.total);
  const bar = cliProgress.Format.BarFormat(share, barOptions);
  const counts = `${count(e.done)}/${e.estimated ? '≈' : ''}${count(e.total)}`;
  if (share >= 1) return `${what} ${bar} ${counts} 100%`;
  const eta =
    Number.isFinite(etaS) && e.done > 0
      ? cliProgress.Format.TimeFormat(Math.round(etaS), barOptions, 5)
      : '?';
  // rounded down: 99.6% is not done
  return `${what} ${bar} ${counts} ${Math.floor(share * 100)}% ETA ${eta}`;
}

/** A bar on `io.errStream` fed by library progress events, or nothing when not wanted. */
export function progressFor(io: CliIo, flags: Record<string, unknown>): Progress {
  if (!progressWanted(io, flags)) return SILENT;
  const stream = io.errStream as NodeJS.WritableStream;
  const started = Date.now();
  const wait = delayMs();
  let bar: cliProgress.SingleBar | null = null;
  let key = '';
  let last: ProgressEvent | null = null;
  let taskStarted = started;
  const options: cliProgress.Options = {
    stream,
    clearOnComplete: true,
    barsize: 24,
    fps: 8,
    etaBuffer: 20,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    format: (opts, params) => (last ? progressLine(last, params.eta, Date.now() - taskStarted, opts) : ''),
  };
  // also clears the line before other stderr output; the next event draws a new bar
  const stop = (): void => {
    if (bar) bar.stop();
    bar = null;
    key = '';
  };
  const onProgress: ProgressCallback = (e) => {
    const k = `${e.task}\u0000${e.label ?? ''}`;
    if (k !== key) {
      stop();
      key = k;
      taskStarted = Date.now();
    }
    last = e;
    if (bar === null) {
      if (Date.now() - started < wait) return;
      bar = new cliProgress.SingleBar(options);
      bar.start(Math.max(1, e.total), e.done);
    } else {
      if (e.total > 0) bar.setTotal(e.total);
      bar.update(e.done);
    }
  };
  return { onProgress, stop };
}

/** Runs `work` with a bar (or none), cleared before the caller prints its report, whatever happens. */
export async function withProgress<T>(
  io: CliIo,
  flags: Record<string, unknown>,
  work: (onProgress: ProgressCallback | undefined) => Promise<T>,
): Promise<T> {
  const progress = progressFor(io, flags);
  try {
    return await work(progress.onProgress);
  } finally {
    progress.stop();
  }
}
