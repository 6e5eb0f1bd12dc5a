/**
 * Which functions a report lists when there are more than it should show: the costliest, by each
 * function's attributed share of the bill. Bills are account-wide (tiers and free grants apply to
 * the account's monthly total), so a function's cost is an attribution: each cost line's monthly USD
 * is shared in proportion to what drives it, requests for request charges, instance starts for
 * INIT, instance-alive GB-ms for lines billed on instances whether busy or not, and busy GB-ms (run
 * time and own INIT of every invocation, whole, as billed) for the rest (duration, CPU, and the
 * free-tier credit against them).
 */
import type { CostLine } from '../pricing/cost.js';
import type { FunctionUsage } from '../metrics/metrics.js';

/** Cost lines counted per request. */
const PER_REQUEST = new Set(['requests', 'ping-requests', 'provisioned-requests']);
/** Cost lines counted per instance start. */
const PER_START = new Set(['init', 'provisioned-init']);
/** Cost lines billed on instances alive, busy or idle. */
const PER_ALIVE = new Set(['provisioned-capacity', 'provisioned-cpu', 'subscription', 'memory', 'vcpu']);

/** Attributed monthly USD of every function (index = the platform's function index). */
export function attributedMonthlyUsd(
  lines: readonly CostLine[],
  count: number,
  usage: (fn: number) => FunctionUsage,
  memoryMb: (fn: number) => number,
): Float64Array {
  const requests = new Float64Array(count);
  const starts = new Float64Array(count);
  const aliveGbMs = new Float64Array(count);
  const busyGbMs = new Float64Array(count);
  let sumRequests = 0;
  let sumStarts = 0;
  let sumAlive = 0;
  let sumBusy = 0;
  for (let i = 0; i < count; i++) {
    const u = usage(i);
    const gb = memoryMb(i) / 1024;
    sumRequests += requests[i] = u.requests + u.pings;
    sumStarts += starts[i] = u.instanceStarts;
    sumAlive += aliveGbMs[i] = u.aliveMs * gb;
    sumBusy += busyGbMs[i] = u.busyMs * gb;
  }
  let perRequest = 0;
  let perStart = 0;
  let perAlive = 0;
  let perBusy = 0;
  for (const l of lines) {
    if (PER_REQUEST.has(l.id)) perRequest += l.monthlyUsd;
    else if (PER_START.has(l.id)) perStart += l.monthlyUsd;
    else if (PER_ALIVE.has(l.id)) perAlive += l.monthlyUsd;
    else perBusy += l.monthlyUsd;
  }
  const share = (usd: number, sum: number): number => (sum > 0 ? usd / sum : 0);
  const [r, s, a, b] = [
    share(perRequest, sumRequests),
    share(perStart, sumStarts),
    share(perAlive, sumAlive),
    share(perBusy, sumBusy),
  ];
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++)
    out[i] =
      (requests[i] as number) * r +
      (starts[i] as number) * s +
      (aliveGbMs[i] as number) * a +
      (busyGbMs[i] as number) * b;
  return out;
}

/**
 * Indices of the functions to list: all of them in trace order when `limit` covers them, else the
 * `limit` costliest, costliest first (ties in trace order).
 */
export function functionsToList(costUsd: Float64Array, limit: number): number[] {
  const n = costUsd.length;
  if (limit >= n) return Array.from({ length: n }, (_, i) => i);
  const before = (i: number, j: number): boolean =>
    (costUsd[i] as number) > (costUsd[j] as number) || (costUsd[i] === costUsd[j] && i < j);
  if (limit > 1000) {
    const all = Array.from({ length: n }, (_, i) => i);
    return all.sort((i, j) => (before(i, j) ? -1 : before(j, i) ? 1 : 0)).slice(0, limit);
  }
  // a short list: keep the best `limit` seen so far, sorted, in one pass over a million functions
  const top: number[] = [];
  for (let i = 0; i < n; i++) {
    if (top.length === limit && !before(i, top[limit - 1] as number)) continue;
    let k = top.length === limit ? limit - 1 : top.length;
    while (k > 0 && before(i, top[k - 1] as number)) {
      top[k] = top[k - 1] as number;
      k--;
    }
    top[k] = i;
  }
  return top;
}
