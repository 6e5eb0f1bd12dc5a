/** The CSV report: one metric per row, `section,scope,metric,value,unit`, for pipelines. */
import type { SimulationResult } from '../../run/result.js';
import type { LatencySummary, OutcomeStats } from '../../metrics/metrics.js';

/** one CSV cell; exported for the rows --replicates and --sensitivity add (src/certainty/) */
export function cell(v: string | number): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(r: SimulationResult): string {
  const rows: (string | number)[][] = [['section', 'scope', 'metric', 'value', 'unit']];
  const add = (section: string, scope: string, metric: string, value: string | number, unit = ''): void => {
    rows.push([section, scope, metric, value, unit]);
  };
  add('trace', 'all', 'requests', r.trace.requests);
  add('trace', 'all', 'span', r.trace.spanMs, 'ms');
  add('trace', 'all', 'functions', r.trace.functions.length);
  add('trace', 'all', 'peak_rate', r.trace.peakRatePerS, 'req/s');
  add('config', 'all', 'provider', r.config.provider);
  add('config', 'all', 'region', r.config.region);
  add('config', 'all', 'arch', r.config.arch);
  add('config', 'all', 'memory', r.config.memoryMb, 'MB');
  add('config', 'all', 'seed', r.config.seed);
  const outcomes = (scope: string, o: OutcomeStats): void => {
    add('outcomes', scope, 'requests', o.requests);
    add('outcomes', scope, 'served_warm', o.servedWarm);
    add('outcomes', scope, 'served_cold', o.servedCold);
    add('outcomes', scope, 'cold_start_rate', o.coldStartRate, 'fraction');
    add('outcomes', scope, 'throttled_sync', o.throttledSync);
    add('outcomes', scope, 'async_retries', o.asyncRetries);
    add('outcomes', scope, 'async_dropped', o.asyncDropped);
    add('outcomes', scope, 'cold_starts', o.coldStarts);
    add('outcomes', scope, 'pings', o.pings);
    add('outcomes', scope, 'ping_cold_starts', o.pingColdStarts);
    add('outcomes', scope, 'ping_caused_cold_starts', o.pingCausedColdStarts);
    add('outcomes', scope, 'peak_concurrency', o.peakConcurrency);
    add('outcomes', scope, 'mean_concurrency', o.meanConcurrency);
    add('outcomes', scope, 'peak_instances', o.peakInstances);
    add('outcomes', scope, 'mean_instances_alive', o.meanInstancesAlive);
    add('outcomes', scope, 'idle_instance', o.idleInstanceGbS, 'GB-s');
    const lat = (kind: string, l: LatencySummary): void => {
      for (const [k, v] of [
        ['p50', l.p50Ms],
        ['p90', l.p90Ms],
        ['p95', l.p95Ms],
        ['p99', l.p99Ms],
        ['max', l.maxMs],
        ['mean', l.meanMs],
      ] as const) {
        add('latency', scope, `${kind}_${k}`, v, 'ms');
      }
    };
    lat('all', o.latency.all);
    lat('warm', o.latency.warm);
    lat('cold', o.latency.cold);
  };
  outcomes('all', r.outcomes);
  if (r.functions.length + (r.functionsOmitted ?? 0) > 1)
    for (const f of r.functions) outcomes(f.name, f.outcomes);
  // the functions simulate --functions N left out (the row is there only when some were)
  if (r.functionsOmitted !== undefined) add('functions', 'all', 'omitted', r.functionsOmitted);
  // and the attributed cost the listed ones are ranked by
  for (const f of r.functions)
    if (f.attributedMonthlyUsd !== undefined)
      add('cost', f.name, 'attributed_monthly', f.attributedMonthlyUsd, 'USD');
  for (const l of r.cost.lines) {
    add('cost', 'all', `${l.id}_quantity`, l.quantity, l.unit);
    add('cost', 'all', `${l.id}_monthly`, l.monthlyUsd, 'USD');
  }
  add('cost', 'all', 'total_monthly', r.cost.monthlyUsd, 'USD');
  add('cost', 'all', 'total_span', r.cost.spanUsd, 'USD');
  add('cost', 'all', 'usd_per_million_requests', r.cost.usdPerMillionRequests, 'USD');
  // --baseline: four rows per headline figure, scope = the metric (a cold-start rate's delta is a fraction)
  for (const m of r.baseline?.metrics ?? []) {
    add('baseline', m.metric, 'baseline', m.baseline, m.unit);
    add('baseline', m.metric, 'current', m.current, m.unit);
    add('baseline', m.metric, 'delta', m.delta, m.unit);
    add('baseline', m.metric, 'relative', m.relative, 'fraction');
  }
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
