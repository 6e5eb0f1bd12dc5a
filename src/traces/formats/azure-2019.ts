/**
 * Azure Functions Trace 2019, complete: the invocation counts per minute (read by
 * read-minute-counts.ts, wide layout) with the day's companion files:
 * - durations (`HashOwner,HashApp,HashFunction,…,percentile_Average_0,_1,_25,_50,_75,_99,_100`, ms):
 *   each request's run time is drawn from its function's percentiles, piecewise-linear between them
 *   (u uniform in [0,100), the value interpolated between the two percentiles around u), seeded;
 * - memory (`HashOwner,HashApp,…,AverageAllocatedMb_pct1,_5,_25,_50,_75,_95,_99,_100`), optional:
 *   each request's memory_used_mb drawn from its app's percentiles the same way (flat below pct1).
 *   The file is the app's committed memory sampled per instance, the whole process's, so the trace
 *   says memoryIs 'process' (requests in flight together do not add theirs up).
 * Given as `--durations FILE [--memory-file FILE]`, or a folder holding the three (names containing
 * "invocations", "durations", "memory"). A function without a duration row is an error naming it;
 * with --skip-bad-rows its requests are left out and counted.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError, inputError } from '../../errors.js';
import { makeSampler, type Sampler } from '../../model/distribution.js';
import { Rng } from '../../util/rng.js';
import { countLayoutOf, readMinuteCounts } from '../read-minute-counts.js';
import { headerNames, openTraceSource } from '../source.js';
import type { TraceChunk, TraceInfo } from '../trace.js';
import type { OnChunk } from './builder.js';
import type { ImportOptions } from './options.js';

const DURATION_PERCENTILES = [0, 1, 25, 50, 75, 99, 100];
const MEMORY_PERCENTILES = [1, 5, 25, 50, 75, 95, 99, 100];

interface Files {
  invocations: string;
  durations: string;
  memory: string | null;
}

function filesOf(path: string, opts: ImportOptions): Files {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw inputError('FILE_UNREADABLE', `cannot read the trace: ${(e as Error).message}`, { file: path });
  }
  if (!isDir) {
    if (opts.durationsFile === undefined)
      throw inputError(
        'AZURE_NO_DURATIONS',
        'the Azure 2019 invocation counts need their duration-percentile file: give --durations FILE (and --memory-file FILE), or a folder holding the three',
        { file: path },
      );
    return { invocations: path, durations: opts.durationsFile, memory: opts.memoryFile ?? null };
  }
  const names = readdirSync(path).filter((n) => n.toLowerCase().endsWith('.csv'));
  if (opts.inputFormat === undefined && !names.some((n) => n.toLowerCase().includes('invocations'))) {
    throw inputError(
      'TRACE_IS_DIRECTORY',
      `${path} is a directory; give a trace file (a folder is read only as the Azure Functions 2019 files: *invocations*.csv with *durations*.csv and, optionally, *memory*.csv)`,
      { file: path },
    );
  }
  const one = (word: RegExp, what: string, required: boolean): string | null => {
    const found = names.filter((n) => word.test(n.toLowerCase()));
    if (found.length === 1) return join(path, found[0] as string);
    if (found.length === 0 && !required) return null;
    throw inputError(
      'AZURE_FOLDER',
      `expected one ${what} file in the folder (a .csv whose name contains "${word.source}"), found ${found.length === 0 ? 'none' : found.join(', ')}`,
      { file: path },
    );
  };
  return {
    invocations: one(/invocations/, 'invocation-count', true) as string,
    durations: opts.durationsFile ?? (one(/durations/, 'duration-percentile', true) as string),
    memory: opts.memoryFile ?? one(/memory/, 'memory-percentile', false),
  };
}

/** Rows of a small CSV with their line numbers, the header's columns found by name. */
function table(
  file: string,
  need: string[],
): { rows: string[][]; lines: number[]; col: (name: string) => number } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError('FILE_UNREADABLE', `cannot read ${file}: ${(e as Error).message}`, { file });
  }
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (e) {
    throw inputError('TRACE_CSV_SYNTAX', `not valid CSV: ${(e as Error).message}`, { file });
  }
  const header = (parsed[0]?.record ?? []).map((h) => h.trim());
  const missing = need.filter((n) => !header.includes(n));
  if (missing.length > 0)
    throw inputError(
      'TRACE_MISSING_COLUMN',
      `expected the columns ${missing.join(', ')} in the header (${header.slice(0, 16).join(', ')})`,
      { file, line: 1 },
    );
  return {
    rows: parsed.slice(1).map((p) => p.record),
    lines: parsed.slice(1).map((p) => p.info.lines),
    col: (n) => header.indexOf(n),
  };
}

function percentileSamplers(
  file: string,
  keyCols: string[],
  pctCols: string[],
  percentiles: number[],
  unit: string,
): Map<string, Sampler> {
  const t = table(file, [...keyCols, ...pctCols]);
  const out = new Map<string, Sampler>();
  const keyIdx = keyCols.map(t.col);
  const pctIdx = pctCols.map(t.col);
  t.rows.forEach((row, r) => {
    const key = keyIdx.map((i) => (row[i] ?? '').trim()).join('/');
    if (out.has(key)) return; // invitro's memory file repeats an app once per function
    const values = pctIdx.map((i, k) => {
      const text = (row[i] ?? '').trim();
      const v = Number(text === '' ? NaN : text);
      if (!(v >= 0) || v === Infinity)
        throw new InputError({
          code: 'AZURE_BAD_PERCENTILE',
          message: `"${text}" is not a non-negative number of ${unit}`,
          where: { file, line: t.lines[r] as number, column: pctCols[k] as string, columnNumber: i + 1 },
        });
      return v;
    });
    for (let k = 1; k < values.length; k++) {
      if ((values[k] as number) < (values[k - 1] as number))
        throw new InputError({
          code: 'AZURE_BAD_PERCENTILE',
          message: `${values[k]} is below ${pctCols[k - 1]} ${values[k - 1]}: percentiles must not decrease`,
          where: {
            file,
            line: t.lines[r] as number,
            column: pctCols[k] as string,
            columnNumber: (pctIdx[k] as number) + 1,
          },
        });
    }
    out.set(key, makeSampler({ kind: 'percentiles', percentiles, valuesMs: values }));
  });
  return out;
}

/** HashOwner/HashApp/HashFunction of each invocation row, in file order (= the reader's function order). */
function invocationKeys(file: string): string[] {
  const t = table(file, ['HashOwner', 'HashApp', 'HashFunction']);
  const cols = ['HashOwner', 'HashApp', 'HashFunction'].map(t.col);
  return t.rows.map((row) => cols.map((i) => (row[i] ?? '').trim()).join('/'));
}

export async function readAzure2019(path: string, opts: ImportOptions, onChunk: OnChunk): Promise<TraceInfo> {
  const files = filesOf(path, opts);
  const source = await openTraceSource(files.invocations);
  if (countLayoutOf(headerNames(source.head)) !== 'wide') {
    throw inputError(
      'AZURE_NOT_COUNTS',
      'expected the invocation counts (HashOwner,HashApp,HashFunction,Trigger,1,2,…)',
      { file: files.invocations, line: 1 },
    );
  }
  const durations = percentileSamplers(
    files.durations,
    ['HashOwner', 'HashApp', 'HashFunction'],
    DURATION_PERCENTILES.map((p) => `percentile_Average_${p}`),
    DURATION_PERCENTILES,
    'ms',
  );
  const memory =
    files.memory === null
      ? null
      : percentileSamplers(
          files.memory,
          ['HashOwner', 'HashApp'],
          MEMORY_PERCENTILES.map((p) => `AverageAllocatedMb_pct${p}`),
          MEMORY_PERCENTILES,
          'MB',
        );
  const keys = invocationKeys(files.invocations);
  const runSampler = keys.map((k) => durations.get(k) ?? null);
  const memSampler = keys.map((k) => memory?.get(k.split('/').slice(0, 2).join('/')) ?? null);
  const missing = keys.filter((_k, i) => runSampler[i] === null);
  if (missing.length > 0 && !opts.skipBadRows) {
    throw inputError(
      'AZURE_NO_DURATION_ROW',
      `${missing.length} function${missing.length === 1 ? ' has' : 's have'} no row in ${files.durations}: ${missing
        .slice(0, 5)
        .map((k) => k.split('/')[2])
        .join(
          ', ',
        )}${missing.length > 5 ? ', …' : ''} (HashFunction); pass --skip-bad-rows to leave their requests out`,
      { file: files.invocations },
    );
  }
  const noMemory =
    memory === null
      ? 0
      : new Set(keys.filter((_k, i) => memSampler[i] === null).map((k) => k.split('/').slice(0, 2).join('/')))
          .size;
  const rng = new Rng(`azure-2019-percentiles/${opts.spreadSeed ?? 1}`);
  let droppedRequests = 0;
  let described = false;
  const describe = (info: TraceInfo): void => {
    described = true;
    info.format = 'azure-2019';
    info.columns.duration_ms = `drawn from ${files.durations}`;
    if (memory !== null) {
      info.columns.memory_used_mb = `drawn from ${files.memory}`;
      // memory.csv samples the app's committed memory per instance: a process's, not a request's share
      info.memoryIs = 'process';
    }
    info.derived = [
      "arrival: each minute's count spread uniformly within the minute (seeded)",
      `run time of each request drawn from its function's percentiles 0/1/25/50/75/99/100 in ${files.durations}, piecewise-linear between them (seed ${opts.spreadSeed ?? 1}); the published percentiles are of 30-second averages and leave out cold starts`,
      memory === null
        ? 'no memory file: memory from --observed-memory'
        : `memory_used_mb of each request drawn from its app's percentiles 1/5/25/50/75/95/99/100 in ${files.memory}, piecewise-linear (flat below pct1); each is the memory of the process on its instance, so requests in flight together hold the largest of theirs, not the sum${noMemory > 0 ? `; ${noMemory} apps without a memory row use --observed-memory` : ''}`,
    ];
  };
  const info = await readMinuteCounts(source, 'wide', opts, (chunk: TraceChunk, info: TraceInfo) => {
    if (!described) describe(info);
    let w = 0;
    for (let i = 0; i < chunk.count; i++) {
      const fn = chunk.fn[i] as number;
      const run = runSampler[fn];
      if (!run) {
        droppedRequests++;
        continue;
      }
      if (w !== i) {
        chunk.timeMs[w] = chunk.timeMs[i] as number;
        chunk.fn[w] = fn;
        chunk.isAsync[w] = chunk.isAsync[i] as number;
        chunk.initMs[w] = NaN;
        chunk.cpuMs[w] = NaN;
        chunk.responseBytes[w] = NaN;
        chunk.isCold[w] = 0;
      }
      chunk.durationMs[w] = run.sample(rng);
      const mem = memSampler[fn];
      chunk.memoryUsedMb[w] = mem ? mem.sample(rng) : NaN;
      w++;
    }
    chunk.count = w;
    if (w > 0) onChunk(chunk, info);
  });
  if (!described) describe(info);
  if (missing.length > 0) {
    info.rows -= droppedRequests;
    info.skippedRows += droppedRequests;
    info.skipReasons.push(
      `${missing.length} functions without a duration row (${droppedRequests} requests left out): ${missing
        .slice(0, 5)
        .map((k) => k.split('/')[2]?.slice(0, 8))
        .join(', ')}${missing.length > 5 ? ', …' : ''}`,
    );
  }
  return info;
}
