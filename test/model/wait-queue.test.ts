/** WaitQueues driven alone on the engine's clock: FIFO order, timeouts, the functions with a queue. */
import { describe, expect, test } from 'vitest';
import { Simulator } from '../../src/engine/simulator.js';
import { INV } from '../../src/model/observer.js';
import { WaitQueues } from '../../src/model/wait-queue.js';

/** A queue with a 1,000 ms timeout whose fired timeouts are recorded as [time, id] and passed on. */
function queue(timeoutMs = 1000) {
  const sim = new Simulator(0);
  const timedOut: [number, number][] = [];
  const q: WaitQueues = new WaitQueues(timeoutMs, sim, {
    fire: (id, t) => {
      timedOut.push([t, id]);
      q.timeOut(id);
    },
  });
  for (let fn = 0; fn < 3; fn++) q.addFunction();
  return { sim, q, timedOut };
}

const enqueue = (q: WaitQueues, fn: number, arrivalMs: number, reason = 1) =>
  q.enqueue(fn, 0, arrivalMs, 50, NaN, NaN, NaN, reason);

describe('WaitQueues', () => {
  test('requests leave their function queue first in, first out, marked INV.queued', () => {
    const { q } = queue();
    const a = enqueue(q, 1, 0);
    const b = enqueue(q, 1, 10);
    const c = enqueue(q, 1, 20, 2);
    expect([q.count(1), q.total, q.head(1)]).toEqual([3, 3, a]);
    expect(q.requests.flags[c]).toBe(INV.queued);
    expect(q.requests.tag[c]).toBe(2);
    const served: number[] = [];
    while (q.count(1) > 0) {
      served.push(q.head(1));
      q.serveHead(1);
    }
    expect(served).toEqual([a, b, c]);
    expect([q.head(1), q.total, q.requests.size]).toEqual([-1, 0, 0]);
  });

  test('a request times out at its arrival + timeout; one served before that never does', () => {
    // timeout 1,000: A (t=0) and B (t=300) wait; A is served at 500, B times out at 1,300.
    const { sim, q, timedOut } = queue();
    enqueue(q, 0, 0);
    const b = enqueue(q, 0, 300);
    sim.run(500);
    q.serveHead(0);
    sim.run();
    expect(timedOut).toEqual([[1300, b]]);
    expect([q.count(0), q.total]).toEqual([0, 0]);
  });

  test('timeouts of several queues fire in arrival order, each from its own queue', () => {
    const { sim, q, timedOut } = queue(250);
    const a = enqueue(q, 2, 0);
    const b = enqueue(q, 0, 100);
    const c = enqueue(q, 2, 100);
    sim.run();
    // 0 + 250, then B and C both at 100 + 250, in the order they were queued
    expect(timedOut).toEqual([
      [250, a],
      [350, b],
      [350, c],
    ]);
    expect(q.waitingFns).toEqual([]);
  });

  test('the functions with a queue are listed in index order, whatever order they started waiting in', () => {
    const { q } = queue();
    enqueue(q, 2, 0);
    enqueue(q, 0, 1);
    enqueue(q, 1, 2);
    enqueue(q, 0, 3);
    expect(q.waitingFns).toEqual([0, 1, 2]);
    q.serveHead(1);
    expect(q.waitingFns).toEqual([0, 2]);
    q.serveHead(0);
    expect(q.waitingFns).toEqual([0, 2]);
    q.serveHead(0);
    expect(q.waitingFns).toEqual([2]);
  });

  test('ids of served requests are reused, and the FIFO links stay right across reuse', () => {
    const { q } = queue();
    const a = enqueue(q, 0, 0);
    enqueue(q, 0, 1);
    q.serveHead(0); // a's id is free again
    const c = enqueue(q, 0, 2);
    expect(c).toBe(a);
    const order: number[] = [];
    while (q.count(0) > 0) {
      order.push(q.requests.arrivalMs[q.head(0)] as number);
      q.serveHead(0);
    }
    expect(order).toEqual([1, 2]);
  });

  test('a timeout for a request that is not at the head is a broken queue', () => {
    const { q } = queue();
    enqueue(q, 0, 0);
    const b = enqueue(q, 0, 1);
    expect(() => q.timeOut(b)).toThrow('not at the head of its queue');
  });

  test('a timeout must be finite and not negative', () => {
    const sim = new Simulator(0);
    const target = { fire: () => {} };
    expect(() => new WaitQueues(-1, sim, target)).toThrow(
      'queueTimeoutMs must be a finite number ≥ 0, got -1',
    );
    expect(() => new WaitQueues(Infinity, sim, target)).toThrow('got Infinity');
    expect(() => new WaitQueues(NaN, sim, target)).toThrow('got NaN');
  });
});
