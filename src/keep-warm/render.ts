/** Reports of `faasim compare`: a side-by-side table, the break-even, the optimiser's answers and a chart. */
import Table from '../report/render/safe-table.js';
import { int, ms, num, pct, usd, usdColumn } from '../report/format.js';
import { renderScatter } from '../report/scatter.js';
import type { ProvisionedCeiling } from '../simulate.js';
import { formatDurationMs } from '../util/units.js';
import { columnGroups } from '../report/render/fit.js';
import { view } from '../report/render/view.js';
import type { KeepWarmComparison, KeepWarmInterval, KeepWarmReplicates, StrategyOutcome } from './compare.js';
import type { StrategyFamily } from './strategy.js';
import { compareCsvSections } from './csv-sections.js';
import { findProvider } from '../providers/registry.js';

const PLAIN = { head: [], border: [] };
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** The cost lines some strategy has (non-zero), as [id, label] in the order shown. */
function costRows(c: KeepWarmComparison): [string, string][] {
  const shown = new Map<string, string>();
  for (const x of c.strategies)
    for (const l of x.costLines) if (l.monthlyUsd !== 0 && !shown.has(l.id)) shown.set(l.id, l.label);
  // the provider may name its lines' order and short labels (Provider.keepWarmLines)
  const order = findProvider(c.config.provider)?.keepWarmLines;
  if (!order) return [...shown];
  const named: [string, string][] = order.filter(([id]) => shown.has(id)).map(([id, label]) => [id, label]);
  return [...named, ...[...shown].filter(([id]) => !order.some(([k]) => k === id))];
}

export function renderCompareTable(c: KeepWarmComparison): string {
  const out: string[] = [];
  const s = c.strategies;
  const who = c.function ? ` (${c.function})` : '';
  out.push(
    `Trace: ${c.trace.file}, ${int(c.trace.requests)} requests over ${formatDurationMs(c.trace.spanMs)}; ${c.config.providerLabel} ${c.config.region} ${c.config.arch}, ${int(c.config.memoryMb)} MB, keep-alive ${c.config.keepAlive}, seed ${c.config.seed}`,
  );
  const rows: [string, string[]][] = [];
  const row = (label: string, f: (x: StrategyOutcome) => string): void => {
    rows.push([label, s.map(f)]);
  };
  // the strategies are the columns: every money cell of the table in one format, so that a
  // strategy's lines and its total read alike and compare across strategies
  const money = usdColumn(
    s.flatMap((x) => [x.monthlyUsd, x.usdPerMillionRequests, ...x.costLines.map((l) => l.monthlyUsd)]),
  );
  row('monthly cost (30 days)', (x) => `${money(x.monthlyUsd)}${x.name === c.cheapest ? ' ◆' : ''}`);
  for (const [id, label] of costRows(c))
    row(`  ${label}`, (x) => money(x.costLines.find((l) => l.id === id)?.monthlyUsd ?? 0));
  row('USD per million requests', (x) => money(x.usdPerMillionRequests));
  row(
    'cold-start rate (user requests)',
    (x) => `${pct(x.coldStartRate)}${x.name === c.fewestColdStarts ? ' ●' : ''}`,
  );
  row('cold starts', (x) => int(x.coldStarts));
  row('  caused by pings', (x) => int(x.coldStartsCausedByPings));
  row('pings (of which cold)', (x) => (x.pings > 0 ? `${int(x.pings)} (${int(x.pingColdStarts)})` : '–'));
  row('p99 latency', (x) => ms(x.p99Ms));
  row('p99 of cold requests', (x) => ms(x.p99ColdMs));
  row('throttled', (x) => int(x.throttles));
  // what the platform calls them: provisioned concurrency, always-ready or minimum instances
  const pname = c.config.provisionedName ?? 'provisioned concurrency';
  row(`${pname}: utilisation`, (x) =>
    Number.isFinite(x.provisionedUtilization) ? pct(x.provisionedUtilization, 1) : '–',
  );
  row('spillover requests (cold)', (x) =>
    x.family.startsWith('provisioned') ? `${int(x.spilloverRequests)} (${int(x.spilloverColdStarts)})` : '–',
  );
  // wider than the view: the strategies in groups side by side, each table with the labels again
  const title = `Keep-warm strategies${who}`;
  const cols = (cells: string[]): number => Math.max(...cells.map((x) => [...x].length)) + 2;
  const groups = columnGroups(
    cols([title, ...rows.map(([label]) => label)]),
    s.map((x, i) => cols([x.name, ...rows.map(([, cells]) => cells[i] as string)])),
    view().width,
  );
  const tables = groups.map((g) => {
    const t = new Table({
      head: [title, ...g.map((i) => (s[i] as StrategyOutcome).name)],
      style: PLAIN,
      chars: CHARS,
    });
    for (const [label, cells] of rows) t.push([label, ...g.map((i) => cells[i] as string)]);
    return t.toString();
  });
  out.push(tables.join('\n'));
  out.push(`◆ cheapest: ${c.cheapest}   ● fewest cold starts: ${c.fewestColdStarts}`);
  for (const x of s) out.push(`  ${x.name}: ${x.description}`);

  if (c.breakEven) {
    const b = c.breakEven;
    const bt = new Table({
      head: [
        `${pname[0]?.toUpperCase()}${pname.slice(1)}`,
        'monthly cost',
        'vs none',
        'utilisation',
        'cold-start rate',
      ],
      style: PLAIN,
      chars: CHARS,
    });
    const cost = usdColumn([b.onDemandMonthlyUsd, ...b.levels.map((l) => l.monthlyUsd)]);
    const change = usdColumn(b.levels.map((l) => l.monthlyUsd - b.onDemandMonthlyUsd));
    bt.push(['none', cost(b.onDemandMonthlyUsd), '', '', '']);
    for (const l of b.levels) {
      const d = l.monthlyUsd - b.onDemandMonthlyUsd;
      bt.push([
        String(l.level),
        cost(l.monthlyUsd),
        `${d >= 0 ? '+' : ''}${change(d)}`,
        pct(l.utilization, 1),
        pct(l.coldStartRate),
      ]);
    }
    out.push('');
    out.push(`Break-even of ${pname} for this trace`);
    out.push(bt.toString());
    out.push(`- ${b.explanation}`);
    const shared = b.levels.length + 1 - b.simulations;
    out.push(
      `- the table ran ${int(b.simulations)} more simulation${b.simulations === 1 ? '' : 's'} of the whole trace${shared > 0 ? ` (${int(shared)} of its ${int(b.levels.length + 1)} rows share a strategy's run above)` : ''}`,
    );
    if (b.cap && b.levels.length > 0) out.push(`- ${capText(b.cap)}`);
    if (b.textbookUtilization !== null) {
      out.push(
        `- textbook: one provisioned instance pays for itself above ${pct(b.textbookUtilization, 1)} utilisation (capacity price / (on-demand − provisioned duration price))`,
      );
    }
  }

  if (c.optimisation) {
    const o = c.optimisation;
    const ot = new Table({
      head: [
        `Cheapest setting with ${o.target.text}`,
        'setting',
        'monthly cost',
        o.target.metric,
        'simulations',
        'searched',
      ],
      style: PLAIN,
      chars: CHARS,
    });
    const fmtValue = (v: number): string => (o.target.metric === 'p99' ? ms(v) : pct(v));
    const money = usdColumn(o.answers.flatMap((a) => (a.monthlyUsd === null ? [] : [a.monthlyUsd])));
    for (const a of o.answers) {
      ot.push([
        a.family,
        a.setting ??
          (a.simulations === 0
            ? 'not possible'
            : `cannot meet it (best ${fmtValue(a.bestValue)} with ${a.bestSetting})`),
        a.monthlyUsd !== null ? money(a.monthlyUsd) : '–',
        a.value !== null ? fmtValue(a.value) : '–',
        int(a.simulations),
        a.note,
      ]);
    }
    out.push('');
    out.push(ot.toString());
    if (o.cap && o.cap.level > 0) out.push(`- ${capText(o.cap)}`);
    out.push(
      o.best
        ? `- cheapest overall: ${o.best} (search: ${o.search})`
        : `- no family meets ${o.target.text} (search: ${o.search})`,
    );
  }

  out.push('');
  out.push(
    renderScatter(
      c.tried.map((x) => ({ x: x.monthlyUsd, y: x.coldStartRate, mark: MARKS[x.family] })),
      {
        xLabel: `monthly cost →   (o none, p pings, P provisioned, A auto-scaled, S scheduled, ${c.tried.some((x) => x.family === 'snapstart') ? 'N SnapStart, ' : ''}# overlap)`,
        yLabel: 'cold-start rate',
        formatX: usd,
        formatY: (y) => pct(y),
      },
    ),
  );
  if (c.replicates) {
    out.push('');
    out.push(replicatesTable(c.replicates));
  }
  out.push('');
  out.push('Notes');
  for (const a of c.assumptions) out.push(`- ${a}`);
  return out.join('\n') + '\n';
}

/** --replicates: each strategy's headline figures as mean ± the 95 % interval's half-width */
function replicatesTable(r: KeepWarmReplicates): string {
  const pm = (i: KeepWarmInterval, fmt: (x: number) => string): string =>
    `${fmt(i.mean)} ± ${fmt((i.high - i.low) / 2)}`;
  const t = new Table({
    head: [`Replicates (${r.n} seeds per strategy)`, 'cold-start rate', 'throttled', 'p99', 'monthly'],
    style: PLAIN,
    chars: CHARS,
  });
  const money = usdColumn(
    r.strategies.flatMap((x) => [x.monthlyUsd.mean, (x.monthlyUsd.high - x.monthlyUsd.low) / 2]),
  );
  for (const x of r.strategies)
    t.push([
      x.name,
      pm(x.coldStartRate, (v) => pct(v)),
      pm(x.throttled, (v) => num(v, 1)),
      pm(x.p99Ms, ms),
      pm(x.monthlyUsd, money),
    ]);
  return `${t.toString()}\n- mean ± half-width of the interval: ${r.method}; the table above is the first seed's`;
}

/** "levels above 5 are not possible: the account's concurrency limit of 5" */
function capText(cap: ProvisionedCeiling): string {
  return `levels above ${cap.level} are not possible: ${cap.reason}`;
}

const MARKS: Record<StrategyFamily, string> = {
  none: 'o',
  pings: 'p',
  provisioned: 'P',
  'provisioned-auto': 'A',
  'provisioned-schedule': 'S',
  snapstart: 'N',
};

export function renderCompareJson(c: KeepWarmComparison): string {
  return (
    JSON.stringify(c, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n'
  );
}

export function renderCompareCsv(c: KeepWarmComparison): string {
  const rows: string[] = [
    'strategy,family,monthly_usd,usd_per_million_requests,cold_start_rate,cold_starts,caused_by_pings,pings,p99_ms,throttles,provisioned_utilization,spillover_requests',
  ];
  const cell = (v: number | string): string =>
    typeof v === 'number'
      ? Number.isFinite(v)
        ? String(v)
        : ''
      : /[",\n]/.test(v)
        ? `"${v.replace(/"/g, '""')}"`
        : v;
  // --replicates: each figure's mean, low and high after the existing columns
  if (c.replicates)
    rows[0] +=
      ',' +
      ['cold_start_rate', 'throttles', 'p99_ms', 'monthly_usd']
        .flatMap((f) => [`${f}_mean`, `${f}_low`, `${f}_high`])
        .join(',');
  c.strategies.forEach((x, i) => {
    const r = c.replicates?.strategies[i];
    const reps = r
      ? [r.coldStartRate, r.throttled, r.p99Ms, r.monthlyUsd].flatMap((v) => [v.mean, v.low, v.high])
      : [];
    rows.push(
      [
        x.name,
        x.family,
        x.monthlyUsd,
        x.usdPerMillionRequests,
        x.coldStartRate,
        x.coldStarts,
        x.coldStartsCausedByPings,
        x.pings,
        x.p99Ms,
        x.throttles,
        x.provisionedUtilization,
        x.spilloverRequests,
        ...reps,
      ]
        .map(cell)
        .join(','),
    );
  });
  return `${rows.join('\n')}\n\n${compareCsvSections(c)}`;
}
