/**
 * "At what traffic does a container become cheaper?" (issue 15): the trace scaled up or down
 * (--traffic-scale's copies, src/traces/traffic.ts) until each container platform's monthly cost
 * falls to the cheapest function platform's. The scale is searched by doubling from the lowest level,
 * then bisected (geometrically) between the last level where the functions were cheaper and the
 * first where the container was; the answer is given in requests per second (the trace's mean rate ×
 * the scale), with both bills at that level.
 */
import type { SimulationConfig } from '../config.js';
import { adaptConfig } from '../compare.js';
import { InputError } from '../errors.js';
import { defaultPricingDir } from '../pricing/dir.js';
import { allProviders } from '../providers/registry.js';
import { simulateTrace } from '../simulate.js';
import { DEFAULT_JITTER_MS, transformTrace } from '../traces/traffic.js';
import type { Trace } from '../traces/trace.js';

export interface BreakEvenOptions {
  pricingDir?: string;
  /** the function platforms to beat (default: every provider not marked a container platform) */
  functions?: readonly string[];
  /** the container platforms to place (default: every provider marked one) */
  containers?: readonly string[];
  /** the range of traffic scales tried (default 1/64 .. 256) */
  minScale?: number;
  maxScale?: number;
  /** bisection steps once the crossing is bracketed (default 8: within 2^(1/256) ≈ 0.3 %) */
  steps?: number;
}

export interface BreakEvenRow {
  provider: string;
  label: string;
  /** 'above': cheaper from `scale` up; 'everywhere': cheaper at the lowest scale tried already; 'never': not cheaper up to the highest */
  kind: 'above' | 'everywhere' | 'never';
  /** the traffic scale of the crossing (the lowest or highest tried for 'everywhere' and 'never') */
  scale: number;
  requestsPerSecond: number;
  /** the container's monthly cost there, and the cheapest function platform's */
  containerUsd: number;
  functionUsd: number;
  /** that function platform */
  against: string;
}

/** The platforms `simulate --provider all` calls containers (Provider.container). */
export function containerProviderIds(): string[] {
  return allProviders()
    .filter((p) => p.container === true)
    .map((p) => p.id);
}

export function containerBreakEven(
  trace: Trace,
  config: SimulationConfig,
  o: BreakEvenOptions = {},
): BreakEvenRow[] {
  const pricingDir = o.pricingDir ?? defaultPricingDir();
  const containers = o.containers ?? containerProviderIds();
  const functions =
    o.functions ??
    allProviders()
      .filter((p) => p.container !== true)
      .map((p) => p.id);
  const minScale = o.minScale ?? 1 / 64;
  const maxScale = o.maxScale ?? 256;
  const steps = o.steps ?? 8;
  const spanS = (trace.info.lastMs - trace.info.firstMs) / 1000;
  const baseRate = spanS > 0 ? trace.data.count / spanS : NaN;

  const traces = new Map<number, Trace>();
  const scaled = (x: number): Trace => {
    let t = traces.get(x);
    if (!t) {
      t =
        x === 1
          ? trace
          : transformTrace(
              trace,
              { scale: x, jitterMs: DEFAULT_JITTER_MS, shiftMs: 0, start: null },
              config.seed,
            );
      traces.set(x, t);
    }
    return t;
  };
  const costs = new Map<string, number>();
  // a platform that cannot run the configuration (memory out of range, say) takes no part
  const cost = (provider: string, x: number): number => {
    const key = `${provider}@${x}`;
    let c = costs.get(key);
    if (c === undefined) {
      try {
        const adapted = adaptConfig({ ...config, spanMs: null }, provider, pricingDir);
        c = simulateTrace(scaled(x), adapted.config, { pricingDir }).cost.monthlyUsd;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        c = Infinity;
      }
      costs.set(key, c);
    }
    return c;
  };
  const cheapestFunction = (x: number): { id: string; usd: number } => {
    let best = { id: '', usd: Infinity };
    for (const f of functions) {
      const usd = cost(f, x);
      if (usd < best.usd) best = { id: f, usd };
    }
    return best;
  };
  const row = (provider: string, kind: BreakEvenRow['kind'], x: number): BreakEvenRow => {
    const f = cheapestFunction(x);
    const label = allProviders().find((p) => p.id === provider)?.label ?? provider;
    return {
      provider,
      label,
      kind,
      scale: x,
      requestsPerSecond: baseRate * x,
      containerUsd: cost(provider, x),
      functionUsd: f.usd,
      against: f.id,
    };
  };
  const cheaper = (provider: string, x: number): boolean => cost(provider, x) <= cheapestFunction(x).usd;

  return containers.map((provider) => {
    if (cheaper(provider, minScale)) return row(provider, 'everywhere', minScale);
    let lo = minScale;
    let hi = minScale * 2;
    while (hi <= maxScale && !cheaper(provider, hi)) {
      lo = hi;
      hi *= 2;
    }
    if (hi > maxScale) return row(provider, 'never', lo);
    for (let i = 0; i < steps; i++) {
      const mid = Math.sqrt(lo * hi);
      if (cheaper(provider, mid)) hi = mid;
      else lo = mid;
    }
    return row(provider, 'above', hi);
  });
}
