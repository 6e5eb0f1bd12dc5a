/**
 * How long an idle instance lives after the end of its last request. Providers do not document it;
 * defaults come from published measurements cited in pricing/*.json.
 */
import type { Rng } from '../util/rng.js';
import { formatDurationMs, parseDurationMs } from '../util/units.js';

export type KeepAliveSpec =
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  | { kind: 'forever' };

/**
 * A keep-alive spec resolved for drawing many windows: `draw` gives a fixed window, a uniform draw
 * of one rng.next() over [minMs, maxMs], or Infinity (the instance never expires), without looking
 * at the spec's kind each time.
 */
export class KeepAliveDraw {
  /** 0: fixed, 1: uniform, 2: forever */
  readonly #kind: number;
  readonly #minMs: number;
  readonly #widthMs: number;

  constructor(spec: KeepAliveSpec) {
    if (spec.kind === 'fixed') {
      this.#kind = 0;
      this.#minMs = spec.ms;
      this.#widthMs = 0;
    } else if (spec.kind === 'uniform') {
      this.#kind = 1;
      this.#minMs = spec.minMs;
      this.#widthMs = spec.maxMs - spec.minMs;
    } else {
      this.#kind = 2;
      this.#minMs = Infinity;
      this.#widthMs = 0;
    }
  }

  /** The shortest window the spec allows (Infinity: never expires). */
  get minMs(): number {
    return this.#minMs;
  }

  draw(rng: Rng): number {
    const kind = this.#kind;
    if (kind === 1) return this.#minMs + rng.next() * this.#widthMs;
    return this.#minMs; // fixed, or Infinity for forever
  }
}

/** Parses "10m", "5m..7m" or "forever". Returns undefined if the text is none of these. */
export function parseKeepAlive(text: string): KeepAliveSpec | undefined {
  const t = text.trim();
  if (t === 'forever' || t === 'never') return { kind: 'forever' };
  const range = t.split('..');
  if (range.length === 2) {
    const minMs = parseDurationMs(range[0] as string);
    const maxMs = parseDurationMs(range[1] as string);
    if (minMs === undefined || maxMs === undefined || maxMs < minMs) return undefined;
    return minMs === maxMs ? { kind: 'fixed', ms: minMs } : { kind: 'uniform', minMs, maxMs };
  }
  const ms = parseDurationMs(t);
  return ms === undefined ? undefined : { kind: 'fixed', ms };
}

export function describeKeepAlive(spec: KeepAliveSpec): string {
  switch (spec.kind) {
    case 'fixed':
      return formatDurationMs(spec.ms);
    case 'uniform':
      return `uniform ${formatDurationMs(spec.minMs)}..${formatDurationMs(spec.maxMs)}`;
    case 'forever':
      return 'forever (never expires)';
  }
}
