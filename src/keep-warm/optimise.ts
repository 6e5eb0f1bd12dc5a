/**
 * The cheapest setting of each keep-warm family that meets a target (`cold-start-rate<=0.5%` or
 * `p99<=400ms`). Each family is a grid: rows (the auto-scaling floor MIN, the number of concurrent
 * pings) of rungs ordered from cheapest to most protective (provisioned level, auto-scaling target,
 * ping interval). Where the outcome moves one way with a parameter (more provisioned instances, a
 * higher floor or a lower auto-scaling target mean fewer cold starts), the search bisects instead of
 * trying every grid point; `exhaustive` tries them all, which also checks that assumption on the
 * trace at hand. Pings are not monotone (a ping can take the instance a request needed, and a
 * shorter interval can line pings up with traffic), so every ping setting on the grid is tried.
 */
import { InputError, inputError } from '../errors.js';
import { findProvider } from '../providers/registry.js';
import type { ProvisionedCeiling, SimulationResult } from '../simulate.js';
import { parseDurationMs, parseFraction } from '../util/units.js';
import type { StrategyRunner } from './runner.js';
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
  throw inputError(
    'BAD_TARGET',
    `--target "${text}" is not cold-start-rate<=RATE (e.g. 0.5%) or p99<=DURATION (e.g. 400ms)`,
  );
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
  /** the configuration's ceiling on provisioned levels, when it kept the search below the levels it would try */
  cap: ProvisionedCeiling | null;
}

/** Ping intervals tried, longest (cheapest) first. */
const PING_INTERVALS_MIN = [15, 10, 7, 6, 5, 4, 3, 2, 1];
/** Auto-scaling targets tried, highest (cheapest) first. */
export const AUTO_TARGETS = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];

/** A family's grid of settings: `rows` × `rungs`, each point named by `setting`. */
type FamilyOf = (
  name: StrategyFamily,
  rows: number,
  rungs: string[],
  setting: (row: number, rung: string) => string,
) => FamilyGrid;

export function optimise(runner: StrategyRunner, target: Target, exhaustive: boolean): Optimisation {
  const value = (r: SimulationResult): number => {
    const o = runner.outcomes(r);
    return target.metric === 'p99' ? o.latency.all.p99Ms : o.coldStartRate;
  };
  const meets = (r: SimulationResult): boolean => value(r) <= target.max;
  const none = runner.run(parseStrategy('none'));
  const peak = Math.max(1, runner.outcomes(none).peakConcurrency);
  const family: FamilyOf = (name, rows, rungs, setting) =>
    new FamilyGrid(
      runner,
      name,
      rows,
      rungs.length,
      (row, rung) => {
        const s = setting(row, rungs[rung] as string);
        return parseStrategy(s, s);
      },
      meets,
      value,
    );
  const answers: FamilyAnswer[] = [];

  // none: a single point
  const noneGrid = family('none', 1, ['none'], () => 'none');
  noneGrid.at(0, 0);
  answers.push(noneGrid.answer(''));

  // provisioned: levels 1..maxLevel, up to half as much again as the peak without provisioning,
  // and no higher than the configuration allows (the functions' caps, the account's limit)
  // and from the platform's floor (Managed Instances keep 3): a level below it would run the floor
  const ceiling = runner.provisionedCeiling;
  const floor = Math.max(1, runner.provisionedFloor);
  const wanted = Math.max(floor, Math.ceil(peak * 1.5));
  const cap = ceiling !== null && ceiling.level < wanted ? ceiling : null;
  const maxLevel = cap ? cap.level : wanted;
  if (maxLevel < floor) {
    const why = `no level is possible: ${(cap as ProvisionedCeiling).reason}`;
    answers.push(notPossible('provisioned', why), notPossible('provisioned-auto', why));
  } else answers.push(...searchProvisioned(family, floor, maxLevel, exhaustive));

  // pings: every interval for each concurrency
  const maxPings = Math.min(peak, 10);
  const pings = family(
    'pings',
    maxPings,
    PING_INTERVALS_MIN.map(String),
    (row, m) => `pings:${m}m:${row + 1}`,
  );
  pings.all();
  answers.push(
    pings.answer(
      `every interval ${PING_INTERVALS_MIN.join(', ')} min × 1..${maxPings} concurrent (not monotone)`,
    ),
  );

  // SnapStart: one setting (restores at the published latency) where the platform has it; a
  // runtime or package it does not support is a row saying why, not a silent omission
  if (findProvider(runner.base.provider)?.options?.some((o) => o.key === 'snapstart')) {
    const snap = family('snapstart', 1, ['snapstart'], () => 'snapstart');
    try {
      snap.at(0, 0);
      answers.push(snap.answer('restores from a snapshot instead of INIT (published restore times)'));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      answers.push(notPossible('snapstart', e.issues.map((i) => i.message).join('; ')));
    }
  }

  const meeting = answers.filter((a) => a.setting !== null);
  const best =
    meeting.length > 0
      ? (meeting.reduce((a, b) => ((b.monthlyUsd as number) < (a.monthlyUsd as number) ? b : a))
          .setting as string)
      : null;
  return { target, search: exhaustive ? 'exhaustive' : 'bisect', answers, best, cap };
}

/**
 * The fixed provisioned family over levels floor..maxLevel, then the auto-scaling family with MAX
 * maxLevel (see optimise).
 */
function searchProvisioned(
  family: FamilyOf,
  floor: number,
  maxLevel: number,
  exhaustive: boolean,
): FamilyAnswer[] {
  const levels = family(
    'provisioned',
    1,
    Array.from({ length: maxLevel - floor + 1 }, (_, i) => String(floor + i)),
    (_row, level) => `provisioned:${level}`,
  );
  if (exhaustive) levels.all();
  else levels.bisectRung(0, maxLevel - floor, false);
  const fixed = levels.answer(`levels ${floor}..${maxLevel}`);

  // auto-scaling: rows are the floor MIN = row + floor, from the platform's floor up to the fixed level
  // the provisioned family chose (a floor that high meets the target whatever the target; a higher one
  // only costs more), or up to maxLevel when no fixed level meets it. A higher floor or a lower target
  // means fewer cold starts: the lowest floor that meets the target at the lowest target is bisected,
  // then each floor from there up bisects the target among those at or above the one the floor below
  // needed, until the cheapest target meets it (a higher floor costs more at the same target).
  const topMin = fixed.setting !== null ? Number(fixed.setting.slice('provisioned:'.length)) : maxLevel;
  const floors = topMin - floor + 1;
  const autos = family(
    'provisioned-auto',
    floors,
    AUTO_TARGETS.map(String),
    (row, t) => `provisioned:auto:${t}:${row + floor}:${maxLevel}`,
  );
  const safest = AUTO_TARGETS.length - 1;
  if (exhaustive) autos.all();
  else if (autos.meetsAt(floors - 1, safest)) {
    const lowest = firstTrue(floors - 1, (row) => autos.meetsAt(row, safest));
    for (let row = lowest, top = safest; row < floors && top > 0; row++) {
      const first = autos.bisectRung(row, top, true);
      if (first >= 0) top = first;
    }
  }
  return [
    fixed,
    autos.answer(`targets ${AUTO_TARGETS.join(', ')} × MIN ${floor}..${topMin}, MAX ${maxLevel}`),
  ];
}

/** A family with no setting the configuration allows: nothing simulated. */
function notPossible(family: StrategyFamily, note: string): FamilyAnswer {
  return {
    family,
    setting: null,
    monthlyUsd: null,
    value: null,
    bestValue: NaN,
    bestSetting: '',
    simulations: 0,
    note,
  };
}

/**
 * The settings of one family a search evaluated, on its grid of rows × rungs (rungs ordered from
 * cheapest to most protective). Simulations come from the shared runner, so settings the comparison
 * or the break-even ran cost nothing more; each is counted once for the family.
 */
class FamilyGrid {
  /** results by grid index (row × rungs + rung) */
  readonly #results = new Map<number, SimulationResult>();
  constructor(
    readonly runner: StrategyRunner,
    readonly family: StrategyFamily,
    readonly rows: number,
    readonly rungs: number,
    readonly strategy: (row: number, rung: number) => Strategy,
    readonly meets: (r: SimulationResult) => boolean,
    readonly value: (r: SimulationResult) => number,
  ) {}

  at(row: number, rung: number): SimulationResult {
    const i = row * this.rungs + rung;
    let r = this.#results.get(i);
    if (!r) {
      r = this.runner.run(this.strategy(row, rung));
      this.#results.set(i, r);
    }
    return r;
  }

  meetsAt(row: number, rung: number): boolean {
    return this.meets(this.at(row, rung));
  }

  /** Every grid point. */
  all(): void {
    for (let row = 0; row < this.rows; row++)
      for (let rung = 0; rung < this.rungs; rung++) this.at(row, rung);
  }

  /**
   * The first rung of a row at or below `top` that meets the target, by bisection, or -1. With
   * `topMeets` the search takes `top` to meet (the row below met there) and checks it only if it is
   * the answer. Rungs after the first are then tried while they cost less: they protect more but are
   * not always dearer (provisioned capacity can undercut on-demand).
   */
  bisectRung(row: number, top: number, topMeets: boolean): number {
    if (!topMeets && !this.meetsAt(row, top)) return -1;
    const hi = firstTrue(top, (rung) => this.meetsAt(row, rung));
    if (!this.meetsAt(row, hi)) return -1;
    for (
      let i = hi + 1;
      i < this.rungs && this.at(row, i).cost.monthlyUsd < this.at(row, i - 1).cost.monthlyUsd;
      i++
    );
    return hi;
  }

  /** The cheapest evaluated setting that meets the target (equal costs go to the earlier grid point), else the best value reached. */
  answer(note: string): FamilyAnswer {
    const done = [...this.#results.entries()].sort((a, b) => a[0] - b[0]);
    let chosen: [number, SimulationResult] | null = null;
    let closest = done[0] as [number, SimulationResult];
    for (const d of done) {
      if (
        this.meets(d[1]) &&
        (chosen === null || d[1].cost.monthlyUsd < chosen[1].cost.monthlyUsd * (1 - 1e-12))
      )
        chosen = d;
      if (this.value(d[1]) < this.value(closest[1])) closest = d;
    }
    const name = (i: number): string => this.strategy(Math.floor(i / this.rungs), i % this.rungs).name;
    return {
      family: this.family,
      setting: chosen ? name(chosen[0]) : null,
      monthlyUsd: chosen ? chosen[1].cost.monthlyUsd : null,
      value: chosen ? this.value(chosen[1]) : null,
      bestValue: this.value(closest[1]),
      bestSetting: name(closest[0]),
      simulations: this.#results.size,
      note,
    };
  }
}

/** The first i in 0..top for which `ok` holds, by bisection: `ok` is taken to hold at top and from its first true on. */
function firstTrue(top: number, ok: (i: number) => boolean): number {
  let lo = 0;
  let hi = top; // invariant: ok(hi), or hi = top
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}
