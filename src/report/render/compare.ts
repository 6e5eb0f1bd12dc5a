/**
 * Reports of a comparison (`--provider all` or a list): the same trace on each platform, side by
 * side. Table for people, JSON (schema faasim.compare/v1) and CSV for pipelines.
 */
import Table from './safe-table.js';
import { view, withView } from './view.js';
import { fitWidths } from './fit.js';
import { idLines, tableWidth } from './id-cell.js';
import type { ComparisonResult, ComparisonRow } from '../../run/compare-result.js';
import type { SimulationResult } from '../../run/result.js';
import { formatDurationMs } from '../../util/units.js';
import { int, ms, num, pct, qty, usdColumn } from '../format.js';
import { renderComparisonMarkdown } from './markdown-compare.js';

const PLAIN = { head: [], border: [] };
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function ok(rows: ComparisonRow[]): (ComparisonRow & { result: SimulationResult })[] {
  return rows.filter((r): r is ComparisonRow & { result: SimulationResult } => r.result !== null);
}

/** No documented per-instance limit is modelled as a huge number; say so instead of printing it. */
const NO_LIMIT = 1_000_000;

function perInstance(n: number): string {
  return n >= NO_LIMIT ? 'no limit' : int(n);
}

function waitedCell(r: SimulationResult): string {
  const q = r.queueing;
  if (!q) return '–';
  if (q.servedAfterWait === 0) return '0';
  return `${int(q.servedAfterWait)} (p99 ${ms(q.wait.p99Ms)})`;
}

export function renderComparisonTable(c: ComparisonResult): string {
  const out: string[] = [];
  const tr = c.trace;
  if (tr) {
    const span = tr.firstIso
      ? `${formatDurationMs(tr.spanMs)} (${tr.firstIso} .. ${tr.lastIso})`
      : formatDurationMs(tr.spanMs);
    const t = new Table({
      head: ['Trace', ''],
      style: PLAIN,
      chars: CHARS,
      colWidths: [22, 98],
      wordWrap: true,
    });
    t.push(
      ['file', tr.file],
      ['requests', `${int(tr.requests)} (${int(tr.asyncRequests)} async) over ${span}`],
      ['functions', tr.functions.length > 8 ? int(tr.functions.length) : tr.functions.join(', ')],
      ['rate', `mean ${num(tr.meanRatePerS, 3)} req/s, peak ${int(tr.peakRatePerS)} in one second`],
      [
        'memory asked for',
        `${int(c.requestedMemoryMb)} MB (--memory); each platform gets the size it offers, see below`,
      ],
    );
    out.push(t.toString());
  }

  // within 100 columns the optional columns go (a line below says so); --wide shows them all
  const wide = !Number.isFinite(view().width);
  // each money column in one format across the platforms
  const results = ok(c.rows).map((row) => row.result);
  const monthly = usdColumn(results.map((r) => r.cost.monthlyUsd));
  const perMillion = usdColumn(results.map((r) => r.cost.usdPerMillionRequests));
  const columns: { head: string; optional: boolean; cell: (r: SimulationResult) => string }[] = [
    { head: 'monthly', optional: false, cell: (r) => monthly(r.cost.monthlyUsd) },
    { head: 'per 1M req', optional: false, cell: (r) => perMillion(r.cost.usdPerMillionRequests) },
    {
      head: 'cold starts',
      optional: false,
      cell: (r) => `${pct(r.outcomes.coldStartRate)} (${int(r.outcomes.servedCold)})`,
    },
    {
      head: '429 / dropped',
      optional: false,
      cell: (r) => `${int(r.outcomes.throttledSync)} / ${int(r.outcomes.asyncDropped)}`,
    },
    { head: 'waited for capacity', optional: true, cell: (r) => waitedCell(r) },
    { head: 'p50', optional: true, cell: (r) => ms(r.outcomes.latency.all.p50Ms) },
    { head: 'p99', optional: false, cell: (r) => ms(r.outcomes.latency.all.p99Ms) },
    { head: 'memory', optional: false, cell: (r) => `${int(r.config.memoryMb)} MB` },
    { head: 'per instance', optional: true, cell: (r) => perInstance(r.config.perInstanceConcurrency) },
    {
      head: 'unconfirmed',
      optional: true,
      cell: (r) => (r.cost.unconfirmed.length > 0 ? `${r.cost.unconfirmed.length} figures` : 'none'),
    },
  ];
  const shown = columns.filter((col) => wide || !col.optional);
  const sideTable = (idWidth: number): string => {
    const side = new Table({
      head: ['--provider', ...shown.map((col) => col.head)],
      style: PLAIN,
      chars: CHARS,
    });
    for (const row of c.rows) {
      const r = row.result;
      const id = idLines(row.provider, idWidth);
      if (!r) {
        side.push([id, 'not run', '(see notes)', ...shown.slice(2).map(() => '')]);
        continue;
      }
      side.push([id, ...shown.map((col) => col.cell(r))]);
    }
    return side.toString();
  };
  // still too wide (a long provider id): the ids longer than the rest take two lines
  const longestId = Math.max(...c.rows.map((row) => row.provider.length));
  // measured as wide as its content: a table wider than the view is narrowed by SafeTable, which
  // would wrap every column a little rather than break the one long id
  const natural = withView({ ...view(), width: Infinity }, () => sideTable(longestId));
  const excess = tableWidth(natural) - view().width;
  const side = excess > 0 ? sideTable(Math.max('--provider'.length, longestId - excess)) : natural;
  const dropped = wide
    ? ''
    : `\n(--wide adds the columns ${columns
        .filter((col) => col.optional)
        .map((col) => col.head)
        .join(', ')})`;
  out.push(
    `Side by side: the same trace on each platform; monthly cost for a 30-day month, cold starts as a share of requests (count), latency = wait + INIT + run\n${side}${dropped}`,
  );

  const costWidths = [22, 44, 24, 14, 50];
  const costs = new Table({
    head: ['--provider', 'cost line', 'monthly quantity', '30-day month', 'note'],
    style: PLAIN,
    chars: CHARS,
    colWidths: costWidths,
    wordWrap: true,
  });
  // the id column as SafeTable narrows it, less its padding
  const costIdWidth =
    ((Number.isFinite(view().width) ? fitWidths(costWidths, view().width) : costWidths)[0] as number) - 2;
  const shownLines = (r: SimulationResult) =>
    r.cost.lines.filter((l) => l.monthlyUsd !== 0 || l.id === 'requests');
  // the 30-day month column in one format over every platform's lines and totals
  const month = usdColumn(
    ok(c.rows).flatMap((row) => [
      ...shownLines(row.result).map((l) => l.monthlyUsd),
      row.result.cost.monthlyUsd,
    ]),
  );
  for (const row of ok(c.rows)) {
    const lines = shownLines(row.result);
    lines.forEach((l, i) =>
      costs.push([
        i === 0 ? idLines(row.provider, costIdWidth) : '',
        l.label,
        qty(l.quantity, l.unit),
        month(l.monthlyUsd),
        l.note ?? '',
      ]),
    );
    costs.push([
      '',
      'Total',
      '',
      month(row.result.cost.monthlyUsd),
      `${row.result.cost.region}${row.result.config.freeTier ? ', free tier applied' : ''}`,
    ]);
  }
  out.push(`Cost lines, in each platform's own terms\n${costs.toString()}`);

  // a label column wide enough for every "(id)" whole, so that the report names each platform in full once
  const basisWidths = [Math.max(24, ...c.rows.map((row) => row.provider.length + 4)), 118];
  const basis = new Table({
    head: ['Platform', 'what the row rests on'],
    style: PLAIN,
    chars: CHARS,
    colWidths: basisWidths,
    wordWrap: true,
  });
  for (const row of c.rows) {
    const r = row.result;
    if (!r) continue;
    const cfg = r.config;
    const lines: string[] = [];
    lines.push(`memory: ${int(cfg.memoryMb)} MB${cfg.memoryNote ? ` (${cfg.memoryNote})` : ''}`);
    lines.push(
      `billed on: ${cfg.memoryBasis ?? 'configured memory × duration per invocation (rounded up to 1 ms), plus requests'}`,
    );
    for (const a of r.cost.assumptions) if (a.includes('had no')) lines.push(a);
    const limit =
      cfg.maxInstancesPerFunction !== undefined
        ? `at most ${int(cfg.maxInstancesPerFunction)} instances per function`
        : Number.isFinite(cfg.concurrencyLimit)
          ? `account limit ${int(cfg.concurrencyLimit)} concurrent executions`
          : 'no instance limit modelled';
    const over =
      cfg.queueTimeoutMs !== undefined
        ? `; over it requests wait up to ${formatDurationMs(cfg.queueTimeoutMs)}, then 429`
        : Number.isFinite(cfg.concurrencyLimit) || cfg.maxInstancesPerFunction !== undefined
          ? '; over it requests get 429 at once'
          : '';
    const per =
      cfg.perInstanceConcurrency >= NO_LIMIT
        ? 'no per-instance limit'
        : `${int(cfg.perInstanceConcurrency)} request${cfg.perInstanceConcurrency === 1 ? '' : 's'} at once per instance`;
    lines.push(`${per}; ${limit}${over}; scaling: ${cfg.scaling}`);
    lines.push(`cold start: ${cfg.init}`);
    lines.push(
      `keep-alive: ${cfg.keepAlive}; ${cfg.provisionedName ?? 'provisioned'}: ${cfg.provisioned > 0 ? `${cfg.provisioned} per function` : 'none'}`,
    );
    const unconfirmed = r.cost.unconfirmed;
    lines.push(
      unconfirmed.length === 0
        ? 'unconfirmed figures: none'
        : `unconfirmed figures (${unconfirmed.length}): ${unconfirmed.map((u) => u.path).join(', ')}`,
    );
    for (const a of row.adaptations) lines.push(`adapted: ${a}`);
    basis.push([`${row.label}\n(${row.provider})`, lines.map((l) => `- ${l}`).join('\n')]);
  }
  out.push(`Assumptions per platform\n${basis.toString()}`);

  const notes = ['Notes'];
  const first = ok(c.rows)[0];
  if (first)
    notes.push(
      `- monthly = span × ${num(first.result.cost.monthFactor, 3)} (30 days / span); free tiers and tiers apply to the month`,
    );
  notes.push(
    '- each platform is simulated with its own model (requests per instance, limits, keep-alive, cold-start distribution) and billed by its own rules',
  );
  notes.push(
    '- cold starts on Azure and Google Cloud come from measurements that end in January 2021; figures marked unconfirmed have no primary source (details: --provider <id> for one platform, or --format json)',
  );
  for (const row of c.rows) if (row.error) notes.push(`- ${row.label} not run: ${row.error}`);
  out.push(notes.join('\n'));
  return out.join('\n') + '\n';
}

export function renderComparisonJson(c: ComparisonResult): string {
  return (
    JSON.stringify(c, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n'
  );
}

function cell(v: string | number): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One metric per row: provider,section,metric,value,unit. */
export function renderComparisonCsv(c: ComparisonResult): string {
  const rows: (string | number)[][] = [['provider', 'section', 'metric', 'value', 'unit']];
  for (const row of c.rows) {
    const add = (section: string, metric: string, value: string | number, unit = ''): void => {
      rows.push([row.provider, section, metric, value, unit]);
    };
    const r = row.result;
    if (!r) {
      add('error', 'message', row.error ?? '');
      continue;
    }
    const o = r.outcomes;
    add('config', 'region', r.cost.region);
    add('config', 'memory', r.config.memoryMb, 'MB');
    add('config', 'per_instance_concurrency', r.config.perInstanceConcurrency);
    add('outcomes', 'requests', o.requests);
    add('outcomes', 'cold_start_rate', o.coldStartRate, 'fraction');
    add('outcomes', 'cold_starts', o.coldStarts);
    add('outcomes', 'throttled_sync', o.throttledSync);
    add('outcomes', 'async_dropped', o.asyncDropped);
    if (r.queueing) {
      add('outcomes', 'served_after_wait', r.queueing.servedAfterWait);
      add('outcomes', 'wait_p99', r.queueing.wait.p99Ms, 'ms');
    }
    add('latency', 'p50', o.latency.all.p50Ms, 'ms');
    add('latency', 'p99', o.latency.all.p99Ms, 'ms');
    for (const l of r.cost.lines) {
      add('cost', `${l.id}_quantity`, l.quantity, l.unit);
      add('cost', `${l.id}_monthly`, l.monthlyUsd, 'USD');
    }
    add('cost', 'total_monthly', r.cost.monthlyUsd, 'USD');
    add('cost', 'usd_per_million_requests', r.cost.usdPerMillionRequests, 'USD');
    add('assumptions', 'unconfirmed_figures', r.cost.unconfirmed.length);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

export const COMPARISON_RENDERERS = {
  table: renderComparisonTable,
  json: renderComparisonJson,
  csv: renderComparisonCsv,
  markdown: renderComparisonMarkdown,
} as const satisfies Record<string, (c: ComparisonResult) => string>;
