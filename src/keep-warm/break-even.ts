/**
 * Provisioned break-even for a trace: the monthly bill at each fixed provisioned level next to the
 * bill with none, the level where they cross, and the textbook utilisation at which a provisioned
 * environment pays for itself (capacity price / (on-demand − provisioned duration price): 60 % for
 * Lambda x86 in us-east-1).
 */
import type { CostLine } from '../pricing/cost.js';
import type { ProvisionedPrices } from '../providers/types.js';
import { usd } from '../report/format.js';
import { settingsOf, type ProvisionedCeiling } from '../simulate.js';
import type { StrategyRunner } from './runner.js';
import { parseStrategy } from './strategy.js';

export interface LevelCost {
  level: number;
  monthlyUsd: number;
  /** busy time / configured time of the provisioned instances */
  utilization: number;
  coldStartRate: number;
}

export interface BreakEven {
  onDemandMonthlyUsd: number;
  levels: LevelCost[];
  /**
   * The (interpolated) level at which provisioned costs what on-demand costs for this traffic: below
   * it provisioning saves money. 0 when even one provisioned instance costs more; null when every
   * level tried is cheaper (the break-even lies above the highest level tried), or when no level is
   * possible (levels is empty).
   */
  breakEvenLevel: number | null;
  cheapestLevel: number;
  /** the textbook utilisation at which one provisioned instance costs what on-demand does, or null if the provider has no such prices */
  textbookUtilization: number | null;
  explanation: string;
  /** the configuration's ceiling on provisioned levels, when it kept the levels tried below the peak */
  cap: ProvisionedCeiling | null;
  /** full simulations of the trace the table ran (levels equal to a strategy already run are shared, not rerun) */
  simulations: number;
}

/**
 * Levels tried: the platform's floor (1 on most) up to the peak concurrency without provisioning, at
 * most `maxRuns` of them, and none above what the configuration allows (the functions' caps, the
 * account's limit).
 */
export function breakEvenLevels(runner: StrategyRunner, maxRuns = 40): number[] {
  return levelPlan(runner, maxRuns).levels;
}

function levelPlan(
  runner: StrategyRunner,
  maxRuns: number,
): { levels: number[]; cap: ProvisionedCeiling | null } {
  const none = runner.run(parseStrategy('none'));
  // from the platform's floor (Managed Instances keep 3): a level below it would run the floor
  const floor = Math.max(1, runner.provisionedFloor);
  const peak = Math.max(floor, runner.outcomes(none).peakConcurrency);
  const ceiling = runner.provisionedCeiling;
  const cap = ceiling !== null && ceiling.level < peak ? ceiling : null;
  const top = cap ? cap.level : peak;
  const step = Math.max(1, Math.ceil((top - floor + 1) / maxRuns));
  const levels: number[] = [];
  for (let level = floor; level <= top; level += step) levels.push(level);
  return { levels, cap };
}

/**
 * The break-even table. `ranBefore`: the strategies whose runs the table shares rather than makes
 * (default: whatever the runner had run), for its count of simulations.
 */
export function computeBreakEven(
  runner: StrategyRunner,
  maxRuns = 40,
  ranBefore: ReadonlySet<string> = runner.ran(),
): BreakEven {
  const none = runner.run(parseStrategy('none'));
  const { levels: tried, cap } = levelPlan(runner, maxRuns);
  const base = none.cost.monthlyUsd;
  const rows = [
    parseStrategy('none'),
    ...tried.map((level) => parseStrategy(`provisioned:${level}`, `provisioned:${level}`)),
  ];
  const simulations = rows.filter((s) => !ranBefore.has(s.description)).length;
  // from the price sheet: a run lists the provisioned prices only when it had provisioned instances
  const textbook = textbookUtilization(runner.provider.provisionedPrices?.(settingsOf(runner.base)) ?? null);
  if (tried.length === 0) {
    return {
      onDemandMonthlyUsd: base,
      levels: [],
      breakEvenLevel: null,
      cheapestLevel: 0,
      textbookUtilization: textbook,
      explanation: `no level is possible: ${(cap as ProvisionedCeiling).reason}`,
      cap,
      simulations,
    };
  }
  const levels: LevelCost[] = [];
  let firstLines: readonly CostLine[] = [];
  for (const level of tried) {
    const r = runner.run(parseStrategy(`provisioned:${level}`, `provisioned:${level}`));
    if (levels.length === 0) firstLines = r.cost.lines;
    const o = runner.outcomes(r);
    levels.push({
      level,
      monthlyUsd: r.cost.monthlyUsd,
      utilization: o.provisionedUtilization,
      coldStartRate: o.coldStartRate,
    });
  }
  let breakEvenLevel: number | null = null;
  const first = levels[0] as LevelCost;
  if (first.monthlyUsd > base) breakEvenLevel = 0;
  else {
    for (let i = 1; i < levels.length; i++) {
      const a = levels[i - 1] as LevelCost;
      const b = levels[i] as LevelCost;
      if (a.monthlyUsd <= base && b.monthlyUsd > base) {
        breakEvenLevel =
          a.level + ((base - a.monthlyUsd) / (b.monthlyUsd - a.monthlyUsd)) * (b.level - a.level);
        break;
      }
    }
  }
  const cheapest = levels.reduce((x, y) => (y.monthlyUsd < x.monthlyUsd ? y : x), first);
  let explanation: string;
  if (breakEvenLevel === 0) {
    const fewest =
      first.level === 1
        ? '1 provisioned instance costs'
        : `the ${first.level} provisioned instances the platform keeps at least cost`;
    explanation = `even ${fewest} more than on-demand for this traffic (${first.level === 1 ? 'its' : 'their'} utilisation is ${pctText(first.utilization)}${whyDearer(first.utilization, textbook, firstLines, none.cost.lines)})`;
  } else if (breakEvenLevel === null) {
    explanation = `every level up to ${(levels[levels.length - 1] as LevelCost).level} costs less than on-demand; the break-even lies above`;
  } else {
    explanation = `provisioning up to ${breakEvenLevel.toFixed(1)} instances costs no more than on-demand; ${cheapest.level} is cheapest`;
  }
  return {
    onDemandMonthlyUsd: base,
    levels,
    breakEvenLevel,
    cheapestLevel: cheapest.level,
    textbookUtilization: textbook,
    explanation,
    cap,
    simulations,
  };
}

/** The lines the textbook utilisation weighs: provisioned capacity and duration against on-demand duration. */
const TEXTBOOK_LINES = new Set([
  'provisioned-capacity',
  'provisioned-used',
  'provisioned-duration',
  'duration',
]);

/**
 * Why the fewest provisioned instances cost more than none, said only when true: below the textbook
 * utilisation, that; at or above it, the other lines of the bill that cost more with them (a lost
 * free tier credit, provisioned INIT), or nothing when none does by a cent.
 */
function whyDearer(
  utilization: number,
  textbook: number | null,
  provisioned: readonly CostLine[],
  onDemand: readonly CostLine[],
): string {
  if (textbook === null) return '';
  if (utilization < textbook) return `, below the ${pctText(textbook)} at which one pays for itself`;
  const dearer = provisioned
    .filter((l) => !TEXTBOOK_LINES.has(l.id))
    .map((l) => ({
      label: l.label,
      more: l.monthlyUsd - (onDemand.find((o) => o.id === l.id)?.monthlyUsd ?? 0),
    }))
    .filter((d) => d.more >= 0.005)
    .sort((a, b) => b.more - a.more);
  const above = `, ${utilization > textbook ? 'above' : 'at'} the ${pctText(textbook)} at which one pays for itself`;
  if (dearer.length === 0) return above;
  const what = dearer.map((d) => `${lowerFirst(d.label)} +${usd(d.more)}`).join(', ');
  return `${above}; what makes it dearer: ${what}`;
}

/** "Free tier credit" → "free tier credit"; "INIT duration" stays. */
function lowerFirst(label: string): string {
  const second = label.charAt(1);
  return second !== '' && second === second.toLowerCase()
    ? label.charAt(0).toLowerCase() + label.slice(1)
    : label;
}

/** capacity / (on-demand duration − provisioned duration), from the price sheet's prices. */
function textbookUtilization(p: ProvisionedPrices | null): number | null {
  if (p === null || p.onDemand <= p.duration) return null;
  return p.capacity / (p.onDemand - p.duration);
}

function pctText(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–';
}
