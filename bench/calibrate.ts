/**
 * `node dist/bench/calibrate.js`: time of the keep-alive fit (src/calibrate/keep-alive-fit.ts) on
 * 100 k and 1 M idle gaps, 80 % of them under a minute (a busy function), a keep-alive uniform in
 * 5..7 min and 1 % of labels flipped. One JSON line per size. Not part of `npm run bench`'s run.ts,
 * so as not to lengthen it; run it after `npm run build`.
 */
import { fitKeepAlive } from '../src/calibrate/keep-alive-fit.js';
import { Rng } from '../src/util/rng.js';

function gaps(n: number): [Float64Array, Uint8Array] {
  const rng = new Rng('bench-calibrate');
  const g = new Float64Array(n);
  const c = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = rng.next() < 0.8 ? rng.next() * 60_000 : rng.next() * 1_200_000;
    let cold = x > 300_000 + rng.next() * 120_000 ? 1 : 0;
    if (rng.next() < 0.01) cold = 1 - cold;
    g[i] = x;
    c[i] = cold;
  }
  return [g, c];
}

for (const n of [100_000, 1_000_000]) {
  const [g, c] = gaps(n);
  const t0 = performance.now();
  const f = fitKeepAlive(g, c);
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    JSON.stringify({
      measure: 'calibrate-keep-alive-fit',
      gaps: n,
      seconds: Math.round(seconds * 100) / 100,
      chosen: f.chosen,
      minMs: Math.round(f.range?.minMs ?? NaN),
      maxMs: Math.round(f.range?.maxMs ?? NaN),
    }),
  );
}
