/**
 * The cheapest setting of each keep-warm family that meets a target (`cold-start-rate<=0.5%` or
 * `p99<=400ms`). Where the outcome moves one way with a parameter (more provisioned instances or a
 * lower auto-scaling target mean fewer cold starts), the search bisects instead of trying every grid
 * point; `exhaustive` tries them all, which also checks that assumption on the trace at hand. Pings
 * are not monotone (a ping can take the instance a request needed, and a shorter interval can
 * line pings up with traffic), so every ping setting on the grid is tried.
 */
import { inputError } from '../errors.js';
import type { SimulationResult } from '../simulate.js';
import { parseDurationMs, parseFraction } from '../util/units.js';
import type { StrategyRunner } from './compare.js';
import { parseStrategy, type Strategy, type StrategyFamily } from './strategy.js';

export interface Target {
  metric: 'cold-start-rate' | 'p99';
  /** a fraction for cold-start-rate, ms for p99 */
  max: number;
  text: string;
}

export function parseTarget(text: string): Target {
  const m = /^\s*(cold-start-rate|p99)\s*<=\s*(.+?)\s*$/.exec(text);
  if (m) {
    const metric = m[1] as Target['metric'];
    const value = metric === 'p99' ? parseDurationMs(m[2] as string) : parseFraction(m[2] as string);
    if (value !== undefined && value >= 0) return { metric, max: value, text: text.trim() };
  }
  throw inputError('BAD_TARGET', `--target "${text}" is not cold-start-rate<=RATE (e.g. 0.5%) or p99<=DURATION (e.g. 400ms)`);
}

export interface FamilyAnswer {
  family: StrategyFamily;
  /** the cheapest setting found that meets the target, or null */
  setting: string | null;
  monthlyUsd: number | null;
  value: number | null;
  /** when no setting meets the target: the best value reached, and where */
  bestValue: number;
  bestSetting: string;
  /** settings evaluated (simulations shared with the comparison or the break-even are counted too) */
  simulations: number;
  note: string;
}

export interface Optimisation {
  target: Target;
  search: 'bisect' | 'exhaustive';
  answers: FamilyAnswer[];
  /** the cheapest answer over all families, or null if none meets the target */
  best: string | null;
}

/** Ping intervals tried, longest (cheapest) first. */
export const PING_INTERVALS_MIN = [15, 10, 7, 6, 5, 4, 3, 2, 1];
/** Auto-scaling targets tried, highest (cheapest) first. */
export const AUTO_TARGETS = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];

export function optimise(runner: StrategyRunner, target: Target, exhaustive: boolean): Optimisation {
  const value = (r: SimulationResult): number => {
    const o = runner.outcomes(r);
    return target.metric === 'p99' ? o.latency.all.p99Ms : o.coldStartRate;
  };
  const meets = (r: SimulationResult): boolean => value(r) <= target.max;
  const none = runner.run(parseStrategy('none'));
  const peak = Math.max(1, runner.outcomes(none).peakConcurrency);
  const answers: FamilyAnswer[] = [];

  // none: a single point
  {
    const v = value(none);
    answers.push({ family: 'none', setting: meets(none) ? 'none' : null, monthlyUsd: meets(none) ? none.cost.monthlyUsd : null, value: meets(none) ? v : null, bestValue: v, bestSetting: 'none', simulations: 1, note: '' });
  }

  // Each family: an ordered ladder from cheapest to most protective; the first rung that meets
  // the target is found by bisection (or by trying all), then cheaper rungs beyond it are checked.
  const searchLadder = (family: StrategyFamily, ladder: Strategy[], note: string, monotone = true): FamilyAnswer => {
    const results = new Map<number, SimulationResult>();
    const at = (i: number): SimulationResult => {
      let r = results.get(i);
      if (!r) {
        r = runner.run(ladder[i] as Strategy);
        results.set(i, r);
      }
      return r;
    };
    let first = -1;
    if (exhaustive || !monotone) {
      for (let i = 0; i < ladder.length; i++) if (meets(at(i)) && first < 0) first = i;
    } else if (meets(at(ladder.length - 1))) {
      let lo = 0;
      let hi = ladder.length - 1; // invariant: hi meets
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (meets(at(mid))) hi = mid;
        else lo = mid + 1;
      }
      first = hi;
    }
    if (first >= 0 && !exhaustive && monotone) {
      // further rungs protect more but are not always dearer (provisioned can undercut on-demand)
      for (let i = first + 1; i < ladder.length && at(i).cost.monthlyUsd < at(i - 1).cost.monthlyUsd; i++);
    }
    // the cheapest setting that meets the target; equal costs go to the earlier (cheaper by design) rung
    let bestI = -1;
    for (let i = 0; i < ladder.length; i++) {
      const r = results.get(i);
      if (r && meets(r) && (bestI < 0 || r.cost.monthlyUsd < (results.get(bestI) as SimulationResult).cost.monthlyUsd * (1 - 1e-12))) bestI = i;
    }
    let bestValueI = -1;
    for (let i = 0; i < ladder.length; i++) {
      const r = results.get(i);
      if (r && (bestValueI < 0 || value(r) < value(results.get(bestValueI) as SimulationResult))) bestValueI = i;
    }
    const chosen = bestI >= 0 ? (results.get(bestI) as SimulationResult) : null;
    return {
      family,
      setting: bestI >= 0 ? (ladder[bestI] as Strategy).name : null,
      monthlyUsd: chosen ? chosen.cost.monthlyUsd : null,
      value: chosen ? value(chosen) : null,
      bestValue: value(at(bestValueI)),
      bestSetting: (ladder[bestValueI] as Strategy).name,
      simulations: results.size,
      note,
    };
  };

  const maxLevel = Math.max(1, Math.ceil(peak * 1.5));
  const levels = Array.from({ length: maxLevel }, (_, i) => parseStrategy(`provisioned:${i + 1}`, `provisioned:${i + 1}`));
  answers.push(searchLadder('provisioned', levels, `levels 1..${maxLevel}`));

  const autos = AUTO_TARGETS.map((t) => parseStrategy(`provisioned:auto:${t}:1:${maxLevel}`, `provisioned:auto:${t}:1:${maxLevel}`));
  answers.push(searchLadder('provisioned-auto', autos, `targets ${AUTO_TARGETS.join(', ')}, 1..${maxLevel} instances`));

  // pings: for each concurrency, the longest interval that meets the target
  const maxPings = Math.min(peak, 10);
  let bestPings: FamilyAnswer | null = null;
  let pingSims = 0;
  let closest: FamilyAnswer | null = null;
  for (let k = 1; k <= maxPings; k++) {
    const ladder = PING_INTERVALS_MIN.map((m) => parseStrategy(`pings:${m}m:${k}`, `pings:${m}m:${k}`));
    const a = searchLadder('pings', ladder, '', false);
    pingSims += a.simulations;
    if (a.setting !== null && (bestPings === null || (a.monthlyUsd as number) < (bestPings.monthlyUsd as number))) bestPings = a;
    if (closest === null || a.bestValue < closest.bestValue) closest = a;
  }
  const pingNote = `every interval ${PING_INTERVALS_MIN.join(', ')} min × 1..${maxPings} concurrent (not monotone)`;
  answers.push({ ...(bestPings ?? (closest as FamilyAnswer)), simulations: pingSims, note: pingNote });

  const meeting = answers.filter((a) => a.setting !== null);
  const best = meeting.length > 0 ? (meeting.reduce((a, b) => ((b.monthlyUsd as number) < (a.monthlyUsd as number) ? b : a)).setting as string) : null;
  return { target, search: exhaustive ? 'exhaustive' : 'bisect', answers, best };
}
