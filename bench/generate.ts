/** Writes a synthetic trace for benchmarks: Poisson arrivals over 3 functions, lognormal run times. */
import { createWriteStream } from 'node:fs';
import { Rng } from '../src/util/rng.js';

export async function writeSyntheticTrace(
  file: string,
  rows: number,
  ratePerS: number,
  seed = 'bench',
): Promise<void> {
  const rng = new Rng(seed);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = (s: string): Promise<void> | void => {
    if (!out.write(s)) return new Promise((resolve) => out.once('drain', () => resolve()));
  };
  await write('timestamp,function,duration_ms\n');
  let t = 1_767_225_600_000; // 2026-01-01T00:00:00Z in ms
  const fns = ['api', 'worker', 'cron'];
  let buf = '';
  for (let i = 0; i < rows; i++) {
    t += rng.exponential(ratePerS / 1000);
    const fn = fns[i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0] as string;
    const run = Math.exp(Math.log(80) + 0.8 * rng.normal());
    buf += `${t.toFixed(3)},${fn},${run.toFixed(2)}\n`;
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/**
 * Writes synthetic CloudWatch REPORT lines as `aws logs tail /aws/lambda/api` prints them
 * (TIME STREAM MESSAGE, 1 ms era, one in 50 with Init Duration), Poisson arrivals at `ratePerS`.
 */
export async function writeSyntheticReportLog(
  file: string,
  rows: number,
  ratePerS: number,
  seed = 'bench-report',
): Promise<void> {
  const rng = new Rng(seed);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = (s: string): Promise<void> | void => {
    if (!out.write(s)) return new Promise((resolve) => out.once('drain', () => resolve()));
  };
  let t = 1_767_225_600_000;
  let buf = '';
  for (let i = 0; i < rows; i++) {
    t += rng.exponential(ratePerS / 1000);
    const run = Math.exp(Math.log(80) + 0.8 * rng.normal());
    const init = i % 50 === 0 ? `Init Duration: ${(150 + rng.next() * 200).toFixed(2)} ms\t` : '';
    const id = (0x10000000 + i).toString(16);
    const iso = new Date(Math.round(t + run)).toISOString().replace('Z', '000+00:00');
    buf += `${iso} 2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef REPORT RequestId: ${id}-7d50-4d6d-a3f1-9b4f5322f47c\tDuration: ${run.toFixed(2)} ms\tBilled Duration: ${Math.ceil(run)} ms\tMemory Size: 512 MB\tMax Memory Used: ${60 + (i % 40)} MB\t${init}\n`;
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
