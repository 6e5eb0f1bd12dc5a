/** Caps driven alone: what busy or alive instances a function and the account may have, and scaling tokens. */
import { describe, expect, test } from 'vitest';
import { Caps } from '../../src/model/caps.js';
import { FunctionRuntime } from '../../src/model/function-runtime.js';
import { THROTTLE } from '../../src/model/observer.js';
import { TokenBucket } from '../../src/model/token-bucket.js';
import { fnSpec, platformSpec } from '../helpers/model.js';

function setUp(limitCounts: 'busy-instances' | 'alive-instances') {
  // account limit 5; function 0 reserves 2, functions 1 and 2 share the other 3
  const caps = new Caps(platformSpec({ concurrencyLimit: 5, limitCounts }));
  const fns = [
    fnSpec({ name: 'r', reservedConcurrency: 2 }),
    fnSpec({ name: 'a' }),
    fnSpec({ name: 'b' }),
  ].map((s, i) => {
    caps.addFunction(s);
    return new FunctionRuntime(i, s);
  });
  return { caps, fns: fns as [FunctionRuntime, FunctionRuntime, FunctionRuntime] };
}

describe('caps counting busy instances (Lambda)', () => {
  test('a reserved function stops at its reservation, the others share the rest of the account', () => {
    const {
      caps,
      fns: [r, a, b],
    } = setUp('busy-instances');
    caps.busy(r);
    caps.busy(r);
    expect(caps.activationBlocked(r)).toBe(THROTTLE.functionLimit);
    // 5 − 2 reserved = 3 for a and b together
    caps.busy(a);
    caps.busy(a);
    expect(caps.activationBlocked(b)).toBe(-1);
    caps.busy(b);
    expect([caps.activationBlocked(a), caps.activationBlocked(b)]).toEqual([
      THROTTLE.accountLimit,
      THROTTLE.accountLimit,
    ]);
    caps.idle(a);
    expect(caps.activationBlocked(b)).toBe(-1);
    expect([r.busyInstances, a.busyInstances, b.busyInstances]).toEqual([2, 1, 1]);
  });

  test('idle instances do not count', () => {
    const {
      caps,
      fns: [, a],
    } = setUp('busy-instances');
    for (let i = 0; i < 10; i++) caps.started(a);
    expect(caps.capBlocked(a)).toBe(-1);
    expect(a.aliveInstances).toBe(10);
  });
});

describe('caps counting alive instances (maximum instances)', () => {
  test('a function stops at its maximum instance count, the account at its limit, busy or not', () => {
    const {
      caps,
      fns: [r, a],
    } = setUp('alive-instances');
    caps.started(r);
    caps.started(r);
    expect(caps.capBlocked(r)).toBe(THROTTLE.functionLimit);
    caps.started(a);
    caps.started(a);
    expect(caps.capBlocked(a)).toBe(-1);
    caps.started(a); // 5 alive in the account
    expect(caps.capBlocked(a)).toBe(THROTTLE.accountLimit);
    caps.stopped(r);
    expect([caps.capBlocked(a), caps.capBlocked(r)]).toEqual([-1, -1]);
  });
});

describe('scaling tokens', () => {
  test('a new instance takes a token; without one it is blocked by the scaling rate', () => {
    const {
      caps,
      fns: [, a],
    } = setUp('busy-instances');
    // burst 2, one token a second
    a.scaling = new TokenBucket({ burst: 2, perMs: 1 / 1000 }, 0);
    expect([
      caps.creationBlocked(a, 0, false),
      caps.creationBlocked(a, 0, false),
      caps.creationBlocked(a, 0, false),
    ]).toEqual([-1, -1, THROTTLE.scalingRate]);
    expect(caps.creationBlocked(a, 999, false)).toBe(THROTTLE.scalingRate);
    expect(caps.creationBlocked(a, 1000, false)).toBe(-1);
  });

  test('async requests draw on their own bucket where the platform has one', () => {
    const {
      caps,
      fns: [, a],
    } = setUp('busy-instances');
    a.scaling = new TokenBucket({ burst: 1, perMs: 1 / 1000 }, 0);
    a.asyncScaling = new TokenBucket({ burst: 1, perMs: 1 / 30_000 }, 0);
    expect([caps.creationBlocked(a, 0, true), caps.creationBlocked(a, 0, false)]).toEqual([-1, -1]);
    // at 1 s the sync bucket has a token again, the async one (one per 30 s) has not
    expect([caps.creationBlocked(a, 1000, true), caps.creationBlocked(a, 1000, false)]).toEqual([
      THROTTLE.scalingRate,
      -1,
    ]);
  });

  test('a cap is checked before the bucket, so a capped request takes no token', () => {
    const {
      caps,
      fns: [r],
    } = setUp('busy-instances');
    r.scaling = new TokenBucket({ burst: 1, perMs: 1e-9 }, 0);
    caps.busy(r);
    caps.busy(r);
    expect(caps.creationBlocked(r, 0, false)).toBe(THROTTLE.functionLimit);
    caps.idle(r);
    expect(caps.creationBlocked(r, 0, false)).toBe(-1);
  });
});
