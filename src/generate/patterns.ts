/**
 * Arrival processes for `faasim generate`. Each yields arrival times in ms from the trace's start,
 * in increasing order, until the span ends. Rates are given per second and used per ms.
 *
 * - poisson: a homogeneous Poisson process at `rate`.
 * - diurnal: a non-homogeneous Poisson process with rate
 *     λ(t) = rate · w(day) · (1 + amplitude · cos(2π (hourOfDay(t) − peakHour) / 24)),
 *   w = 1 on weekdays and `weekendFactor` on Saturdays and Sundays (UTC), drawn by thinning
 *   (Lewis–Shedler): candidates at the day's maximum rate, each kept with probability λ(t)/max.
 *   Over a whole weekday the mean rate is `rate`.
 * - bursty: a two-state Markov-modulated Poisson process. ON and OFF periods last exponential times
 *   with means `onMs` and `offMs`; the rate is λ_on while ON and `offRateFactor`·λ_on while OFF, with
 *   λ_on chosen so the long-run mean rate is `rate`: λ_on = rate / (π + (1 − π)·offRateFactor),
 *   π = onMs / (onMs + offMs). The first state is drawn from the stationary law (ON with probability π).
 * - spike: Poisson at `rate`, stepping to `factor`·rate during [atMs, atMs + forMs).
 */
import type { Rng } from '../util/rng.js';

export type PatternSpec =
  | { kind: 'poisson' }
  | { kind: 'diurnal'; peakHour: number; amplitude: number; weekendFactor: number }
  | { kind: 'bursty'; onMs: number; offMs: number; offRateFactor: number }
  | { kind: 'spike'; atMs: number; forMs: number; factor: number };

export const PATTERNS = ['poisson', 'diurnal', 'bursty', 'spike'] as const;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Arrival times, one call at a time: `next()` returns the next time (ms from the start), or Infinity past the span. */
export interface ArrivalProcess {
  next(): number;
}

/**
 * A Poisson process whose rate is constant within segments: `segment(t)` gives the rate (per ms) from
 * t and the time it holds until. A draw crossing a segment's end restarts at the end with the new
 * rate (exact, as exponential gaps are memoryless).
 */
class PiecewisePoisson implements ArrivalProcess {
  #t = 0;
  #rate = 0;
  #until = 0;

  constructor(
    private readonly rng: Rng,
    private readonly spanMs: number,
    private readonly segment: (t: number) => { ratePerMs: number; untilMs: number },
  ) {
    this.#enter(0);
  }

  #enter(t: number): void {
    const s = this.segment(t);
    this.#rate = s.ratePerMs;
    this.#until = Math.min(s.untilMs, this.spanMs);
  }

  next(): number {
    for (;;) {
      if (this.#t >= this.spanMs) return Infinity;
      const gap = this.#rate > 0 ? this.rng.exponential(this.#rate) : Infinity;
      if (this.#t + gap < this.#until) {
        this.#t += gap;
        return this.#t;
      }
      this.#t = this.#until;
      this.#enter(this.#t);
    }
  }
}

/** Hour of day (UTC, fractional) and whether it is a Saturday or Sunday, at epoch ms `e`. */
function clockOf(e: number): { hour: number; weekend: boolean } {
  const day = Math.floor(e / DAY_MS);
  const dow = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
  return { hour: (e - day * DAY_MS) / HOUR_MS, weekend: dow === 0 || dow === 6 };
}

/** The diurnal rate per second at epoch ms `e`. */
function diurnalRatePerS(ratePerS: number, p: Extract<PatternSpec, { kind: 'diurnal' }>, e: number): number {
  const c = clockOf(e);
  return (
    ratePerS *
    (c.weekend ? p.weekendFactor : 1) *
    (1 + p.amplitude * Math.cos((2 * Math.PI * (c.hour - p.peakHour)) / 24))
  );
}

class Thinned implements ArrivalProcess {
  constructor(
    private readonly candidates: ArrivalProcess,
    private readonly rng: Rng,
    private readonly keep: (t: number) => number,
  ) {}

  next(): number {
    for (;;) {
      const t = this.candidates.next();
      if (t === Infinity || this.rng.next() < this.keep(t)) return t;
    }
  }
}

/** The arrival process of a pattern. `startEpochMs` places the trace on the clock (diurnal). */
export function arrivalProcess(
  pattern: PatternSpec,
  ratePerS: number,
  spanMs: number,
  startEpochMs: number,
  rng: Rng,
): ArrivalProcess {
  const perMs = ratePerS / 1000;
  switch (pattern.kind) {
    case 'poisson':
      return new PiecewisePoisson(rng.fork('gaps'), spanMs, () => ({ ratePerMs: perMs, untilMs: Infinity }));
    case 'spike': {
      const end = pattern.atMs + pattern.forMs;
      return new PiecewisePoisson(rng.fork('gaps'), spanMs, (t) =>
        t < pattern.atMs
          ? { ratePerMs: perMs, untilMs: pattern.atMs }
          : t < end
            ? { ratePerMs: perMs * pattern.factor, untilMs: end }
            : { ratePerMs: perMs, untilMs: Infinity },
      );
    }
    case 'bursty': {
      const pi = pattern.onMs / (pattern.onMs + pattern.offMs);
      const onPerMs = perMs / (pi + (1 - pi) * pattern.offRateFactor);
      const states = rng.fork('states');
      let on = states.next() < pi;
      let first = true;
      return new PiecewisePoisson(rng.fork('gaps'), spanMs, (t) => {
        if (!first) on = !on;
        first = false;
        const untilMs = t + states.exponential(1 / (on ? pattern.onMs : pattern.offMs));
        return { ratePerMs: on ? onPerMs : onPerMs * pattern.offRateFactor, untilMs };
      });
    }
    case 'diurnal': {
      // candidates at each UTC day's highest rate, cut at midnights (weekday and weekend differ)
      const maxPerMs = (t: number): number =>
        perMs * (clockOf(startEpochMs + t).weekend ? pattern.weekendFactor : 1) * (1 + pattern.amplitude);
      const candidates = new PiecewisePoisson(rng.fork('gaps'), spanMs, (t) => {
        const e = startEpochMs + t;
        const midnight = (Math.floor(e / DAY_MS) + 1) * DAY_MS - startEpochMs;
        return { ratePerMs: maxPerMs(t), untilMs: midnight };
      });
      return new Thinned(
        candidates,
        rng.fork('thinning'),
        (t) => diurnalRatePerS(ratePerS, pattern, startEpochMs + t) / 1000 / maxPerMs(t),
      );
    }
  }
}
