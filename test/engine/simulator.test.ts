import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { EventQueue, Simulator, type EventTarget } from '../../src/engine/index.js';

function recorder(): { log: string[]; target: (name: string) => EventTarget } {
  const log: string[] = [];
  return { log, target: (name) => ({ fire: (arg, t) => log.push(`${name}@${t}:${arg}`) }) };
}

describe('Simulator', () => {
  test('runs events by time, then lane, then scheduling order', () => {
    const sim = new Simulator();
    const { log, target } = recorder();
    sim.at(10, 2, target('c'), 0);
    sim.at(10, 0, target('a'), 0);
    sim.at(5, 5, target('first'), 0);
    sim.at(10, 2, target('d'), 0); // same time and lane as c: after c
    sim.at(10, 1, target('b'), 0);
    sim.run();
    expect(log).toEqual(['first@5:0', 'a@10:0', 'b@10:0', 'c@10:0', 'd@10:0']);
  });

  test('post queues like at, in the same order with it, and checks its time and lane the same way', () => {
    const sim = new Simulator();
    const { log, target } = recorder();
    sim.post(10, 2, target('c'), 0);
    sim.at(10, 0, target('a'), 1);
    sim.post(10, 2, target('d'), 2);
    sim.post(10, 1, target('b'), 3);
    sim.run();
    expect(log).toEqual(['a@10:1', 'b@10:3', 'c@10:0', 'd@10:2']);
    expect(() => sim.post(5, 0, target('x'), 0)).toThrow(/cannot schedule an event at 5 ms/);
    expect(() => sim.post(20, 255, target('x'), 0)).toThrow(/lane must be an integer 0..254/);
    expect(sim.pendingCount).toBe(0);
  });

  test('keeps fractional milliseconds exactly', () => {
    const sim = new Simulator();
    const { log, target } = recorder();
    sim.at(0.001, 0, target('us'), 0);
    sim.at(1e-4, 0, target('tenth-us'), 0);
    sim.run();
    expect(log).toEqual(['tenth-us@0.0001:0', 'us@0.001:0']);
  });

  test('a cancelled event does not fire, and cancelling twice or a fired event is harmless', () => {
    const sim = new Simulator();
    const { log, target } = recorder();
    const a = sim.at(1, 0, target('a'), 0);
    const b = sim.at(2, 0, target('b'), 0);
    sim.cancel(a);
    sim.cancel(a);
    sim.run();
    sim.cancel(b);
    expect(log).toEqual(['b@2:0']);
    expect(sim.pendingCount).toBe(0);
  });

  test('a stale handle does not cancel the event that reused its slot', () => {
    const sim = new Simulator();
    const { log, target } = recorder();
    const a = sim.at(1, 0, target('a'), 0);
    sim.run(); // a fired, its slot is free
    sim.at(2, 0, target('b'), 0); // reuses the slot
    sim.cancel(a);
    sim.run();
    expect(log).toEqual(['a@1:0', 'b@2:0']);
  });

  test('advanceBefore stops before events in the same or a later lane at that time', () => {
    const sim = new Simulator();
    const { log, target } = recorder();
    sim.at(10, 0, target('complete'), 0);
    sim.at(10, 1, target('expire'), 0);
    sim.at(10, 5, target('same-lane'), 0);
    sim.advanceBefore(10, 5);
    expect(log).toEqual(['complete@10:0', 'expire@10:0']);
    expect(sim.nowMs).toBe(10);
  });

  test('run(until) leaves later events queued and moves the clock to until', () => {
    const sim = new Simulator();
    const { log, target } = recorder();
    sim.at(5, 0, target('a'), 0);
    sim.at(15, 0, target('b'), 0);
    sim.run(10);
    expect(log).toEqual(['a@5:0']);
    expect(sim.nowMs).toBe(10);
    sim.run();
    expect(log).toEqual(['a@5:0', 'b@15:0']);
  });

  test('refuses to schedule in the past or at a non-finite time', () => {
    const sim = new Simulator(100);
    const t: EventTarget = { fire: () => {} };
    expect(() => sim.at(99, 0, t, 0)).toThrow(/cannot schedule an event at 99 ms/);
    expect(() => sim.at(NaN, 0, t, 0)).toThrow(RangeError);
    expect(() => sim.at(Infinity, 0, t, 0)).toThrow(RangeError);
    expect(() => sim.advanceBefore(50, 0)).toThrow(/cannot advance/);
  });

  test('events scheduled while firing at the same time run in the same instant, by lane', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const late: EventTarget = { fire: (_a, t) => log.push(`late@${t}`) };
    const early: EventTarget = {
      fire: (_a, t) => {
        log.push(`early@${t}`);
        sim.at(t, 3, late, 0);
      },
    };
    sim.at(7, 0, early, 0);
    sim.run();
    expect(log).toEqual(['early@7', 'late@7']);
  });
});

describe('EventQueue', () => {
  test('entries in time order keep their order while the ring wraps and grows', () => {
    // 20 in, 10 out: the ring's head is at 10 of 32 when the next pushes fill it and make it grow twice
    const q = new EventQueue();
    const fired: number[] = [];
    const push = (i: number): void => {
      q.push(i, 1, { fire: () => fired.push(i) }, i);
    };
    for (let i = 0; i < 20; i++) push(i);
    for (let i = 0; i < 10; i++) q.popAndFire(() => {});
    for (let i = 20; i < 120; i++) push(i);
    while (q.popAndFire(() => {}));
    expect(fired).toEqual(Array.from({ length: 120 }, (_, i) => i));
  });
});

describe('EventQueue (property)', () => {
  test('pops in (time, lane, sequence) order for any pushes and cancellations', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            t: fc.integer({ min: 0, max: 50 }),
            lane: fc.integer({ min: 0, max: 5 }),
            cancel: fc.boolean(),
          }),
          { maxLength: 300 },
        ),
        (items) => {
          const q = new EventQueue();
          const fired: number[] = [];
          const ids = items.map((it, i) => q.push(it.t, it.lane, { fire: () => fired.push(i) }, i));
          items.forEach((it, i) => it.cancel && q.cancel(ids[i] as number));
          while (q.popAndFire(() => {}));
          const expected = items
            .map((it, i) => ({ ...it, i }))
            .filter((it) => !it.cancel)
            .sort((a, b) => a.t - b.t || a.lane - b.lane || a.i - b.i)
            .map((it) => it.i);
          expect(fired).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('pops in (time, lane, sequence) order while both heaps grow past their first 256 entries', () => {
    // Times drawn out of order (most below the ring's last, so they go to the heaps), in lanes 0 and
    // 1 to fill both, with a pop after every third push: the heaps grow from 256 to 1,024 entries
    // and sift through up to ten levels; the reference is a sort.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 700,
          maxLength: 1500,
        }),
        (items) => {
          const q = new EventQueue();
          const fired: number[] = [];
          const pending: { t: number; lane: number; i: number }[] = [];
          const expected: number[] = [];
          let now = 0;
          const popOne = (): void => {
            pending.sort((a, b) => a.t - b.t || a.lane - b.lane || a.i - b.i);
            const next = pending.shift();
            if (next !== undefined) {
              expected.push(next.i);
              now = next.t;
            }
            q.popAndFire(() => {});
          };
          items.forEach(([dt, lane], i) => {
            const t = now + dt;
            pending.push({ t, lane, i });
            q.push(t, lane, { fire: () => fired.push(i) }, i);
            if (i % 3 === 2) popOne();
          });
          while (pending.length > 0) popOne();
          expect(fired).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  });

  test('pops in (time, lane, sequence) order when pushes, pops and cancellations interleave', () => {
    // Pushes at now + a few fixed delays make runs in time order (they go to the ring), mixed with
    // earlier and equal-time pushes in other lanes (they go to the heaps); the reference is a sort.
    type Op =
      | { kind: 'push'; delay: number; lane: number }
      | { kind: 'pop' }
      | { kind: 'cancel'; pick: number };
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('push' as const),
        delay: fc.constantFrom(0, 1, 3, 10, 10, 10),
        lane: fc.integer({ min: 0, max: 3 }),
      }),
      fc.record({ kind: fc.constant('pop' as const) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op as fc.Arbitrary<Op>, { maxLength: 400 }), (ops) => {
        const q = new EventQueue();
        let now = 0;
        const pending: { t: number; lane: number; i: number; id: number }[] = [];
        const fired: number[] = [];
        const expected: number[] = [];
        let n = 0;
        const popOne = (): void => {
          pending.sort((a, b) => a.t - b.t || a.lane - b.lane || a.i - b.i);
          const next = pending.shift();
          if (next !== undefined) {
            expected.push(next.i);
            now = next.t;
          }
          q.popAndFire(() => {});
        };
        for (const o of ops) {
          if (o.kind === 'push') {
            const i = n++;
            const t = now + o.delay;
            pending.push({ t, lane: o.lane, i, id: q.push(t, o.lane, { fire: () => fired.push(i) }, i) });
          } else if (o.kind === 'pop') popOne();
          else if (pending.length > 0) {
            const [gone] = pending.splice(o.pick % pending.length, 1);
            q.cancel((gone as { id: number }).id);
          }
        }
        while (pending.length > 0) popOne();
        expect(q.popAndFire(() => {})).toBe(false);
        expect(fired).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
