/**
 * Shardable sweeps (issue 12 §4): `faasim sweep … --shard I/N` runs the points whose index % N is
 * I−1 and writes their results as JSON; `faasim merge` puts shards back together and analyses them
 * exactly as the single run does, so the merged report is byte-identical.
 *
 * Every shard builds the whole grid (and moves it to offered sizes) the same way, so they agree on
 * the point list; the hash of that list (plus criteria, dimensions and notes, which the report also
 * depends on) is what tells the merge that shards belong to the same sweep. A point's configuration
 * does not hold the trace, so each shard also carries a hash of the decoded trace it simulated: the
 * same flags over another file (or the same path holding other rows on another machine) are refused.
 *
 * Results travel as JSON, which has no NaN, ±Infinity or −0; a worker hands them over by structured
 * clone, which keeps them. They are written as {"$num": "NaN"} etc. and read back, so the analysis
 * sees the very numbers a single run sees (a NaN p99 of an empty point renders as "n/a", not 0).
 */
import { createHash } from 'node:crypto';
import { inputError } from '../errors.js';
import { fromExactJson, toExactJson } from '../util/exact-json.js';
import { type Shape, shapeProblem } from '../util/shape.js';
import type { SimulationResult } from '../simulate.js';
import type { ReplayableTrace } from '../traces/replay.js';
import type { TraceChunk } from '../traces/trace.js';
import type { SweepCriteria, SweepPoint } from './types.js';

const SHARD_SCHEMA = 'faasim.sweep-shard/v1';

export interface ShardSpec {
  /** 1-based */
  index: number;
  count: number;
}

export interface SweepShard {
  schema: typeof SHARD_SCHEMA;
  /** the version of faasim that ran it: another version may simulate differently */
  faasim: string;
  /** identity of the full sweep: sha256 of every point's settings and config, criteria, dimensions, notes */
  sweep: { hash: string; points: number; gridSize: number };
  shard: ShardSpec;
  /** the decoded trace the points ran on: traceFingerprint() and its row count */
  trace: { sha256: string; rows: number };
  criteria: Partial<SweepCriteria>;
  dimensions: { name: string; values: string[] }[];
  notes: string[];
  /** the points this shard ran, in index order, each with its result */
  points: { index: number; point: SweepPoint; result: SimulationResult }[];
}

const LATENCY: Shape = {
  count: 'number',
  meanMs: 'number',
  p50Ms: 'number',
  p95Ms: 'number',
  p99Ms: 'number',
  maxMs: 'number',
};

/** What the analysis and the renderers read of a point's result (src/sweep/analyze.ts, render.ts). */
const RESULT_SHAPE: Shape = {
  trace: { file: 'string', requests: 'number', spanMs: 'number', functions: ['string'] },
  config: { provider: 'string', providerLabel: 'string', init: 'string' },
  outcomes: {
    requests: 'number',
    servedCold: 'number',
    coldStartRate: 'number',
    throttledSync: 'number',
    asyncDropped: 'number',
    peakConcurrency: 'number',
    latency: { all: LATENCY, warm: { count: 'number', meanMs: 'number' } },
  },
  cost: {
    lines: [{ id: 'string', monthlyUsd: 'number' }],
    monthlyUsd: 'number',
    usdPerMillionRequests: 'number',
  },
  latencyAccuracy: { exact: 'boolean', relativeError: 'number' },
  assumptions: ['string'],
  'overTimeout?': { requests: 'number', timeoutMs: 'number', atMemoryMb: 'number', longestRunMs: 'number' },
  'overMemory?': { requests: 'number', atMemoryMb: 'number', largestUsedMb: 'number' },
};

/** `I/N` with 1 ≤ I ≤ N ≤ points; a one-line error otherwise. */
export function parseShard(text: string, points: number): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw inputError('BAD_FLAG', `--shard "${text}" is not I/N, e.g. 1/4`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1)) throw inputError('BAD_FLAG', `--shard "${text}": N must be at least 1`);
  if (!(index >= 1 && index <= count))
    throw inputError('BAD_FLAG', `--shard "${text}": I must be from 1 to ${count}`);
  if (count > points)
    throw inputError(
      'BAD_FLAG',
      `--shard "${text}": N is more than the sweep's ${points} point${points === 1 ? '' : 's'}`,
    );
  return { index, count };
}

/** The points of shard I of N: a fixed stride, so shards are even and need no coordination. */
export function shardPoints(points: readonly SweepPoint[], s: ShardSpec): SweepPoint[] {
  return points.filter((p) => p.index % s.count === s.index - 1);
}

/** JSON.stringify that keeps NaN, ±Infinity and −0 (see the header; util/exact-json.ts). */
export const toShardJson = toExactJson;
export const fromShardJson = fromExactJson;

const COLUMNS = [
  'timeMs',
  'fn',
  'durationMs',
  'initMs',
  'isAsync',
  'memoryUsedMb',
  'cpuMs',
  'isCold',
] as const satisfies readonly (keyof TraceChunk)[];

/**
 * SHA-256 of the trace as the simulation sees it: every row's decoded columns and what the reader
 * found (function names, columns, window), not the file's path or bytes, so the same rows read from
 * another copy of the file agree, and a trace changed in any simulated figure does not.
 */
export function traceFingerprint(trace: ReplayableTrace): string {
  const h = createHash('sha256');
  const { file: _file, cache: _cache, ...info } = trace.info;
  h.update(toShardJson(info));
  trace.replay((chunk) => {
    for (const c of COLUMNS) {
      const a = chunk[c];
      h.update(new Uint8Array(a.buffer, a.byteOffset, chunk.count * a.BYTES_PER_ELEMENT));
    }
  });
  return h.digest('hex');
}

function sweepHash(
  points: readonly SweepPoint[],
  criteria: Partial<SweepCriteria>,
  dimensions: SweepShard['dimensions'],
  notes: readonly string[],
): string {
  const identity = {
    points: points.map((p) => ({
      index: p.index,
      settings: p.settings,
      config: p.config,
      patches: p.patches ?? null,
    })),
    criteria,
    dimensions,
    notes,
  };
  return createHash('sha256').update(toShardJson(identity)).digest('hex');
}

export function makeShard(args: {
  faasim: string;
  points: readonly SweepPoint[];
  gridSize: number;
  shard: ShardSpec;
  trace: SweepShard['trace'];
  criteria: Partial<SweepCriteria>;
  dimensions: SweepShard['dimensions'];
  notes: string[];
  ran: readonly SweepPoint[];
  results: readonly SimulationResult[];
}): SweepShard {
  return {
    schema: SHARD_SCHEMA,
    faasim: args.faasim,
    sweep: {
      hash: sweepHash(args.points, args.criteria, args.dimensions, args.notes),
      points: args.points.length,
      gridSize: args.gridSize,
    },
    shard: args.shard,
    trace: args.trace,
    criteria: args.criteria,
    dimensions: args.dimensions,
    notes: args.notes,
    points: args.ran.map((p, i) => ({
      index: p.index,
      point: p,
      result: args.results[i] as SimulationResult,
    })),
  };
}

/**
 * Checks that the shards make one whole sweep and returns its points and results in point order, with
 * the criteria, dimensions and notes to analyse them with. Each problem names the file.
 */
export function mergeShards(files: readonly { file: string; shard: unknown }[]): {
  points: SweepPoint[];
  results: SimulationResult[];
  criteria: Partial<SweepCriteria>;
  dimensions: SweepShard['dimensions'];
  notes: string[];
} {
  if (files.length === 0) throw inputError('BAD_ARGUMENT', 'merge needs at least one shard file');
  const bad = (file: string, what: string): Error => inputError('BAD_SHARD', `${file}: ${what}`);
  const shards = files.map(({ file, shard }) => {
    const s = shard as Partial<SweepShard> | null;
    if (s === null || typeof s !== 'object' || s.schema !== SHARD_SCHEMA)
      throw bad(
        file,
        `not a shard of faasim sweep (schema ${SHARD_SCHEMA}) or faasim simulate (write one with faasim sweep|simulate … --shard I/N)`,
      );
    if (!s.sweep || !s.shard || !s.trace || !Array.isArray(s.points))
      throw bad(file, 'a sweep shard without its sweep, shard, trace or points');
    return { file, s: s as SweepShard };
  });
  const first = shards[0] as { file: string; s: SweepShard };
  const n = first.s.shard.count;
  const seen = new Map<number, string>();
  const byIndex = new Map<number, { point: SweepPoint; result: SimulationResult }>();
  for (const { file, s } of shards) {
    if (s.faasim !== first.s.faasim)
      throw bad(
        file,
        `written by faasim ${String(s.faasim)}, but ${first.file} by faasim ${String(first.s.faasim)}: run every shard with one version`,
      );
    if (s.trace.sha256 !== first.s.trace.sha256)
      throw bad(
        file,
        `simulated another trace than ${first.file} (${s.trace.rows} rows, SHA-256 ${s.trace.sha256.slice(0, 12)}… against ${first.s.trace.rows} rows, ${first.s.trace.sha256.slice(0, 12)}…)`,
      );
    if (s.sweep.hash !== first.s.sweep.hash)
      throw bad(file, `from a different sweep than ${first.file} (another trace's grid, flags or criteria)`);
    if (s.shard.count !== n)
      throw bad(file, `shard ${s.shard.index}/${s.shard.count}, but ${first.file} is one of ${n}`);
    const other = seen.get(s.shard.index);
    if (other !== undefined) throw bad(file, `shard ${s.shard.index}/${n} again (also ${other})`);
    seen.set(s.shard.index, file);
    // the hash says the sweep; recompute it from the points carried, so an edited point is caught
    for (const e of s.points) {
      if (e === null || typeof e !== 'object' || typeof e.index !== 'number')
        throw bad(file, 'its points hold an entry without an index');
      if (e.index % n !== s.shard.index - 1 || e.point?.index !== e.index)
        throw bad(file, `point ${e.index} does not belong to shard ${s.shard.index}/${n}`);
      if (e.result === null || typeof e.result !== 'object')
        throw bad(file, `point ${e.index} has no result`);
      const damaged = shapeProblem(e.result, RESULT_SHAPE);
      if (damaged !== null) throw bad(file, `point ${e.index}: result${damaged}`);
      byIndex.set(e.index, { point: e.point, result: e.result });
    }
  }
  const missingShards = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missingShards.length > 0)
    throw inputError(
      'BAD_SHARD',
      `shard${missingShards.length === 1 ? '' : 's'} ${missingShards.map((i) => `${i}/${n}`).join(', ')} missing (given: ${[...seen.values()].join(', ')})`,
    );
  const points: SweepPoint[] = [];
  const results: SimulationResult[] = [];
  for (let i = 0; i < first.s.sweep.points; i++) {
    const e = byIndex.get(i);
    if (!e) throw bad(seen.get((i % n) + 1) as string, `point ${i} missing`);
    points.push(e.point);
    results.push(e.result);
  }
  if (sweepHash(points, first.s.criteria, first.s.dimensions, first.s.notes) !== first.s.sweep.hash) {
    throw inputError(
      'BAD_SHARD',
      `${files.map((f) => f.file).join(', ')}: the points do not match the sweep's hash (a shard was edited?)`,
    );
  }
  return {
    points,
    results,
    criteria: first.s.criteria,
    dimensions: first.s.dimensions,
    notes: first.s.notes,
  };
}
