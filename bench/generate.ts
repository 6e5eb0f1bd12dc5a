/** Writes a synthetic trace for benchmarks: Poisson arrivals over 3 functions, lognormal run times. */
import { createWriteStream } from 'node:fs';
import { Rng } from '../src/util/rng.js';

export async function writeSyntheticTrace(file: string, rows: number, ratePerS: number, seed = 'bench'): Promise<void> {
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
