/** A scaling rate: a bucket of new-instance tokens, refilled continuously up to its burst. */

/** tolerance on a whole token (see take) */
const TOKEN_EPS = 1e-9;

export class TokenBucket {
  #tokens: number;
  #atMs: number;

  /** `rate` null: unlimited */
  constructor(
    readonly rate: { burst: number; perMs: number } | null,
    nowMs: number,
  ) {
    this.#tokens = rate ? rate.burst : Infinity;
    this.#atMs = nowMs;
  }

  /** Takes a token if one is there at `nowMs`. */
  take(nowMs: number): boolean {
    const rate = this.rate;
    if (rate === null) return true;
    this.#tokens = Math.min(rate.burst, this.#tokens + (nowMs - this.#atMs) * rate.perMs);
    this.#atMs = nowMs;
    // A refill due exactly now can land a rounding error short of a whole token; counting it as
    // short would re-arm a wake-up at this same instant for ever.
    if (this.#tokens < 1 - TOKEN_EPS) return false;
    this.#tokens = Math.max(0, this.#tokens - 1);
    return true;
  }

  /** When the bucket next holds a whole token (Infinity when unlimited: it never runs out). */
  nextTokenAtMs(): number {
    const rate = this.rate;
    if (rate === null) return Infinity;
    return this.#atMs + Math.max(0, 1 - this.#tokens) / rate.perMs;
  }
}
