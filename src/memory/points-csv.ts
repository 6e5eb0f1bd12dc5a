/**
 * Measured points as CSV: a header with `memory_mb,duration_ms` and optionally `p90_ms,p99_ms`, one
 * row per memory size. duration_ms is the run time the model scales by; the tail columns are carried
 * into the report.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { inputError } from '../errors.js';
import type { MeasuredPoint } from './types.js';

const REQUIRED = ['memory_mb', 'duration_ms'] as const;
const OPTIONAL = ['p90_ms', 'p99_ms'] as const;

export function parseMeasuredPointsCsv(text: string, file: string): MeasuredPoint[] {
  let rows: string[][];
  /** the file line of each row: comment and blank lines are skipped, so rows and lines differ */
  let lines: number[];
  try {
    const parsed = parse(text, {
      trim: true,
      skip_empty_lines: true,
      comment: '#',
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    rows = parsed.map((p) => p.record);
    lines = parsed.map((p) => p.info.lines);
  } catch (e) {
    throw inputError('BAD_POINTS', `${(e as Error).message}`, { file });
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  for (const c of REQUIRED) {
    if (!header.includes(c))
      throw inputError(
        'BAD_POINTS',
        `measured points need a header with ${REQUIRED.join(',')} (optionally ${OPTIONAL.join(',')}); "${c}" is missing`,
        { file, line: lines[0] ?? 1 },
      );
  }
  for (const h of header) {
    if (!(REQUIRED as readonly string[]).includes(h) && !(OPTIONAL as readonly string[]).includes(h)) {
      throw inputError(
        'BAD_POINTS',
        `unknown column "${h}"; columns are ${[...REQUIRED, ...OPTIONAL].join(', ')}`,
        { file, line: lines[0] ?? 1 },
      );
    }
  }
  const col = (name: string): number => header.indexOf(name);
  const points: MeasuredPoint[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] as string[];
    const line = lines[r] as number;
    const num = (name: string, required: boolean): number | undefined => {
      const i = col(name);
      const raw = i < 0 ? undefined : row[i];
      if (raw === undefined || raw === '') {
        if (required)
          throw inputError('BAD_POINTS', 'empty; expected a positive number', {
            file,
            line,
            column: name,
            columnNumber: i + 1,
          });
        return undefined;
      }
      const v = Number(raw);
      if (!Number.isFinite(v) || v <= 0)
        throw inputError('BAD_POINTS', `"${raw}" is not a positive number`, {
          file,
          line,
          column: name,
          columnNumber: i + 1,
        });
      return v;
    };
    const p: MeasuredPoint = {
      memoryMb: num('memory_mb', true) as number,
      durationMs: num('duration_ms', true) as number,
    };
    const p90 = num('p90_ms', false);
    const p99 = num('p99_ms', false);
    if (p90 !== undefined) p.p90Ms = p90;
    if (p99 !== undefined) p.p99Ms = p99;
    if (p90 !== undefined && p99 !== undefined && p99 < p90)
      throw inputError('BAD_POINTS', `${p99} is below p90_ms ${p90}`, {
        file,
        line,
        column: 'p99_ms',
        columnNumber: col('p99_ms') + 1,
      });
    points.push(p);
  }
  points.sort((a, b) => a.memoryMb - b.memoryMb);
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.memoryMb === points[i - 1]!.memoryMb)
      throw inputError('BAD_POINTS', `memory ${points[i]!.memoryMb} MB appears twice`, { file });
  }
  return points;
}

export function readMeasuredPointsCsv(file: string): MeasuredPoint[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError('FILE_NOT_READABLE', `cannot read measured points ${file}: ${(e as Error).message}`, {
      file,
    });
  }
  return parseMeasuredPointsCsv(text, file);
}
