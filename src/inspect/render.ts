/** `faasim inspect` reports: plain tables with a sparkline per minute (up to 6 h) or per hour, or JSON (schema faasim.inspect/v1). */
import Table from '../report/render/safe-table.js';
import { int, meanRate, ms, num, pct } from '../report/format.js';
import { formatDurationMs } from '../util/units.js';
import type { InspectReport } from './inspect.js';

const PLAIN = { head: [], border: [] };
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
const BARS = ' ▁▂▃▄▅▆▇█';

function kv(title: string, rows: [string, string][]): string {
  const t = new Table({ head: [title, ''], style: PLAIN, chars: CHARS, wordWrap: true, colWidths: [26, 84] });
  for (const r of rows) t.push(r);
  return t.toString();
}

const msOrDash = (x: number | null): string => (x === null ? '–' : ms(x));
const mb = (x: number | null): string => (x === null ? '–' : `${num(x, x >= 100 ? 0 : 1)} MB`);

export function renderInspectTable(r: InspectReport): string {
  const out: string[] = [];
  const rows: [string, string][] = [
    ['file', r.file],
    ['layout', r.layout],
    ['requests', int(r.rows) + (r.asyncRequests > 0 ? ` (${int(r.asyncRequests)} async)` : '')],
    ['functions', int(r.functions)],
    [
      'span',
      `${formatDurationMs(r.span.ms)} (${r.span.source}${r.span.firstIso ? `: ${r.span.firstIso} .. ${r.span.lastIso}` : ''})`,
    ],
    [
      'columns',
      `duration_ms ${r.columns.duration ? 'yes' : 'no'}, init_ms ${r.columns.init ? 'yes' : 'no'}, memory_used_mb ${r.columns.memory ? 'yes' : 'no'}`,
    ],
    [
      'skipped rows',
      r.skippedRows === 0
        ? '0'
        : `${int(r.skippedRows)} (--skip-bad-rows): ${r.skipReasons.join('; ')}${r.skippedRows > r.skipReasons.length ? '; …' : ''}`,
    ],
  ];
  out.push(kv('Trace', rows));

  out.push(
    kv('Request rate', [
      ['mean', meanRate(r.rate.meanPerS)],
      ['peak second', `${int(r.rate.peakPerS)} req (${r.rate.peakSecondAt})`],
      [
        'peak minute',
        `${int(r.rate.peakPerMin)} req, ${num(r.rate.peakPerMin / 60, 2)} req/s (${r.rate.peakMinuteAt})`,
      ],
      ['buckets', r.rate.buckets],
    ]),
  );
  out.push(minuteChart(r) ?? hourlyChart(r));

  const ia = r.interArrival;
  out.push(
    kv('Gaps between requests', [
      ['gaps', int(ia.gaps)],
      ['mean/p50/p90/p99/max', [ia.meanMs, ia.p50Ms, ia.p90Ms, ia.p99Ms, ia.maxMs].map(msOrDash).join(' / ')],
      ['coefficient of variation', ia.cv === null ? '–' : num(ia.cv, 2)],
      ['arrivals look', ia.verdict],
      ['rule', ia.rule],
      ...(ia.note ? ([['note', ia.note]] as [string, string][]) : []),
    ]),
  );

  const t = new Table({
    head: [
      'Function',
      'requests',
      'share',
      'run p50',
      'run p99',
      'memory p50',
      'memory max',
      ...(r.coldStarts ? ['cold (init_ms)'] : []),
    ],
    style: PLAIN,
    chars: CHARS,
  });
  for (const f of r.functionTable.top) {
    t.push([
      f.name,
      int(f.requests),
      pct(f.share),
      msOrDash(f.durationP50Ms),
      msOrDash(f.durationP99Ms),
      mb(f.memoryP50Mb),
      mb(f.memoryMaxMb),
      ...(r.coldStarts ? [int(f.coldStarts)] : []),
    ]);
  }
  const o = r.functionTable.others;
  if (o.functions > 0)
    t.push([
      `${int(o.functions)} more`,
      int(o.requests),
      pct(o.share),
      '',
      '',
      '',
      '',
      ...(r.coldStarts ? [''] : []),
    ]);
  out.push(t.toString());

  if (r.coldStarts) {
    const c = r.coldStarts;
    out.push(
      kv('Observed cold starts', [
        ['requests with init_ms', `${int(c.observed)} (${pct(c.rate)})`],
        [
          'INIT p50/p90/p99/max',
          [c.initP50Ms, c.initP90Ms, c.initP99Ms, c.initMaxMs].map(msOrDash).join(' / '),
        ],
      ]),
    );
  }
  out.push(`Accuracy: ${r.accuracy.text}${r.accuracy.exact ? '; every percentile here is exact' : ''}.`);
  return out.join('\n') + '\n';
}

/** At most 6 hours: requests per minute, one line per hour (60 cells). */
function minuteChart(r: InspectReport): string | null {
  const pm = r.perMinute;
  if (pm === null || pm.counts.length > 6 * 60) return null;
  const epoch = r.span.firstIso !== null;
  const first = epoch ? Date.parse(pm.firstMinuteAt) / 60_000 : 0;
  const lead = epoch ? first % 60 : 0;
  const max = Math.max(1, ...pm.counts);
  const cells: (number | null)[] = [...Array.from({ length: lead }, () => null), ...pm.counts];
  const lines = [
    `Requests per minute (█ = ${int(max)}; columns are minutes 00..59${epoch ? ' UTC' : ' from the start'}):`,
  ];
  for (let k = 0; k < cells.length; k += 60) {
    const slice = cells.slice(k, k + 60);
    while (slice.length < 60) slice.push(null);
    const label = epoch
      ? new Date((first - lead + k) * 60_000).toISOString().slice(0, 16).replace('T', ' ')
      : `+${k / 60} h`;
    const total = slice.reduce<number>((a, c) => a + (c ?? 0), 0);
    lines.push(
      `  ${label.padEnd(16)} │${slice.map((c) => (c === null || c === 0 ? ' ' : (BARS[Math.max(1, Math.round((c / max) * 8))] as string))).join('')}│ ${int(total)}`,
    );
  }
  return lines.join('\n');
}

/**
 * Requests per hour as a sparkline, one line per day (24 cells, the first line padded to start at
 * midnight when times are on the clock); beyond 62 days one cell per day, 28 a line.
 */
function hourlyChart(r: InspectReport): string {
  const counts = r.hourly.counts;
  const perDay = counts.length > 24 * 62;
  const cellHours = perDay ? 24 : 1;
  const cellsPerLine = perDay ? 28 : 24;
  const epoch = r.span.firstIso !== null;
  const firstHour = epoch ? Date.parse(r.hourly.firstHourAt) / 3_600_000 : 0;
  const lead = perDay || !epoch ? 0 : firstHour % 24;
  const cells: number[] = [];
  for (let i = 0; i < counts.length; i += cellHours) {
    let s = 0;
    for (let j = i; j < Math.min(counts.length, i + cellHours); j++) s += counts[j] as number;
    cells.push(s);
  }
  const max = Math.max(1, ...cells);
  const bar = (c: number): string =>
    c === 0 ? ' ' : (BARS[Math.max(1, Math.round((c / max) * 8))] as string);
  const padded: (number | null)[] = [...Array.from({ length: lead }, () => null), ...cells];
  const lines: string[] = [];
  const unit = perDay ? 'day' : 'hour';
  lines.push(
    `Requests per ${unit} (█ = ${int(max)}${perDay ? '' : `; columns are hours 00..23${epoch ? ' UTC' : ' from the start'}`}):`,
  );
  for (let k = 0; k < padded.length; k += cellsPerLine) {
    const slice = padded.slice(k, k + cellsPerLine);
    while (slice.length < cellsPerLine) slice.push(null);
    // padded cell p starts at hour firstHour − lead + p·cellHours
    const label = epoch
      ? new Date((firstHour - lead + k * cellHours) * 3_600_000).toISOString().slice(0, 10)
      : `+${(k * cellHours) / 24} d`;
    const total = slice.reduce<number>((a, c) => a + (c ?? 0), 0);
    lines.push(
      `  ${label.padEnd(11)} │${slice.map((c) => (c === null ? ' ' : bar(c))).join('')}│ ${int(total)}`,
    );
  }
  return lines.join('\n');
}

export function renderInspectJson(r: InspectReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

export const INSPECT_RENDERERS = { table: renderInspectTable, json: renderInspectJson } as const;
