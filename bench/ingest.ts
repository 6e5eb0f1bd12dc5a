/**
 * Reading speed on large inputs (part of `npm run bench`; `node dist/bench/ingest.js` alone): a
 * 3 M-line CloudWatch REPORT log as `aws logs tail` prints it (~680 MB) through the importer, and a
 * 5 M-row plain CSV trace through readTraceCsv, each in a fresh process. Prints lines (rows) per
 * second, CPU seconds (user + system: on a shared machine the wall time mostly says how busy it
 * is), peak RSS and the load average at the start. BENCH_REPORT_LINES and BENCH_CSV_ROWS change the
 * sizes; the files are written once to $TMPDIR/faasim-bench and reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTraceCsv } from '../src/traces/read-csv.js';
import { readTrace } from '../src/traces/read.js';
import { writeSyntheticReportLog, writeSyntheticTrace } from './generate.js';

const RATE_PER_S = 200;

async function child(kind: string, file: string): Promise<Record<string, unknown>> {
  const load = loadavg()[0] as number;
  const t0 = performance.now();
  let n = 0;
  const count = (c: { count: number }): void => {
    n += c.count;
  };
  if (kind === 'report') await readTrace(file, {}, count);
  else await readTraceCsv(file, {}, count);
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage();
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  const sizeMb = Math.round(statSync(file).size / 1048576);
  return kind === 'report'
    ? {
        measure: 'cloudwatch-report-ingest-large',
        lines: n,
        sizeMb,
        seconds: round(s),
        linesPerS: Math.round(n / s),
        cpuSeconds: round(cpuS),
        linesPerCpuS: Math.round(n / cpuS),
        peakRssMb,
        loadAverage: round(load),
      }
    : {
        measure: 'csv-ingest-large',
        rows: n,
        sizeMb,
        seconds: round(s),
        rowsPerS: Math.round(n / s),
        cpuSeconds: round(cpuS),
        rowsPerCpuS: Math.round(n / cpuS),
        peakRssMb,
        loadAverage: round(load),
      };
}

export async function runIngestBench(
  reportLines = Number(process.env['BENCH_REPORT_LINES'] ?? 3_000_000),
  csvRows = Number(process.env['BENCH_CSV_ROWS'] ?? 5_000_000),
): Promise<void> {
  const dir = join(tmpdir(), 'faasim-bench');
  mkdirSync(dir, { recursive: true });
  const log = join(dir, `report-${reportLines}.log`);
  if (!existsSync(log)) await writeSyntheticReportLog(log, reportLines, RATE_PER_S);
  const csv = join(dir, `synthetic-${csvRows}.csv`);
  if (!existsSync(csv)) await writeSyntheticTrace(csv, csvRows, RATE_PER_S);
  const self = fileURLToPath(import.meta.url);
  for (const [kind, file] of [
    ['report', log],
    ['csv', csv],
  ] as const) {
    const r = spawnSync(process.execPath, [self, '--child', kind, file], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`bench ingest ${kind} failed: ${r.stderr}`);
    process.stdout.write(r.stdout);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [flag, kind, file] = process.argv.slice(2);
  const run =
    flag === '--child'
      ? child(kind as string, file as string).then((r) => console.log(JSON.stringify(r)))
      : runIngestBench();
  run.catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
