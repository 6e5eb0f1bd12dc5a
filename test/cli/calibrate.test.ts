/** `faasim calibrate` through the built CLI: the real sample, the scenario it writes, bad input. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/trace.js';
import { syntheticLog, writeLogCsv } from '../calibrate/synthetic.js';

const REAL = 'test/fixtures/calibrate/embr-report-2023.csv';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

describe('faasim calibrate on the real REPORT sample (12 requests, one cold)', () => {
  it('says the gaps bracket the keep-alive but cannot place it, and gives the one INIT', async () => {
    const r = await cli(['calibrate', REAL, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // 11 gaps: 10 warm (the longest 22:10:47.479 → 22:14:43.862 less its 145.69 + 5.93 ms: 236.24 s), 1 cold after a day
    expect(j.gaps.usable).toBe(11);
    expect(j.keepAlive.warm).toBe(10);
    expect(j.keepAlive.cold).toBe(1);
    expect(j.keepAlive.spec).toBeNull();
    expect(j.keepAlive.problem).toBe(
      'not enough gaps near the keep-alive: it lies between 3.937 min and 24.396 h (95 %), a range wider than 2×; a longer log, with idle gaps spread across that range, would place it',
    );
    expect(j.init.all.count).toBe(1);
    expect(j.init.all.p50Ms).toBe(145.69);
    expect(j.replay).toBeNull();
  });

  it('--write-scenario writes only what was fitted (INIT, no keep-alive)', async () => {
    const out = join(dir(), 'fit.json');
    expect((await cli(['calibrate', REAL, '--write-scenario', out])).code).toBe(0);
    const s = JSON.parse(readFileSync(out, 'utf8'));
    expect(s.keepAlive).toBeUndefined();
    expect(s.init).toEqual({ kind: 'empirical', values: ['145.69ms'] });
  });
});

describe('faasim calibrate --write-scenario, then simulate --scenario', () => {
  it('simulate takes the fragment: its keep-alive and INIT are the fitted ones', async () => {
    const d = dir();
    const log = writeLogCsv(syntheticLog({ kind: 'fixed', ms: 600_000 }, 300, 0, 1_200_000, 2), d);
    const frag = join(d, 'fit.json');
    const c = await cli(['calibrate', log, '--write-scenario', frag, '--replays', '1']);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    const s = JSON.parse(readFileSync(frag, 'utf8'));
    expect(Object.keys(s).sort()).toEqual(['description', 'init', 'keepAlive']);
    const sim = await cli(['simulate', log, '--scenario', frag, '--format', 'json']);
    expect(sim.stderr).toBe('');
    expect(sim.code).toBe(0);
    const r = JSON.parse(sim.stdout);
    const seconds = Number(/^([\d.]+)s$/.exec(s.keepAlive)?.[1]);
    expect(seconds).toBeGreaterThan(590);
    expect(seconds).toBeLessThan(610);
    expect(JSON.stringify(r.config)).toContain(`${Number((seconds / 60).toFixed(3))} min`);
    expect(s.init.kind).toBe('lognormal');
    expect(r.config.init).toBe(
      `lognormal, median ${parseFloat(s.init.median)} ms, p99 ${parseFloat(s.init.p99)} ms`,
    );
    // the log's own cold starts: the simulation with the fit reproduces them (first request included on both sides)
    const cold = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .filter((l) => !l.endsWith(',')).length;
    expect(r.outcomes.servedCold).toBe(cold);
  });
});

describe('faasim calibrate: bad input', () => {
  it('a trace that does not say which requests were cold: exit 2, the reason on stderr, nothing on stdout', async () => {
    const f = join(dir(), 't.csv');
    writeFileSync(f, 'timestamp,duration_ms\n2024-01-01T00:00:00Z,10\n2024-01-01T00:01:00Z,10\n');
    const r = await cli(['calibrate', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^faasim: .*t\.csv: the trace does not say which requests were cold: calibrate needs an init_ms column/,
    );
  });

  it('--format other than table or json, --replays 0: exit 2', async () => {
    const a = await cli(['calibrate', REAL, '--format', 'csv']);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe('faasim: --format "csv" is not table or json\n');
    const b = await cli(['calibrate', REAL, '--replays', '0']);
    expect(b.code).toBe(2);
    expect(b.stderr).toBe('faasim: --replays "0" is not a whole number ≥ 1\n');
  });
});
