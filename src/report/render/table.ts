/** The human report: plain tables (cli-table3, no colour) in a fixed order. */
import Table from './safe-table.js';
import { baselineTable } from './baseline-table.js';
import type { QueueingSummary, SimulationResult } from '../../run/result.js';
import { formatDurationMs } from '../../util/units.js';
import { int, meanRate, ms, num, pct, qty, usd, usdColumn } from '../format.js';
import { view } from './view.js';
import { paint } from './paint.js';
import type { LatencySummary, OutcomeStats } from '../../metrics/metrics.js';

const PLAIN = { head: [], border: [] };
/** No rule between body rows: a report reads as lists, not a grid. */
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function kv(title: string, rows: [string, string][]): string {
  const t = new Table({ head: [title, ''], style: PLAIN, chars: CHARS, wordWrap: true, colWidths: [30, 70] });
  for (const r of rows) t.push(r);
  return t.toString();
}

export function renderTable(r: SimulationResult): string {
  const out: string[] = [];
  const tr = r.trace;
  const span = tr.firstIso
    ? `${formatDurationMs(tr.spanMs)} (${tr.firstIso} .. ${tr.lastIso})`
    : formatDurationMs(tr.spanMs);
  const traceRows: [string, string][] = [
    ['file', tr.file],
    ['requests', int(tr.requests)],
    ['functions', tr.functions.length > 8 ? int(tr.functions.length) : tr.functions.join(', ')],
    [
      'span',
      `${span}${tr.spanSource === 'configured' ? ' (--span)' : tr.spanSource === 'from --start' ? ' (from --start)' : ''}`,
    ],
    // a sparse trace in requests an hour: 12 over a day is 0.490 req/h, not "0.000 req/s"
    ['mean rate', meanRate(tr.meanRatePerS)],
    ['peak rate', `${int(tr.peakRatePerS)} req in one second`],
    [
      'timestamps',
      tr.timestamps + (tr.order === 'sorted-in-memory' ? '; rows sorted in memory (--sort)' : ''),
    ],
    ['durations', r.config.duration],
  ];
  if (tr.input) {
    const spilled =
      tr.order !== 'sorted-by-importer'
        ? ''
        : tr.input.runsSpilled
          ? `; sorted by arrival in ${tr.input.runsSpilled} runs spilled to a temp folder and merged`
          : '; sorted by arrival in memory';
    traceRows.push([
      'input',
      `${tr.input.format}, ${int(tr.input.ignoredLines)} other lines ignored${spilled}`,
    ]);
    tr.input.derived.slice(1).forEach((d, i) => traceRows.push([i === 0 ? 'derived' : '', d]));
  }
  if (tr.asyncRequests > 0) traceRows.push(['async requests', int(tr.asyncRequests)]);
  if (tr.traffic) traceRows.push(['traffic', tr.traffic.join('; ')]);
  if (tr.skippedRows > 0)
    traceRows.push([
      'skipped rows',
      `${int(tr.skippedRows)} (--skip-bad-rows): ${tr.skipReasons.join('; ')}${tr.skippedRows > tr.skipReasons.length ? '; …' : ''}`,
    ]);
  out.push(kv('Trace', traceRows));

  const c = r.config;
  const configRows: [string, string][] = [
    ['platform', `${c.providerLabel}, ${c.region}, ${c.arch}`],
    ['memory', `${int(c.memoryMb)} MB${c.memoryNote ? ` (${c.memoryNote})` : ''}`],
  ];
  if (c.memoryBasis !== undefined) configRows.push(['billed on', c.memoryBasis]);
  if (c.ephemeralStorage !== undefined) configRows.push(['ephemeral storage', c.ephemeralStorage]);
  if (c.prewarmed !== undefined)
    configRows.push([
      'pre-warmed instances',
      `${c.prewarmed} per function while it has work in flight${c.prewarmed > 0 ? ', billed' : ''}`,
    ]);
  configRows.push(
    ['runtime', `${c.runtime} (${c.packageType})`],
    ['cold start INIT', c.init],
    ['keep-alive', c.keepAlive],
    ['routing', c.routing],
    ['requests per instance', String(c.perInstanceConcurrency)],
    [
      'concurrency limit',
      Number.isFinite(c.concurrencyLimit) ? int(c.concurrencyLimit) : 'none account-wide',
    ],
  );
  if (c.maxInstancesPerFunction !== undefined)
    configRows.push(['max instances per function', int(c.maxInstancesPerFunction)]);
  if (c.queueTimeoutMs !== undefined)
    configRows.push([
      'over the limit',
      `requests wait up to ${formatDurationMs(c.queueTimeoutMs)} for capacity, then 429`,
    ]);
  configRows.push(
    ['scaling rate', c.scaling],
    [
      c.provisionedName ?? 'provisioned',
      c.provisionedControl !== 'fixed'
        ? c.provisionedControl
        : c.provisioned > 0
          ? `${c.provisioned} per function`
          : 'none',
    ],
    ['pings', c.pings],
    ['INIT billing', c.initBilling],
    ['free tier', c.freeTier ? 'applied' : 'not applied'],
    ['seed', String(c.seed)],
  );
  // one row per function, not one cell of them all: cli-table3 wraps a cell in time that grows
  // much faster than its length (a 500-function scenario took minutes), and rows wrap one by one
  c.functionSettings.forEach((line, i) => configRows.push([i === 0 ? 'per function' : '', line]));
  out.push(kv('Configuration', configRows));

  out.push(outcomesTable(r.outcomes, r.queueing));
  out.push(latencyTable(r));
  out.push(costTable(r));
  if (r.baseline) out.push(baselineTable(r.baseline));
  if (r.functions.length + (r.functionsOmitted ?? 0) > 1) out.push(functionsTable(r));
  out.push(notes(r));
  return out.join('\n') + '\n';
}

function outcomesTable(o: OutcomeStats, q?: QueueingSummary): string {
  const rows: [string, string][] = [
    ['served warm', int(o.servedWarm)],
    [
      'served cold',
      `${int(o.servedCold)}${o.servedDuringInit > 0 ? ` (${int(o.servedDuringInit)} waited for an instance that was still starting)` : ''}`,
    ],
    ['cold-start rate', pct(o.coldStartRate)],
    ['throttled (sync, 429)', int(o.throttledSync)],
  ];
  if (q !== undefined) {
    rows.push([
      'waited for capacity',
      `${int(q.servedAfterWait)} served after a wait (p99 ${ms(q.wait.p99Ms)}, max ${ms(q.wait.maxMs)}), ${int(q.rejectedAfterWait)} rejected after ${formatDurationMs(q.timeoutMs)}`,
    ]);
  }
  if (o.asyncRetries > 0 || o.asyncDropped > 0 || o.asyncQueueDelay.count > 0) {
    rows.push([
      'async retried / dropped',
      `${int(o.asyncRetries)} retries, ${int(o.asyncServedAfterRetry)} served late, ${int(o.asyncDropped)} dropped`,
    ]);
    rows.push([
      'async queue delay',
      `p50 ${ms(o.asyncQueueDelay.p50Ms)}, p99 ${ms(o.asyncQueueDelay.p99Ms)}, max ${ms(o.asyncQueueDelay.maxMs)}`,
    ]);
  }
  rows.push(['cold starts (new instances)', int(o.coldStarts)]);
  if (o.provisionedInstances > 0) {
    rows.push([
      'provisioned instances',
      `${int(o.provisionedInstances)}, utilisation ${pct(o.provisionedUtilization)}, idle ${num(o.idleProvisionedGbS, 1)} GB-s`,
    ]);
  }
  if (o.pings > 0 || o.pingThrottled > 0) {
    rows.push([
      'pings',
      `${int(o.pings)} (${int(o.pingColdStarts)} cold, ${int(o.pingThrottled)} throttled)`,
    ]);
    rows.push(['user cold starts caused by pings', int(o.pingCausedColdStarts)]);
  }
  rows.push(
    ['concurrency peak / mean', `${int(o.peakConcurrency)} / ${num(o.meanConcurrency, 3)}`],
    ['instances peak / mean alive', `${int(o.peakInstances)} / ${num(o.meanInstancesAlive, 3)}`],
    ['idle instance time', `${num(o.idleInstanceGbS, 1)} GB-s (alive, nothing in flight)`],
  );
  const t = new Table({
    head: [`Outcomes: ${int(o.requests)} requests`, ''],
    style: PLAIN,
    chars: CHARS,
    colWidths: [34, 66],
    wordWrap: true,
  });
  for (const r of rows) t.push(r);
  return t.toString();
}

function latencyTable(r: SimulationResult): string {
  const t = new Table({
    head: ['Latency', 'requests', 'p50', 'p90', 'p99', 'max', 'mean'],
    style: PLAIN,
    chars: CHARS,
  });
  const row = (name: string, l: LatencySummary): string[] => [
    name,
    int(l.count),
    ms(l.p50Ms),
    ms(l.p90Ms),
    ms(l.p99Ms),
    ms(l.maxMs),
    ms(l.meanMs),
  ];
  // with SnapStart a cold start restores a snapshot instead of running INIT
  const restores = r.cost.lines.some((l) => l.id === 'snapstart-restore');
  t.push(
    row('warm', r.outcomes.latency.warm),
    row(restores ? 'cold (restore + run)' : 'cold (INIT + run)', r.outcomes.latency.cold),
    row('all', r.outcomes.latency.all),
  );
  return t.toString();
}

function costTable(r: SimulationResult): string {
  const c = r.cost;
  const spanLabel = `this span (${formatDurationMs(r.trace.spanMs)})`;
  // within 100 columns the notes go to a numbered list below the table; --wide keeps their column
  const wide = !Number.isFinite(view().width);
  const head = ['Cost', 'monthly quantity', '30-day month', spanLabel];
  const t = new Table({
    head: wide ? [...head, 'note'] : head,
    style: PLAIN,
    chars: CHARS,
    colWidths: wide ? [44, 22, 14, 22, 50] : [38, 22, 14, 22],
    wordWrap: true,
  });
  const always = new Set(['requests', 'duration']);
  const notes: string[] = [];
  const noted = (label: string, note: string): string => {
    if (wide || note === '') return label;
    notes.push(note);
    return `${label} [${notes.length}]`;
  };
  const shown = c.lines.filter((l) => always.has(l.id) || l.quantity !== 0 || l.monthlyUsd !== 0);
  // each money column in one format, the total included
  const month = usdColumn([...shown.map((l) => l.monthlyUsd), c.monthlyUsd]);
  const span = usdColumn([...shown.map((l) => l.spanUsd), c.spanUsd]);
  for (const l of shown) {
    const row = [noted(l.label, l.note ?? ''), qty(l.quantity, l.unit), month(l.monthlyUsd), span(l.spanUsd)];
    t.push(wide ? [...row, l.note ?? ''] : row);
  }
  const perMillion = `${usd(c.usdPerMillionRequests)} per million requests`;
  t.push(
    wide
      ? ['Total', '', month(c.monthlyUsd), span(c.spanUsd), perMillion]
      : [noted('Total', perMillion), '', month(c.monthlyUsd), span(c.spanUsd)],
  );
  return t.toString() + notes.map((n, i) => `\n[${i + 1}] ${n}`).join('');
}

function functionsTable(r: SimulationResult): string {
  // the costliest listed (simulate --functions): with the attributed cost they are ranked by
  const ranked = r.functionsOmitted !== undefined;
  const t = new Table({
    head: [
      'Function',
      'memory',
      'requests',
      'cold',
      'cold rate',
      'throttled',
      'p99',
      'peak conc.',
      ...(ranked ? ['attributed $/month'] : []),
    ],
    style: PLAIN,
    chars: CHARS,
  });
  const attributed = usdColumn(r.functions.map((f) => f.attributedMonthlyUsd ?? 0));
  // the result holds the functions to list: all in trace order, or the costliest (simulate --functions)
  for (const f of r.functions) {
    const o = f.outcomes;
    t.push([
      f.name,
      `${int(f.memoryMb)} MB`,
      int(o.requests),
      int(o.servedCold),
      pct(o.coldStartRate),
      int(o.throttledSync + o.asyncDropped),
      ms(o.latency.all.p99Ms),
      int(o.peakConcurrency),
      ...(ranked ? [attributed(f.attributedMonthlyUsd ?? 0)] : []),
    ]);
  }
  const more = r.functionsOmitted ?? 0;
  if (more === 0) return t.toString();
  const total = r.functions.length + more;
  return `${t.toString()}\n(the ${int(r.functions.length)} costliest of ${int(total)} functions by attributed cost; ${int(more)} more not listed: --functions all lists every one, --functions N the N costliest)`;
}

function notes(r: SimulationResult): string {
  const lines = ['Notes'];
  lines.push(
    `- monthly = span × ${num(r.cost.monthFactor, 3)} (30 days / span); tiers and free tier apply to the month; the span column is the month's share`,
  );
  lines.push(
    r.latencyAccuracy.exact
      ? '- latency percentiles are exact'
      : `- latency percentiles from a log histogram, within ${pct(r.latencyAccuracy.relativeError, 1)} of the exact value`,
  );
  lines.push('- cold latency is INIT + run time; network and platform overheads are not modelled');
  for (const a of r.assumptions) lines.push(`- ${a}`);
  if (r.cost.unconfirmed.length > 0) {
    lines.push(paint('Unconfirmed figures (no primary source):', 'yellow'));
    for (const u of r.cost.unconfirmed)
      lines.push(
        `- ${u.path} = ${u.figure.value} ${u.figure.unit}${u.figure.note ? `: ${u.figure.note}` : ''} (${u.figure.source})`,
      );
  }
  return lines.join('\n');
}
