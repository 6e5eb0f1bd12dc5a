/** The calibration report: a text report (tables and a text chart of P(cold | idle gap)) or JSON. */
import Table from '../report/render/safe-table.js';
import { describeDistribution } from '../model/distribution.js';
import { describeKeepAlive } from '../model/keep-alive.js';
import { int, ms, num, pct } from '../report/format.js';
import { formatDurationMs } from '../util/units.js';
import type { CalibrationResult } from './calibrate.js';
import type { GapBin, Interval } from './keep-alive-fit.js';

const PLAIN = { head: [], border: [] };
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
const BAR = 20;

function kv(title: string, rows: [string, string][]): string {
  const t = new Table({ head: [title, ''], style: PLAIN, chars: CHARS, wordWrap: true, colWidths: [30, 70] });
  for (const r of rows) t.push(r);
  return t.toString();
}

function dur(x: number): string {
  return x === Infinity ? '∞' : formatDurationMs(Math.round(x));
}

function interval(i: Interval): string {
  return `${dur(i.lowMs)} .. ${dur(i.highMs)}`;
}

/** Observed share as a bar of '#', the fitted value as '|' on it. */
function bar(b: GapBin): string {
  const cells: string[] = Array.from({ length: BAR }, (_, i) =>
    b.gaps > 0 && i < Math.round((b.cold / b.gaps) * BAR) ? '#' : ' ',
  );
  if (Number.isFinite(b.fitted)) cells[Math.min(BAR - 1, Math.round(b.fitted * (BAR - 1)))] = '|';
  return `[${cells.join('')}]`;
}

export function renderCalibrationTable(r: CalibrationResult): string {
  const out: string[] = [];
  const t = r.trace;
  out.push(
    kv('Log', [
      ['file', t.file],
      ['requests', int(t.requests)],
      ['functions', int(t.functions)],
      ['span', dur(t.spanMs)],
      ['cold starts', `${int(t.coldStarts)} (from ${t.coldFrom})`],
      [
        'idle gaps',
        `${int(r.gaps.usable)} usable of ${int(t.requests - r.gaps.firstRequests)} (each function's first request has none); ${int(r.gaps.overlapping)} requests arrived while another of their function was in flight (${int(r.gaps.overlappingCold)} of them cold)`,
      ],
    ]),
  );
  const k = r.keepAlive;
  if (k.problem !== null || k.fixed === null || k.range === null || k.spec === null) {
    out.push(
      kv('Keep-alive', [
        ['fit', k.problem ?? 'none'],
        ['gaps', `${int(k.warm)} warm, ${int(k.cold)} cold`],
      ]),
    );
  } else {
    out.push(
      kv('Keep-alive', [
        ['chosen (lower AIC)', describeKeepAlive(k.spec)],
        [
          'fixed K',
          `${dur(k.fixed.kMs)}, 95% interval ${interval(k.fixed.interval)}; ${int(k.fixed.inconsistent)} gaps inconsistent; AIC ${num(k.fixed.aic, 1)}`,
        ],
        [
          'range a..b',
          `${dur(k.range.minMs)} .. ${dur(k.range.maxMs)}; a in ${interval(k.range.minInterval)}, b in ${interval(k.range.maxInterval)}; AIC ${num(k.range.aic, 1)}`,
        ],
        ['gaps', `${int(k.warm)} warm, ${int(k.cold)} cold; label noise ${k.noise}`],
      ]),
    );
  }
  if (k.bins.length > 0) {
    const tb = new Table({
      head: ['idle gap', 'gaps', 'cold', 'observed', 'fitted', `P(cold): # observed, | fitted`],
      style: PLAIN,
      chars: CHARS,
      colAligns: ['left', 'right', 'right', 'right', 'right', 'left'],
    });
    for (const b of k.bins) {
      tb.push([
        b.toMs === Infinity ? `≥ ${dur(b.fromMs)}` : `${dur(b.fromMs)} – ${dur(b.toMs)}`,
        int(b.gaps),
        int(b.cold),
        b.gaps > 0 ? pct(b.cold / b.gaps, 0) : '–',
        Number.isFinite(b.fitted) ? pct(b.fitted, 0) : '–',
        bar(b),
      ]);
    }
    out.push(`P(cold | idle gap)\n${tb.toString()}`);
  }
  if (r.init.all) {
    const ti = new Table({
      head: ['INIT', 'cold starts', 'mean', 'p50', 'p90', 'p99', 'max', 'replay draws from'],
      style: PLAIN,
      chars: CHARS,
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    });
    const rows = r.init.perFunction.length > 1 ? [r.init.all, ...r.init.perFunction] : [r.init.all];
    for (const f of rows)
      ti.push([
        f.function ?? 'all functions',
        int(f.count),
        ms(f.meanMs),
        ms(f.p50Ms),
        ms(f.p90Ms),
        ms(f.p99Ms),
        ms(f.maxMs),
        describeDistribution(f.spec),
      ]);
    out.push(ti.toString());
  }
  const p = r.replay;
  if (p) {
    const hours = t.spanMs / 3_600_000;
    const rows: [string, string][] = [
      [
        'cold starts',
        `observed ${int(p.observedColdStarts)}, simulated ${num(p.simulatedColdStarts, 1)} (simulated / observed − 1: ${p.observedColdStarts > 0 ? pct(p.simulatedColdStarts / p.observedColdStarts - 1, 1) : '–'}); each function's first request left out`,
      ],
      [
        'cold-start rate',
        `observed ${pct(p.observedColdStarts / p.requests)}, simulated ${pct(p.simulatedColdStarts / p.requests)}`,
      ],
      [
        'per hour',
        hours > 0
          ? `observed ${num(p.observedColdStarts / hours)}, simulated ${num(p.simulatedColdStarts / hours)} (over ${num(hours, 1)} h)`
          : '–',
      ],
      [
        'goodness of fit',
        p.chiSquare
          ? `chi-square ${num(p.chiSquare.statistic)} on ${p.chiSquare.df} df over hourly counts (${p.chiSquare.pools} pools of hours expecting ≥ 5), p = ${num(p.chiSquare.pValue, 3)}`
          : 'too few cold starts for a test over hours (fewer than 2 pools expecting ≥ 5)',
      ],
    ];
    out.push(kv(`Replay (${p.replays} seeds)`, rows));
  }
  out.push(`Assumptions\n${r.assumptions.map((a) => `  - ${a}`).join('\n')}`);
  return out.join('\n\n') + '\n';
}

export function renderCalibrationJson(r: CalibrationResult): string {
  // Infinity (an interval open above) is written as null
  return JSON.stringify(r, (_k, v: unknown) => (v === Infinity ? null : v), 2) + '\n';
}
