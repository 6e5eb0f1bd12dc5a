// Builds scenarios/traces/azure-2fn-2h.csv from the vendored Azure 2019 rows (test/fixtures/azure2019):
// minutes 601..720 of the day (10:00-12:00) for two functions. Each minute's count is spread uniformly
// at random within the minute, and each request's run time is drawn from the function's published
// percentiles (linear between p0, p1, p25, p50, p75, p99, and p99..min(p100, 3×p99) for the top 1%).
// Seeded, so the file is reproducible: node scripts/make-example-trace.mjs
import { readFileSync, writeFileSync } from 'node:fs';

let s = 20190715;
const rand = () => {
  // mulberry32
  s = (s + 0x6d2b79f5) | 0;
  let t = Math.imul(s ^ (s >>> 15), 1 | s);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const rows = (f) => readFileSync(new URL(`../test/fixtures/azure2019/${f}`, import.meta.url), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const functions = [
  { hash: '8203ff88', name: 'thumbnail-worker', type: 'async' },
  { hash: 'cbf80865', name: 'api', type: 'sync' },
];
const inv = new Map(rows('invocations-2fn.csv').map((r) => [r[2].slice(0, 8), r.slice(4).map(Number)]));
const dur = new Map(rows('durations-2fn.csv').map((r) => [r[2].slice(0, 8), r.slice(7).map(Number)]));
const out = [];
const day0 = Date.UTC(2019, 6, 15);
for (const f of functions) {
  const [p0, p1, p25, p50, p75, p99, p100] = dur.get(f.hash);
  const knots = [[0, p0], [0.01, p1], [0.25, p25], [0.5, p50], [0.75, p75], [0.99, p99], [1, Math.min(p100, 3 * p99)]];
  const draw = () => {
    const u = rand();
    for (let i = 1; i < knots.length; i++) {
      const [q0, v0] = knots[i - 1];
      const [q1, v1] = knots[i];
      if (u <= q1) return v0 + ((u - q0) / (q1 - q0)) * (v1 - v0);
    }
    return knots[knots.length - 1][1];
  };
  const counts = inv.get(f.hash);
  for (let minute = 601; minute <= 720; minute++) {
    for (let k = 0; k < counts[minute - 1]; k++) {
      const t = day0 + (minute - 1) * 60000 + rand() * 60000;
      out.push([t, f.name, Math.max(0, draw()), f.type]);
    }
  }
}
out.sort((a, b) => a[0] - b[0]);
const lines = ['timestamp,function,duration_ms,type'];
for (const [t, name, d, type] of out) lines.push(`${new Date(Math.floor(t)).toISOString()},${name},${d.toFixed(2)},${type}`);
writeFileSync(new URL('../scenarios/traces/azure-2fn-2h.csv', import.meta.url), lines.join('\n') + '\n');
console.log(`${out.length} requests`);
