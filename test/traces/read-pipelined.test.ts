/**
 * The CSV reader on a worker thread gives what the in-process reader gives: the same chunks with the
 * same TraceInfo, in order, and the same errors. The worker is the compiled one (npm test builds dist/
 * first); the CLI uses it for large files, checked here against the in-process library.
 */
import { statSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readTraceCsv, type ReadTraceOptions } from '../../src/traces/read-csv.js';
import { readTraceCsvPipelined } from '../../src/traces/read-pipelined.js';
import type { TraceChunk, TraceInfo } from '../../src/traces/trace.js';
import { simulateFile } from '../../src/simulate.js';
import { renderJson } from '../../src/report/render/index.js';
import { Rng } from '../../src/util/rng.js';
import { spawnCli } from '../helpers/cli.js';
import { config, tempDir, writeTemp } from '../helpers/trace.js';

const WORKER = new URL('../../dist/src/traces/read-worker.js', import.meta.url);

interface Seen {
  chunks: string[];
  infos: string[];
  result?: TraceInfo;
  error?: string;
}

function snapshot(c: TraceChunk): string {
  const n = c.count;
  const cols = [c.timeMs, c.fn, c.durationMs, c.initMs, c.isAsync, c.memoryUsedMb, c.cpuMs].map((a) =>
    Array.from(a.subarray(0, n)).map(String).join(' '),
  );
  return `${n}|${cols.join('|')}`;
}

async function read(
  how: 'in-process' | 'worker',
  file: string,
  opts: ReadTraceOptions,
  onChunk?: () => void,
): Promise<Seen> {
  const seen: Seen = { chunks: [], infos: [] };
  const cb = (c: TraceChunk, info: TraceInfo): void => {
    seen.chunks.push(snapshot(c));
    seen.infos.push(JSON.stringify(info));
    onChunk?.();
  };
  try {
    seen.result = await (how === 'worker'
      ? readTraceCsvPipelined(file, opts, cb, WORKER)
      : readTraceCsv(file, opts, cb));
  } catch (e) {
    seen.error = `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  return seen;
}

/** A trace with several functions, ISO and numeric-looking cells, blanks, quotes and CRLF. */
function quirkyTrace(rows: number, bad?: { at: number; cell: string }): string {
  const rng = new Rng('pipelined');
  let s = 'timestamp, function ,duration_ms,init_ms,type\r\n';
  let t = Date.UTC(2026, 0, 5);
  for (let i = 0; i < rows; i++) {
    t += rng.exponential(0.05);
    const fn = ['api', 'worker', '"café"', ' cron '][rng.int(4)];
    const dur = bad && bad.at === i ? bad.cell : (rng.next() * 300).toFixed(3);
    const init = rng.next() < 0.1 ? (150 + rng.next() * 200).toFixed(1) : '';
    s += `${new Date(Math.floor(t)).toISOString()},${fn},${dur},${init},${rng.next() < 0.2 ? 'async' : 'sync'}\r\n`;
    if (i % 997 === 0) s += '\r\n';
  }
  return s;
}

describe('CSV reader on a worker thread', () => {
  test('same chunks, same info at each chunk, same result, through many turns of the slot ring', async () => {
    const file = writeTemp('q.csv', quirkyTrace(5000));
    for (const opts of [{ chunkRows: 97 }, { chunkRows: 4096, skipBadRows: true }]) {
      const a = await read('in-process', file, opts);
      const b = await read('worker', file, opts);
      expect(b.error).toBeUndefined();
      expect(b.chunks.length).toBeGreaterThan(opts.chunkRows === 97 ? 50 : 1);
      expect(b).toEqual(a);
    }
  });

  test("an app column: each function's app comes through the worker as it is read in process", async () => {
    const apps: Record<string, string> = { api: 'shop', worker: 'shop', cron: 'ops' };
    const triggers: Record<string, string> = { api: 'http', worker: 'queue', cron: 'timer' };
    const nameOf = (l: string): string => l.split(',')[1]?.replace(/"/g, '').trim() ?? '';
    const text = quirkyTrace(3000)
      .split('\r\n')
      .map((l, i) =>
        i === 0
          ? `${l},app,trigger`
          : l === ''
            ? l
            : `${l},${apps[nameOf(l)] ?? 'misc'},${triggers[nameOf(l)] ?? 'event'}`,
      )
      .join('\r\n');
    const file = writeTemp('apps.csv', text);
    const a = await read('in-process', file, { chunkRows: 97 });
    const b = await read('worker', file, { chunkRows: 97 });
    expect(b).toEqual(a);
    const info = a.result as TraceInfo;
    expect(info.functionNames.map((n, i) => `${n}=${info.functionApps?.[i]}`).sort()).toEqual([
      'api=shop',
      'café=misc',
      'cron=ops',
      'worker=shop',
    ]);
    expect(info.functionNames.map((n, i) => `${n}=${info.functionTriggers?.[i]}`).sort()).toEqual([
      'api=http',
      'café=event',
      'cron=timer',
      'worker=queue',
    ]);
  });

  test('same errors, after the same chunks', async () => {
    const dir = tempDir();
    const cases: [string, string, ReadTraceOptions][] = [
      ['bad-value.csv', quirkyTrace(3000, { at: 2500, cell: '-3' }), { chunkRows: 100 }],
      [
        'bad-value-skipped.csv',
        quirkyTrace(3000, { at: 2500, cell: '-3' }),
        { chunkRows: 100, skipBadRows: true },
      ],
      [
        'unsorted.csv',
        'timestamp,duration_ms\n1767225600000,1\n1767225600002,1\n1767225600001,1\n',
        { chunkRows: 1 },
      ],
      ['quote.csv', 'timestamp,duration_ms\n1767225600000,1\n"1767225600001,2\n', {}],
      ['empty.csv', '', {}],
      ['header-only.csv', 'timestamp,duration_ms\n', {}],
      ['no-timestamp.csv', 'time_x,duration_ms\n1,2\n', {}],
    ];
    for (const [name, text, opts] of cases) {
      const file = writeTemp(name, text, dir);
      const a = await read('in-process', file, opts);
      const b = await read('worker', file, opts);
      expect(b, name).toEqual(a);
    }
    const missing = `${dir}/missing.csv`;
    expect(await read('worker', missing, {})).toEqual(await read('in-process', missing, {}));
  });

  test('an error thrown by the consumer stops the worker and is what the promise rejects with', async () => {
    const file = writeTemp('q.csv', quirkyTrace(5000));
    let calls = 0;
    const b = await read('worker', file, { chunkRows: 50 }, () => {
      if (++calls === 3) throw new Error('consumer failed');
    });
    expect(b.error).toBe('Error: consumer failed');
    expect(b.chunks.length).toBe(3);
  });

  test('the CLI (which reads a large file on the worker) prints what the in-process library computes', async () => {
    const rng = new Rng('pipelined-cli');
    const lines = ['timestamp,function,duration_ms'];
    let t = 1_767_225_600_000;
    for (let i = 0; i < 160_000; i++) {
      t += rng.exponential(0.02);
      lines.push(`${t.toFixed(3)},${['a', 'b', 'c'][rng.int(3)]},${(20 + rng.next() * 200).toFixed(2)}`);
    }
    const file = writeTemp('big.csv', `${lines.join('\n')}\n`);
    expect(statSync(file).size).toBeGreaterThan(4 << 20); // so the CLI reads it on the worker
    // the built binary: the worker reader runs compiled code, which an in-process run from src/ has not
    const viaCli = spawnCli(['simulate', file, '--format', 'json', '--memory', '512']);
    expect(viaCli.stderr).toBe('');
    const inProcess = await simulateFile(file, {}, config({ memoryMb: 512 }), { readMode: 'in-process' });
    expect(viaCli.stdout).toBe(renderJson(inProcess));
  });
});
