/**
 * Azure Functions Trace 2021 (AzurePublicDataset, AzureFunctionsInvocationTraceForTwoWeeksJan2021):
 * one row per invocation, `app,func,end_timestamp,duration`, times in seconds from the start of the
 * trace, rows not in time order. Arrival = end_timestamp − duration; the rows are sorted by arrival in
 * bounded memory (builder.ts: sorted runs spilled to a temp folder and merged). Functions are named
 * by the first 8 characters of `func` (longer where two would share a name).
 */
import type { TraceInfo } from '../trace.js';
import { parseDecimal } from '../decimal.js';
import { TraceBuilder, type OnChunk } from './builder.js';
import { readLines } from './lines.js';
import type { ImportOptions } from './options.js';

const AZURE_2021_HEADER = 'app,func,end_timestamp,duration';

export async function readAzure2021(file: string, opts: ImportOptions, onChunk: OnChunk): Promise<TraceInfo> {
  const b = new TraceBuilder(
    file,
    'azure-2021',
    { timestamp: 'end_timestamp − duration', function: 'func', duration_ms: 'duration (s)' },
    opts,
    onChunk,
  );
  b.epochTimes = false;
  b.info.timeFormat = 'numeric';
  b.info.timeUnit = 's';
  const names = new Map<string, number>();
  const taken = new Set<string>();
  let header = false;
  try {
    await readLines(
      file,
      (text, start, end, lineNo) => {
        const line = text.slice(start, end);
        if (line.trim() === '') return;
        if (!header) {
          if (line.trim().toLowerCase() !== AZURE_2021_HEADER) {
            b.bad(
              'TRACE_MISSING_COLUMN',
              `expected the header ${AZURE_2021_HEADER}, found "${line.slice(0, 80)}"`,
              { line: lineNo },
            );
          }
          header = true;
          return;
        }
        const cells = line.split(',');
        if (cells.length !== 4) {
          b.bad('TRACE_SHORT_ROW', `row has ${cells.length} fields, expected 4 (${AZURE_2021_HEADER})`, {
            line: lineNo,
          });
          return;
        }
        const endS = parseDecimal((cells[2] as string).trim());
        const durS = parseDecimal((cells[3] as string).trim());
        if (!(endS >= 0) || endS === Infinity) {
          b.bad('TRACE_BAD_TIMESTAMP', `"${cells[2]}" is not a non-negative number of seconds`, {
            line: lineNo,
            column: 'end_timestamp',
            columnNumber: 3,
          });
          return;
        }
        const endAt = { line: lineNo, column: 'end_timestamp', columnNumber: 3 };
        if (b.refusesTime(endS * 1000, (cells[2] as string).trim(), 's', endAt)) return;
        if (!(durS >= 0) || durS === Infinity || durS > endS) {
          b.bad(
            'TRACE_BAD_DURATION',
            `"${cells[3]}" is not a number of seconds between 0 and end_timestamp (${cells[2]})`,
            { line: lineNo, column: 'duration', columnNumber: 4 },
          );
          return;
        }
        const durAt = { line: lineNo, column: 'duration', columnNumber: 4 };
        if (b.refusesLength(durS * 1000, (cells[3] as string).trim(), 'a run time', durAt)) return;
        const app = (cells[0] as string).trim();
        const func = (cells[1] as string).trim();
        if (func === '') {
          b.bad('TRACE_EMPTY_FUNCTION', 'no function hash', {
            line: lineNo,
            column: 'func',
            columnNumber: 2,
          });
          return;
        }
        const key = `${app}/${func}`;
        let fn = names.get(key);
        if (fn === undefined) {
          // only a new app/func pair is looked at; a refused one is not kept, so it is looked at again
          if (b.refusesName(app, { line: lineNo, column: 'app', columnNumber: 1 }, 'app')) return;
          if (b.refusesName(func, { line: lineNo, column: 'func', columnNumber: 2 })) return;
          let name = func.slice(0, 8);
          for (let len = 12; taken.has(name) && len <= func.length; len += 4) name = func.slice(0, len);
          if (taken.has(name)) name = `${app.slice(0, 8)}/${func}`;
          taken.add(name);
          fn = b.fn(name, app);
          names.set(key, fn);
        }
        b.add((endS - durS) * 1000, fn, durS * 1000, NaN, NaN, 0);
      },
      'utf8',
      undefined,
      opts.source,
    );
    b.info.derived = [
      'arrival = end_timestamp − duration (seconds from the start of the trace; no wall-clock time)',
      'duration read in seconds, as the dataset gives it',
      `functions named by the first 8 characters of func (${names.size} app/func pairs)`,
      'no INIT or memory in this trace: INIT from the platform model, memory from --observed-memory',
    ];
    return b.finish(`rows of ${AZURE_2021_HEADER}`);
  } finally {
    b.cleanup();
  }
}
