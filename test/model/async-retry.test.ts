/** AsyncRetries driven alone: doubling delays up to the cap, the maximum event age, retry times. */
import { describe, expect, test } from 'vitest';
import { Simulator } from '../../src/engine/simulator.js';
import { AsyncRetries } from '../../src/model/async-retry.js';

// first wait 1 s, doubling, at most 5 s; an event older than 20 s is dropped
const SPEC = { firstDelayMs: 1000, maxDelayMs: 5000, maxEventAgeMs: 20_000 };

describe('AsyncRetries', () => {
  test('the wait doubles from the first delay and stops at the maximum', () => {
    const r = new AsyncRetries(SPEC, new Simulator(0), { fire: () => {} });
    // 1000 × 2^attempt: 1000, 2000, 4000, then 8000 and 16000 capped at 5000
    expect([0, 1, 2, 3, 4].map((a) => r.delayMs(a))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  test('an event throttled at every try is retried at 1, 3, 7, 12, 17 s and dropped at 17 s', () => {
    // arrival 0: retries at 0+1, 1+2, 3+4, 7+5, 12+5 = 1, 3, 7, 12, 17 s; at 17 s the next retry
    // would be at 22 s, 22 s after arrival > 20 s: dropped.
    const sim = new Simulator(0);
    const fired: number[] = [];
    let dropped = NaN;
    const r: AsyncRetries = new AsyncRetries(SPEC, sim, {
      fire: (id, t) => {
        fired.push(t);
        const p = r.requests;
        const attempt = p.tag[id] as number;
        p.release(id);
        if (
          !r.schedule(
            t,
            p.fn[id] as number,
            p.flags[id] as number,
            p.arrivalMs[id] as number,
            0,
            NaN,
            NaN,
            NaN,
            attempt,
          )
        )
          dropped = t;
      },
    });
    expect(r.schedule(0, 4, 8, 0, 100, NaN, NaN, NaN, 0)).toBe(true);
    sim.run();
    expect(fired).toEqual([1000, 3000, 7000, 12_000, 17_000]);
    expect(dropped).toBe(17_000);
    expect(r.requests.size).toBe(0);
  });

  test('a retry exactly at the maximum age is still made; one a millisecond past it is not', () => {
    const r = new AsyncRetries(SPEC, new Simulator(0), { fire: () => {} });
    // now 19,000 + delay 1,000 − arrival 0 = 20,000: not more than the age
    expect(r.schedule(19_000, 0, 8, 0, 1, NaN, NaN, NaN, 0)).toBe(true);
    expect(r.schedule(19_001, 0, 8, 0, 1, NaN, NaN, NaN, 0)).toBe(false);
    expect(r.requests.size).toBe(1);
    // the parked event is the next attempt, with its columns as given
    expect([r.requests.fn[0], r.requests.flags[0], r.requests.tag[0]]).toEqual([0, 8, 1]);
  });
});
