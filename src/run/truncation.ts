/**
 * The samplers a run builds from configured distributions, kept so that the report can say how many
 * draws were truncated (issue 9 §0: a lognormal's tail is unbounded; see model/distribution.ts).
 */
import {
  describeDistribution,
  makeSampler,
  type DistributionSpec,
  type Sampler,
} from '../model/distribution.js';
import { formatDurationMs } from '../util/units.js';

type Purpose = 'INIT' | 'run-time';

/** Truncated draws by distribution (TruncationLedger.exportCounts). */
export type TruncationCounts = { key: string; redrawn: number; cut: number }[];

export class TruncationLedger {
  readonly #made: { purpose: Purpose; spec: DistributionSpec; sampler: Sampler }[] = [];
  readonly #timeoutMs: number;

  /** `timeoutMs`: the platform's longest run (Infinity where the provider states none). */
  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  sampler(purpose: Purpose, spec: DistributionSpec): Sampler {
    const sampler = makeSampler(spec, { timeoutMs: this.#timeoutMs });
    if (spec.kind === 'lognormal') this.#made.push({ purpose, spec, sampler });
    return sampler;
  }

  /** Draws truncated so far, by distribution (keyed by purpose and spec), for a shard of a simulate. */
  exportCounts(): TruncationCounts {
    return [...this.#totals().entries()].map(([key, t]) => ({ key, redrawn: t.redrawn, cut: t.cut }));
  }

  /** Adds a shard's truncated draws (its distributions are among this run's: the same configuration). */
  addCounts(counts: TruncationCounts): void {
    for (const c of counts) {
      const a = this.#added.get(c.key) ?? { redrawn: 0, cut: 0 };
      a.redrawn += c.redrawn;
      a.cut += c.cut;
      this.#added.set(c.key, a);
    }
  }

  readonly #added = new Map<string, { redrawn: number; cut: number }>();

  #totals(): Map<string, { purpose: Purpose; spec: DistributionSpec; redrawn: number; cut: number }> {
    const totals = new Map<
      string,
      { purpose: Purpose; spec: DistributionSpec; redrawn: number; cut: number }
    >();
    for (const m of this.#made) {
      const key = `${m.purpose} ${JSON.stringify(m.spec)}`;
      const t = totals.get(key) ?? { purpose: m.purpose, spec: m.spec, redrawn: 0, cut: 0 };
      const { redrawn, cut } = m.sampler.truncation();
      t.redrawn += redrawn;
      t.cut += cut;
      totals.set(key, t);
    }
    for (const [key, a] of this.#added) {
      const t = totals.get(key);
      if (t === undefined) continue;
      t.redrawn += a.redrawn;
      t.cut += a.cut;
    }
    return totals;
  }

  /** One sentence per distribution and kind of truncation that happened; none when nothing was truncated. */
  notes(platformLabel: string): string[] {
    const totals = this.#totals();
    const out: string[] = [];
    for (const t of totals.values()) {
      const what = `${t.purpose} draw${t.redrawn + t.cut === 1 ? '' : 's'} (${describeDistribution(t.spec)})`;
      if (t.redrawn > 0 && t.spec.kind === 'lognormal') {
        out.push(
          `${t.redrawn.toLocaleString('en-US')} ${what} were above the stated maximum ${formatDurationMs(t.spec.maxMs ?? Infinity)} and were drawn again`,
        );
      }
      if (t.cut > 0) {
        const consequence =
          t.purpose === 'INIT' ? 'those INITs would time out' : 'those requests would time out';
        out.push(
          `${t.cut.toLocaleString('en-US')} ${what} were past ${platformLabel}'s timeout of ${formatDurationMs(this.#timeoutMs)} and were cut at it: ${consequence}`,
        );
      }
    }
    return out;
  }
}
