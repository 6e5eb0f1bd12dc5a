// Builds scenarios/sweep/api-1d.csv, the synthetic trace of docs/sweep.md: one day of a low-traffic
// internal API. Arrivals are a seeded Poisson process whose rate follows office hours (1.2 requests
// a minute 08:00-18:00, 0.3 18:00-23:00, one every 20 minutes at night); run times are lognormal with
// a median of 24 ms and σ = 0.35 (the run time at 1,024 MB, where the trace is taken as measured).
// Reproducible: node scripts/make-sweep-example.mjs
import { writeFileSync } from 'node:fs';

let s = 20240311;
const rand = () => {
  // mulberry32
  s = (s + 0x6d2b79f5) | 0;
  let t = Math.imul(s ^ (s >>> 15), 1 | s);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const perMinute = (h) => (h >= 8 && h < 18 ? 1.2 : h >= 18 && h < 23 ? 0.3 : 0.05);

const start = Date.UTC(2024, 2, 11);
const rows = ['timestamp,function,duration_ms'];
let t = 0;
for (;;) {
  // thinning: propose at the peak rate, keep with probability rate(t) / peak
  t += (-Math.log(1 - rand()) / 1.2) * 60_000;
  if (t >= 86_400_000) break;
  if (rand() > perMinute(Math.floor(t / 3_600_000)) / 1.2) continue;
  const run = Math.exp(Math.log(24) + 0.35 * normal());
  rows.push(`${new Date(start + Math.round(t)).toISOString()},api,${run.toFixed(2)}`);
}
writeFileSync(new URL('../scenarios/sweep/api-1d.csv', import.meta.url), rows.join('\n') + '\n');
console.log(`${rows.length - 1} requests`);
